#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, the `fuzz` preset) and runs each one for a bounded time.
#
#   ./scripts/fuzz.sh                  # every target, 300 s each (the long run)
#   ./scripts/fuzz.sh --seconds 30     # every target, 30 s each (CI)
#   ./scripts/fuzz.sh --target decimal --seconds 60
#
# Options:
#   --seconds N       fuzzing time per target (default 300)
#   --target NAME     run only this target (repeatable); names: build/fuzz/fuzz/fuzzers.txt
#   --build-dir DIR   the fuzz build tree (default build/fuzz)
#   --no-build        use the targets already built in the build tree
#   -h, --help        this text
#
# Installs the missing Debian packages first (clang, libclang-rt-14-dev, llvm: see
# scripts/deps.sh; as root, otherwise prints the apt-get line). Seeds: fuzz/corpus/<target>
# (hand-written: the primer's webhook shapes, Yuno's error codes, sandbox flows, hostile
# amounts) and <build>/seeds/<target>, written from Yuno's OpenAPI examples
# (YUNO_API_SPEC_DIR, default ../shared/yuno-api) by yuno_fuzz_seeds. New inputs go to
# <build>/corpus/<target> (kept between runs), crashing inputs to
# <build>/artifacts/<target>/, each run's output to <build>/logs/<target>.log.
#
# Every target runs single-process with -rss_limit_mb=2048, -malloc_limit_mb=1024,
# -timeout=10 (one input taking 10 s is a hang) and a -max_len fitted to its input. Fails
# (exit 1, the artifact path and the report's head printed) on any crash, leak, UBSan
# report, timeout or out-of-memory; prints per target the executions run, the coverage
# (cov), features (ft) and corpus size of libFuzzer's last status line.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=300
build_dir="$repo_root/build/fuzz"
build=1
targets=()

usage() { sed -n '2,27s/^# \{0,1\}//p' "$0"; }

while (($# > 0)); do
  case "$1" in
    --seconds)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "--seconds needs a positive number" >&2; exit 2; }
      seconds=$2; shift 2 ;;
    --target)
      [[ -n "${2:-}" ]] || { echo "--target needs a name" >&2; exit 2; }
      targets+=("$2"); shift 2 ;;
    --build-dir)
      [[ -n "${2:-}" ]] || { echo "--build-dir needs a directory" >&2; exit 2; }
      build_dir=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --no-build) build=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done

cd "$repo_root"
# shellcheck source=scripts/deps.sh
source "$repo_root/scripts/deps.sh"
yuno_install_fuzz_packages

spec_dir=${YUNO_API_SPEC_DIR:-$repo_root/../shared/yuno-api}
if ((build)); then
  mkdir -p "$build_dir"
  echo "Building the fuzz targets in ${build_dir#"$repo_root"/} (log: build.log there)."
  if ! {
    cmake --preset fuzz -B "$build_dir" "-DYUNO_API_SPEC_DIR=$spec_dir" &&
      cmake --build "$build_dir" -j "$(nproc 2>/dev/null || echo 2)" --target yuno_fuzzers
  } >"$build_dir/build.log" 2>&1; then
    echo "The build failed; the end of its log:" >&2
    tail -n 40 "$build_dir/build.log" >&2
    exit 1
  fi
fi

list="$build_dir/fuzz/fuzzers.txt"
[[ -f "$list" ]] || { echo "no $list: build the fuzz preset first (drop --no-build)" >&2; exit 1; }
mapfile -t available < <(grep -v '^$' "$list")
if ((${#targets[@]} == 0)); then
  targets=("${available[@]}")
fi
for target in "${targets[@]}"; do
  if ! printf '%s\n' "${available[@]}" | grep -qx -- "$target"; then
    echo "unknown target: $target (built: ${available[*]})" >&2
    exit 2
  fi
done

seeds_dir="$build_dir/seeds"
rm -rf "$seeds_dir"
mkdir -p "$seeds_dir"
if [[ -d "$spec_dir/openapi" ]]; then
  "$build_dir/fuzz/yuno_fuzz_seeds" "$spec_dir" "$seeds_dir"
else
  echo "warning: no OpenAPI documents at $spec_dir/openapi (set YUNO_API_SPEC_DIR):" \
    "seeds from fuzz/corpus only" >&2
fi

# The largest input each target gets: a response body of a few pages, a webhook, an amount.
max_len_of() {
  case "$1" in
    decimal) echo 256 ;;
    error_body | http_request) echo 8192 ;;
    sandbox_handle) echo 16384 ;;
    *) echo 65536 ;;
  esac
}

# Sanitizer reports end the run (the targets are built with -fno-sanitize-recover=all);
# leaks are checked after every input that allocated more than it freed.
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

summary=()
failed=()
for target in "${targets[@]}"; do
  corpus="$build_dir/corpus/$target"
  artifacts="$build_dir/artifacts/$target"
  log="$build_dir/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  seed_dirs=()
  [[ -d "fuzz/corpus/$target" ]] && seed_dirs+=("fuzz/corpus/$target")
  [[ -d "$seeds_dir/$target" ]] && seed_dirs+=("$seeds_dir/$target")
  echo
  echo "==== $target: ${seconds} s (corpus ${corpus#"$repo_root"/}, seeds: ${seed_dirs[*]:-none})"
  status=0
  # The first corpus directory receives the new inputs; the seed directories are only read.
  "$build_dir/fuzz/${target}_fuzzer" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=1024 -timeout=10 \
    -max_len="$(max_len_of "$target")" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" "${seed_dirs[@]}" >"$log" 2>&1 || status=$?

  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -n 1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  cov=$(grep -o 'cov: [0-9]*' <<<"$last" | cut -d' ' -f2 || true)
  ft=$(grep -o 'ft: [0-9]*' <<<"$last" | cut -d' ' -f2 || true)
  corp=$(grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' <<<"$last" | cut -d' ' -f2 || true)
  line=$(printf '%-16s %12s execs  %7s/s  cov %6s  ft %7s  corpus %-12s peak RSS %s MB' \
    "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${rss:-?}")
  if ((status == 0)); then
    echo "$line  ok"
    summary+=("$line  ok")
  else
    echo "$line  FAILED (exit $status)"
    summary+=("$line  FAILED (exit $status)")
    failed+=("$target")
    echo "---- the report (full output: ${log#"$repo_root"/}):" >&2
    grep -m 1 -A 40 -E '^==[0-9]+==ERROR|runtime error:|yuno fuzz property failed|ERROR: libFuzzer|^==[0-9]+== ERROR' \
      "$log" >&2 || tail -n 40 "$log" >&2
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    if [[ -n "$artifact" ]]; then
      echo "---- crashing input: $artifact" >&2
      echo "     reproduce: $build_dir/fuzz/${target}_fuzzer $artifact" >&2
    fi
  fi
done

echo
echo "==== fuzz summary (${seconds} s per target)"
printf '%s\n' "${summary[@]}"
if ((${#failed[@]} > 0)); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "All ${#targets[@]} targets ran ${seconds} s without a crash, leak, UB report, timeout or OOM."
