#!/usr/bin/env bash
# The benchmark command (issue #6; what the figures mean: docs/performance.md). Installs
# the Debian packages that are missing (as root; otherwise prints the apt-get line), builds
# the benchmarks in Release in build/bench, runs the microbenchmarks, then the end-to-end
# benchmark, which starts its own nginx, delay server and yuno-sandbox on free ports of
# 127.0.0.1, stops them, and prints the table and the target ratios.
#
#   ./scripts/bench.sh              # everything: about 5 minutes on 2 cores
#   ./scripts/bench.sh --quick      # a smoke run: short rows, one round (about 1 minute)
#   ./scripts/bench.sh --e2e-only   # skip the microbenchmarks
#   ./scripts/bench.sh -- --only https --rounds 5   # arguments after -- go to yuno_bench_e2e
#
# YUNO_BENCH_BUILD_DIR overrides the build tree. The end-to-end table is also written to
# <build tree>/bench-results.md. Run it on a quiet machine: every target is a ratio of two
# rows of the same run, but other load still moves them.
set -euo pipefail

usage() {
  sed -n '2,16s/^# \{0,1\}//p' "$0"
}

quick=0
micro=1
e2e_args=()
while (($# > 0)); do
  case "$1" in
    --quick) quick=1 ;;
    --e2e-only) micro=0 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; e2e_args+=("$@"); break ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"
build_dir=${YUNO_BENCH_BUILD_DIR:-$repo_root/build/bench}

stage="startup"
banner() {
  stage=$*
  printf '\n==== %s ====\n\n' "$*"
}
trap 'status=$?; if ((status != 0)); then printf "\n==== FAILED: %s (exit %d) ====\n" "$stage" "$status" >&2; fi' EXIT

# shellcheck source=scripts/deps.sh
source "$repo_root/scripts/deps.sh"

banner "Dependencies (Debian packages, nginx included)"
yuno_install_bench_packages

banner "Configure and build (Release, $build_dir)"
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S "$repo_root" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release \
  -DYUNO_BUILD_BENCHMARKS=ON -DYUNO_BUILD_SANDBOX=ON \
  -DYUNO_BUILD_TESTS=OFF -DYUNO_BUILD_EXAMPLES=OFF
cmake --build "$build_dir" -j "$jobs" --target yuno_bench_micro yuno_bench_e2e yuno-sandbox

if ((micro)); then
  banner "Microbenchmarks (bench/micro_bench.cpp)"
  min_time=0.5
  ((quick)) && min_time=0.05
  # Debian's libbenchmark is built without NDEBUG and says so ("Library was built as
  # DEBUG"): that concerns the timing harness, not the code measured, which is Release.
  "$build_dir/bench/yuno_bench_micro" --benchmark_min_time="$min_time"
fi

banner "End-to-end benchmark (bench/e2e)"
defaults=(--rounds 5 --seconds 1)
((quick)) && defaults=(--quick)
status=0
"$build_dir/bench/yuno_bench_e2e" "${defaults[@]}" --markdown "$build_dir/bench-results.md" \
  "${e2e_args[@]}" || status=$?
if ((status == 3)); then
  stage="end-to-end benchmark: some requests failed (see Errors above); figures not valid"
  exit 1
elif ((status != 0)); then
  exit "$status"
fi
stage="done"
printf '\nThe table is also in %s\n' "$build_dir/bench-results.md"
