#!/usr/bin/env bash
# The demo flow (scripts/demo.sh) under valgrind's memcheck: zero errors, zero leaks.
#
#   ./scripts/valgrind-demo.sh [--no-build] [BUILD_DIR]   # default build/ci (test.sh's tree)
#
# Builds, in BUILD_DIR (a non-sanitized tree, e.g. the `ci` preset's; configured with the ci
# preset when it has no CMakeCache.txt), yuno-sandbox, examples/webhook_receiver and
# examples/checkout_flow. Starts yuno-sandbox on a free port of 127.0.0.1 (not under
# valgrind: it is the test's server), the webhook receiver under valgrind, and then
# examples/checkout_flow under valgrind against the sandbox. Both SDK programs run with
#   valgrind --leak-check=full --error-exitcode=1 --errors-for-leak-kinds=definite,indirect
#            --show-leak-kinds=definite,indirect --track-origins=yes
# and no suppressions. Fails (exit 1, valgrind's report printed) when either program reports
# an error or a definite/indirect leak, exits non-zero, or the receiver does not get the
# flow's five webhooks. Prints the wall time of each program under valgrind. --no-build
# uses the three programs already in BUILD_DIR (examples/, sandbox/) as they are.
set -euo pipefail

build=1
case "${1:-}" in
  -h | --help) sed -n '2,17s/^# \{0,1\}//p' "$0"; exit 0 ;;
  --no-build) build=0; shift ;;
