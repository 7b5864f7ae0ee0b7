#!/usr/bin/env bash
# The demo: a card payment flow through the SDK in one command.
#
#   ./scripts/demo.sh
#
# Installs the Debian packages that are missing (as root; otherwise prints the apt-get
# line), builds yuno-sandbox and the examples it needs in build/ci (the tree
# ./scripts/test.sh uses, so nothing is built twice), starts examples/webhook_receiver and
# yuno-sandbox (sending its webhooks to the receiver) on free ports of 127.0.0.1, runs
# examples/checkout_flow against the sandbox, shows the webhooks the receiver verified, and
# stops both.
#
# With YUNO_PUBLIC_API_KEY / YUNO_PRIVATE_SECRET_KEY set (and YUNO_ACCOUNT_ID), the example
# runs against Yuno's sandbox with your keys instead: same program, same code path; no
# local sandbox is started.
set -euo pipefail

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
esac

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
build_dir="$repo_root/build/ci"
example="$build_dir/examples/yuno_example_checkout_flow"
receiver_exe="$build_dir/examples/yuno_example_webhook_receiver"
sandbox_exe="$build_dir/sandbox/yuno-sandbox"
startup_timeout_seconds=30
# The checkout flow makes five payment events: authorize, capture, refund, authorize, cancel.
expected_webhooks=5

banner() {
  printf '\n==== %s ====\n' "$*"
}

# stop_process, wait_for_line, wait_for_exit
# shellcheck source=scripts/lib/processes.sh
source "$repo_root/scripts/lib/processes.sh"

# Local sandbox unless the user's own Yuno keys are in the environment.
use_local_sandbox=1
if [[ -n "${YUNO_PUBLIC_API_KEY:-}" || -n "${YUNO_PRIVATE_SECRET_KEY:-}" ]]; then
  use_local_sandbox=0
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/yuno-demo.XXXXXX")
sandbox_pid=""
receiver_pid=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local status=$?
  if [[ -n "$sandbox_pid" ]] && kill -0 "$sandbox_pid" 2>/dev/null; then
    stop_process "$sandbox_pid"
  fi
  if [[ -n "$receiver_pid" ]] && kill -0 "$receiver_pid" 2>/dev/null; then
    stop_process "$receiver_pid"
  fi
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT

banner "yuno-cpp demo"
if ((use_local_sandbox)); then
  echo "Builds the SDK, starts yuno-sandbox (a local emulator of Yuno's API) on 127.0.0.1,"
  echo "and runs examples/checkout_flow.cpp against it: customer, checkout session, card"
  echo "authorization, partial capture, partial refund, and a cancelled second payment."
  echo "The sandbox's signed webhooks go to examples/webhook_receiver.cpp, which verifies them."
else
  echo "YUNO_* keys found in the environment: the example runs against the Yuno API they"
  echo "belong to (${YUNO_BASE_URL:-${YUNO_ENVIRONMENT:-chosen by the key prefix}})."
  echo "No local sandbox is started."
fi

banner "Debian packages"
# shellcheck source=scripts/deps.sh
source "$repo_root/scripts/deps.sh"
yuno_install_packages

banner "Build (build/ci)"
targets=(yuno_example_checkout_flow)
if ((use_local_sandbox)); then
  targets=(yuno-sandbox yuno_example_webhook_receiver "${targets[@]}")
fi
# Configured exactly as scripts/test.sh does, so the two share one build.
if [[ -n "${YUNO_API_SPEC_DIR:-}" ]]; then
  spec_dir_arg="-DYUNO_API_SPEC_DIR=$YUNO_API_SPEC_DIR"
else
  spec_dir_arg="-UYUNO_API_SPEC_DIR"
fi
jobs=$(nproc 2>/dev/null || echo 2)
mkdir -p "$build_dir"
build_log="$build_dir/demo-build.log"
echo "Targets: ${targets[*]}. The first build takes a few minutes."
echo "Compiler output: ${build_log#"$repo_root"/}"
if ! {
  cmake --preset ci "$spec_dir_arg" &&
    cmake --build --preset ci -j "$jobs" --target "${targets[@]}"
} >"$build_log" 2>&1; then
  echo "The build failed; the end of its log:" >&2
  tail -n 40 "$build_log" >&2
  exit 1
fi
echo "Built."

