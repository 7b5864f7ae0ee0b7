# shellcheck shell=bash
# The Debian 12 packages yuno-cpp needs to build and test: the one list, sourced by
# scripts/test.sh (and any other script that sets up a machine). The benchmarks' run needs
# a few more (YUNO_BENCH_DEB_PACKAGES), installed by scripts/bench.sh only.
#
#   source scripts/deps.sh
#   yuno_missing_packages    # prints the packages that are not installed, one per line
#   yuno_install_packages    # as root: installs the missing ones; otherwise prints the
#                            # apt-get command and returns 1
#   (both take a package list instead of YUNO_DEB_PACKAGES as arguments)
#   yuno_install_bench_packages   # YUNO_DEB_PACKAGES + YUNO_BENCH_DEB_PACKAGES, see below
#   yuno_install_fuzz_packages    # YUNO_DEB_PACKAGES + YUNO_FUZZ_DEB_PACKAGES (scripts/fuzz.sh)
#   yuno_install_valgrind_packages  # + YUNO_VALGRIND_DEB_PACKAGES (scripts/valgrind-demo.sh)

YUNO_DEB_PACKAGES=(
  g++                   # the C++17 compiler
  make                  # the presets' generator is Unix Makefiles
  cmake                 # >= 3.25 (Debian 12 has 3.25.1): presets, the build itself
  pkg-config            # FindCURL's first lookup
  libcurl4-openssl-dev  # libcurl: the default HTTP transport
  libssl-dev            # OpenSSL (libcrypto) used by the library; TLS for the loopback tests
  nlohmann-json3-dev    # JSON; public dependency of the model headers
  libgtest-dev          # GoogleTest: the unit and transport tests
  libgmock-dev          # GoogleMock: the unit tests
  libcpp-httplib-dev    # cpp-httplib: the HTTP server of yuno-sandbox
  libbenchmark-dev      # Google Benchmark: bench/ is part of the normal build
  doxygen               # the API reference (target yuno_docs; ctest label docs, warnings fail)
)

# Only for running the end-to-end benchmark (scripts/bench.sh), not for building or testing.
YUNO_BENCH_DEB_PACKAGES=(
  nginx                 # the HTTP/HTTPS server the benchmark starts on its own ports
  ca-certificates       # the system CA bundle the TLS clients load, as in production
)

# Only for the fuzz targets (scripts/fuzz.sh, the `fuzz` preset): libFuzzer and the
# sanitizer runtimes ship with clang, not with g++.
YUNO_FUZZ_DEB_PACKAGES=(
  clang                 # clang++ 14: -fsanitize=fuzzer,address,undefined
  libclang-rt-14-dev    # compiler-rt: libFuzzer's main and the ASan/UBSan runtimes
  llvm                  # llvm-symbolizer: function names and lines in crash reports
)

# Only for scripts/valgrind-demo.sh (the demo flow under memcheck).
YUNO_VALGRIND_DEB_PACKAGES=(
  valgrind
)

# Packages of YUNO_DEB_PACKAGES (or of the arguments) that dpkg does not report as installed.
yuno_missing_packages() {
  local package status
  local -a packages=("$@")
  ((${#packages[@]} > 0)) || packages=("${YUNO_DEB_PACKAGES[@]}")
  for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
      printf '%s\n' "$package"
    fi
  done
}

# Installs what is missing of YUNO_DEB_PACKAGES (or of the arguments), as root,
# non-interactively. Not root: prints the command to run and returns 1. Returns 0 when
# nothing is missing.
yuno_install_packages() {
  local -a packages=("$@")
  ((${#packages[@]} > 0)) || packages=("${YUNO_DEB_PACKAGES[@]}")
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "dpkg-query not found: not a Debian system. Install the equivalents of:" >&2
    echo "  ${packages[*]}" >&2
    return 1
  fi
  local -a missing
  mapfile -t missing < <(yuno_missing_packages "${packages[@]}")
  if ((${#missing[@]} == 0)); then
    echo "All ${#packages[@]} required Debian packages are installed."
    return 0
  fi
  echo "Missing Debian packages: ${missing[*]}"
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "Install them as root, then run this again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
  mapfile -t missing < <(yuno_missing_packages "${packages[@]}")
  if ((${#missing[@]} != 0)); then
    echo "Still missing after apt-get install: ${missing[*]}" >&2
    return 1
  fi
}

# The build packages plus YUNO_BENCH_DEB_PACKAGES. The benchmark only needs nginx's binary:
# it runs its own nginx as the current user on free ports of 127.0.0.1. Installing Debian's
# nginx would also start the system service on port 80 (and fail the install when port 80
# is taken), so when this function installs nginx it forbids service starts for the
# duration (invoke-rc.d's policy-rc.d, unless the machine already has one) and then keeps
# the service from starting at boot. An nginx that was already installed is left alone.
yuno_install_bench_packages() {
  local nginx_was_installed=0
  [[ -z "$(yuno_missing_packages nginx)" ]] && nginx_was_installed=1
  local policy=/usr/sbin/policy-rc.d
  local own_policy=0
  if ((nginx_was_installed == 0)) && [[ "$(id -u)" -eq 0 && ! -e "$policy" ]]; then
    printf '#!/bin/sh\n# yuno-cpp scripts/deps.sh: no service starts while installing nginx\nexit 101\n' \
      >"$policy"
    chmod 755 "$policy"
    own_policy=1
  fi
  local status=0
  yuno_install_packages "${YUNO_DEB_PACKAGES[@]}" "${YUNO_BENCH_DEB_PACKAGES[@]}" || status=$?
  if ((own_policy)); then
    rm -f "$policy"
  fi
  if ((status == 0 && nginx_was_installed == 0)) && [[ "$(id -u)" -eq 0 ]]; then
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
      systemctl disable --now nginx.service >/dev/null 2>&1 || true
    elif command -v update-rc.d >/dev/null 2>&1; then
      update-rc.d nginx disable >/dev/null 2>&1 || true
    fi
    echo "Installed nginx for its binary only; its system service is not started at boot."
  fi
  return "$status"
}

# The build packages plus YUNO_FUZZ_DEB_PACKAGES (scripts/fuzz.sh).
yuno_install_fuzz_packages() {
  yuno_install_packages "${YUNO_DEB_PACKAGES[@]}" "${YUNO_FUZZ_DEB_PACKAGES[@]}"
}

# The build packages plus YUNO_VALGRIND_DEB_PACKAGES (scripts/valgrind-demo.sh).
yuno_install_valgrind_packages() {
  yuno_install_packages "${YUNO_DEB_PACKAGES[@]}" "${YUNO_VALGRIND_DEB_PACKAGES[@]}"
}