esac
(($# <= 1)) || { echo "usage: $0 [--no-build] [BUILD_DIR] (try --help)" >&2; exit 2; }

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
build_dir=${1:-build/ci}
mkdir -p "$build_dir"
build_dir=$(cd "$build_dir" && pwd)
startup_timeout_seconds=60  # valgrind starts programs slowly
expected_webhooks=5         # authorize, capture, refund, authorize, cancel

# shellcheck source=scripts/deps.sh
source "$repo_root/scripts/deps.sh"
# shellcheck source=scripts/lib/processes.sh
source "$repo_root/scripts/lib/processes.sh"
yuno_install_valgrind_packages

build_log="$build_dir/valgrind-demo-build.log"
if ((build)); then
  echo "Building yuno-sandbox and the examples in $build_dir (log: $build_log)."
  if ! {
    if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
      cmake --preset ci -B "$build_dir"
    fi
    cmake --build "$build_dir" -j "$(nproc 2>/dev/null || echo 2)" \
      --target yuno-sandbox yuno_example_webhook_receiver yuno_example_checkout_flow
  } >"$build_log" 2>&1; then
    echo "The build failed; the end of its log:" >&2
    tail -n 40 "$build_log" >&2
    exit 1
  fi
  if grep -Eq 'YUNO_SANITIZERS:[A-Z]*=.+' "$build_dir/CMakeCache.txt"; then
    echo "$build_dir is a sanitizer build: valgrind needs a plain one (e.g. the ci preset's)" >&2
    exit 2
  fi
fi

workdir=$(mktemp -d "${TMPDIR:-/tmp}/yuno-valgrind.XXXXXX")
sandbox_pid=""
receiver_pid=""
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  local status=$?
  [[ -n "$sandbox_pid" ]] && stop_process "$sandbox_pid" 10
  [[ -n "$receiver_pid" ]] && stop_process "$receiver_pid" 10
  rm -rf "$workdir"
  exit "$status"
}
trap cleanup EXIT

# shellcheck disable=SC2054  # the commas belong to valgrind's option values
valgrind_args=(--leak-check=full --error-exitcode=1 --errors-for-leak-kinds=definite,indirect
  --show-leak-kinds=definite,indirect --track-origins=yes --num-callers=30)

# The demo's keys (documented in scripts/demo.sh; not real credentials).
export YUNO_PUBLIC_API_KEY=sandbox_yuno_cpp_demo_public_key
export YUNO_PRIVATE_SECRET_KEY=yuno_cpp_demo_private_secret_key
export YUNO_ACCOUNT_ID=8b2f1c3e-5d4a-4e6b-9c7d-0a1b2c3d4e5f
export YUNO_WEBHOOK_SECRET=demo_webhook_secret
unset YUNO_ENVIRONMENT
export no_proxy="127.0.0.1,localhost${no_proxy:+,$no_proxy}"
export NO_PROXY="$no_proxy"

receiver_log="$workdir/receiver.log"
receiver_valgrind="$workdir/receiver.valgrind"
receiver_start=$(date +%s.%N)
valgrind "${valgrind_args[@]}" --log-file="$receiver_valgrind" \
  "$build_dir/examples/yuno_example_webhook_receiver" --port 0 \
  --max-events "$expected_webhooks" >"$receiver_log" 2>&1 &
receiver_pid=$!
if ! webhook_url=$(wait_for_line "$receiver_log" 'http://127\.0\.0\.1:[0-9]*/webhooks' "$receiver_pid" \
  "$startup_timeout_seconds"); then
  echo "The webhook receiver did not start within ${startup_timeout_seconds} s:" >&2
  cat "$receiver_log" "$receiver_valgrind" >&2
  exit 1
fi

sandbox_log="$workdir/sandbox.log"
"$build_dir/sandbox/yuno-sandbox" --host 127.0.0.1 --port 0 --webhook-url "$webhook_url" \
  --webhook-secret "$YUNO_WEBHOOK_SECRET" >"$sandbox_log" 2>&1 &
sandbox_pid=$!
if ! line=$(wait_for_line "$sandbox_log" 'listening on https\{0,1\}://[^ ]*' "$sandbox_pid" \
  "$startup_timeout_seconds"); then
  echo "yuno-sandbox did not start within ${startup_timeout_seconds} s:" >&2
  cat "$sandbox_log" >&2
  exit 1
fi
export YUNO_BASE_URL=${line#listening on }

failures=()
flow_valgrind="$workdir/checkout_flow.valgrind"
flow_start=$(date +%s.%N)
echo "Running examples/checkout_flow under valgrind against $YUNO_BASE_URL"
flow_status=0
valgrind "${valgrind_args[@]}" --log-file="$flow_valgrind" \
  "$build_dir/examples/yuno_example_checkout_flow" >"$workdir/checkout_flow.log" 2>&1 ||
  flow_status=$?
flow_end=$(date +%s.%N)
((flow_status == 0)) || failures+=("checkout_flow exited with status $flow_status")

# The receiver exits by itself after the flow's five distinct events.
receiver_status=0
if ! wait_for_exit "$receiver_pid" "$startup_timeout_seconds"; then
  failures+=("the webhook receiver did not get $expected_webhooks webhooks")
  stop_process "$receiver_pid" 10
else
  wait "$receiver_pid" || receiver_status=$?
fi
receiver_pid=""
receiver_end=$(date +%s.%N)
((receiver_status == 0)) || failures+=("webhook_receiver exited with status $receiver_status")

# Belt and braces over --error-exitcode: the summaries themselves.
check_report() {
  local name=$1 report=$2
  if ! grep -q 'ERROR SUMMARY: 0 errors' "$report"; then
    failures+=("$name: valgrind reported errors")
  fi
  if grep -Eq '(definitely|indirectly) lost: [1-9]' "$report"; then
    failures+=("$name: valgrind found leaks")
  fi
}
check_report checkout_flow "$flow_valgrind"
check_report webhook_receiver "$receiver_valgrind"

summary() {
  local name=$1 report=$2 seconds=$3
  printf '%-18s %6.1f s  %s; %s\n' "$name" "$seconds" \
    "$(grep -o 'ERROR SUMMARY: [0-9]* errors' "$report" | tail -n 1)" \
    "$(grep -o 'definitely lost: [0-9,]* bytes' "$report" | tail -n 1 || echo 'no leaks')"
}
echo
echo "==== valgrind on the demo flow"
summary checkout_flow "$flow_valgrind" "$(awk "BEGIN { print $flow_end - $flow_start }")"
summary webhook_receiver "$receiver_valgrind" "$(awk "BEGIN { print $receiver_end - $receiver_start }")"
if ((${#failures[@]} > 0)); then
  for report in "$workdir"/checkout_flow.log "$flow_valgrind" "$receiver_log" "$receiver_valgrind"; do
    echo "---- $(basename "$report")" >&2
    cat "$report" >&2
  done
  printf 'FAILED: %s\n' "${failures[@]}" >&2
  exit 1
fi
echo "No errors and no leaks in either program."