if ((use_local_sandbox)); then
  banner "Start the webhook receiver and yuno-sandbox"
  # One set of variables configures both sides: the sandbox reads the same YUNO_* keys as
  # the SDK. These are the sandbox's documented demo keys, not real credentials.
  export YUNO_PUBLIC_API_KEY=sandbox_yuno_cpp_demo_public_key
  export YUNO_PRIVATE_SECRET_KEY=yuno_cpp_demo_private_secret_key
  export YUNO_ACCOUNT_ID=8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f
  unset YUNO_ENVIRONMENT
  # Loopback traffic must not go through a proxy from the environment.
  export no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
  export NO_PROXY="$no_proxy"

  # The webhook receiver first, so that the sandbox can be told where to send events.
  export YUNO_WEBHOOK_SECRET=demo_webhook_secret  # shared by the sandbox and the receiver
  receiver_log="$workdir/webhook-receiver.log"
  "$receiver_exe" --port 0 --max-events "$expected_webhooks" >"$receiver_log" 2>&1 &
  receiver_pid=$!
  receiver_pattern='http://127\.0\.0\.1:[0-9]*/webhooks'
  if ! line=$(wait_for_line "$receiver_log" "$receiver_pattern" "$receiver_pid" \
    "$startup_timeout_seconds"); then
    echo "The webhook receiver did not start within ${startup_timeout_seconds} s. Its output:" >&2
    cat "$receiver_log" >&2
    exit 1
  fi
  webhook_url=$line

  sandbox_log="$workdir/yuno-sandbox.log"
  "$sandbox_exe" --host 127.0.0.1 --port 0 --webhook-url "$webhook_url" \
    --webhook-secret "$YUNO_WEBHOOK_SECRET" >"$sandbox_log" 2>&1 &
  sandbox_pid=$!
  if ! line=$(wait_for_line "$sandbox_log" 'listening on https\{0,1\}://[^ ]*' "$sandbox_pid" \
    "$startup_timeout_seconds"); then
    echo "yuno-sandbox did not start within ${startup_timeout_seconds} s. Its output:" >&2
    cat "$sandbox_log" >&2
    exit 1
  fi
  base_url=${line#listening on }
  export YUNO_BASE_URL="$base_url"
  echo "yuno-sandbox is listening on $base_url (process $sandbox_pid)."
  echo "Demo keys: public $YUNO_PUBLIC_API_KEY, account $YUNO_ACCOUNT_ID."
  echo "Webhooks go to $webhook_url (examples/webhook_receiver, process $receiver_pid)."
  echo "See docs/sandbox.md for its flags, test cards and fault injection."
else
  banner "Using your Yuno keys (no local sandbox)"
fi

banner "Run examples/checkout_flow"
failure=""
if "$example"; then
  status=0
else
  status=$?
  failure="the example exited with status $status"
fi

if ((use_local_sandbox)); then
  banner "Webhooks received and verified by examples/webhook_receiver"
  # The receiver exits by itself after the expected number of distinct events.
  wait_for_exit "$receiver_pid" "$startup_timeout_seconds" || true
  grep -v '^webhook receiver listening' "$receiver_log" || true
  if kill -0 "$receiver_pid" 2>/dev/null; then
    echo "(fewer than $expected_webhooks webhooks arrived within ${startup_timeout_seconds} s)"
    if ((status == 0)); then
      status=1
      failure="the webhooks did not all arrive"
    fi
  fi
  if command -v curl >/dev/null 2>&1; then
    stats=$(curl -fsS --noproxy '*' --max-time 5 "$YUNO_BASE_URL/_sandbox/stats" 2>/dev/null ||
      true)
    if [[ -n "$stats" ]]; then
      echo
      echo "yuno-sandbox's counters (GET $YUNO_BASE_URL/_sandbox/stats):"
      echo "  $stats"
    fi
  fi
fi

if ((use_local_sandbox)); then
  stop_process "$sandbox_pid"
  if kill -0 "$receiver_pid" 2>/dev/null; then
    stop_process "$receiver_pid"
  fi
  echo
  echo "Stopped yuno-sandbox and the webhook receiver."
fi

if ((status == 0)); then
  banner "Demo finished: the payment flow ran end to end"
  if ((use_local_sandbox)); then
    echo "Next: docs/sandbox.md (test cards, fault injection), docs/getting-started.md (your first program)."
  fi
else
  banner "Demo FAILED: $failure"
  if ((use_local_sandbox)); then
    echo "yuno-sandbox's output:" >&2
    cat "$sandbox_log" >&2
  fi
fi
exit "$status"
