#!/usr/bin/env bash
# The test command: installs the Debian packages the build needs (as root; otherwise
# prints the apt-get line), then runs every check CI runs, in this order:
#   ci     build (warnings are errors) and every ctest test: unit, transport, sandbox,
#          integration, security, soak (short), consumer projects, docs
#   valgrind  the demo flow under valgrind (build/ci's programs): no leak, no error
#   asan   the whole suite again under AddressSanitizer + UBSan
#   tsan   the concurrency tests (ctest label concurrency) under ThreadSanitizer
#   fuzz   every libFuzzer target for a short bounded time (clang)
#
#   ./scripts/test.sh           # every stage
#   ./scripts/test.sh --quick   # ci only
#
# YUNO_API_SPEC_DIR, when set, points the model tests at Yuno's OpenAPI documents
# (default: ../shared/yuno-api next to the repository).
set -euo pipefail

usage() {
  sed -n '2,16s/^# \{0,1\}//p' "$0"
}

quick=0
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option: $arg" >&2; usage >&2; exit 2 ;;
  esac
done

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

stage="startup"
banner() {
  stage=$*
  printf '\n==== %s ====\n\n' "$*"
}
trap 'status=$?; if ((status != 0)); then printf "\n==== FAILED: %s (exit %d) ====\n" "$stage" "$status" >&2; fi' EXIT

# shellcheck source=scripts/deps.sh
source "$repo_root/scripts/deps.sh"

banner "Dependencies (Debian packages)"
yuno_install_packages

jobs=$(nproc 2>/dev/null || echo 2)
# The spec dir comes from the environment or the CMake default, never from an earlier
# run's cache.
if [[ -n "${YUNO_API_SPEC_DIR:-}" ]]; then
  spec_dir_arg="-DYUNO_API_SPEC_DIR=$YUNO_API_SPEC_DIR"
else
  spec_dir_arg="-UYUNO_API_SPEC_DIR"
fi

# Configure, build and test one preset (incrementally when build/<preset> exists).
run_preset() {
  local preset=$1
  banner "[$preset] configure"
  cmake --preset "$preset" "$spec_dir_arg"
  banner "[$preset] build"
  cmake --build --preset "$preset" -j "$jobs"
  banner "[$preset] test"
  ctest --preset "$preset" -j "$jobs" --output-on-failure
}

run_preset ci
stages=(ci)
if ((quick == 0)); then
  banner "[valgrind] the demo flow"
  ./scripts/valgrind-demo.sh --no-build build/ci
  run_preset asan
  run_preset tsan
  banner "[fuzz] every target, ${YUNO_CI_FUZZ_SECONDS:-30} s each"
  ./scripts/fuzz.sh --seconds "${YUNO_CI_FUZZ_SECONDS:-30}"
  stages+=(valgrind asan tsan fuzz)
fi

banner "All stages passed: ${stages[*]}"
