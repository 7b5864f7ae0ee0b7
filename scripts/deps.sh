# shellcheck shell=bash
# The Debian 12 packages yuno-cpp needs to build and test: the one list, sourced by
# scripts/test.sh (and any other script that sets up a machine).
#
#   source scripts/deps.sh
#   yuno_missing_packages    # prints the packages that are not installed, one per line
#   yuno_install_packages    # as root: installs the missing ones; otherwise prints the
#                            # apt-get command and returns 1

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
)

# Packages of YUNO_DEB_PACKAGES that dpkg does not report as installed.
yuno_missing_packages() {
  local package status
  for package in "${YUNO_DEB_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "installed" ]]; then
      printf '%s\n' "$package"
    fi
  done
}

# Installs what is missing (as root, non-interactively). Not root: prints the command to
# run and returns 1. Returns 0 when nothing is missing.
yuno_install_packages() {
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "dpkg-query not found: not a Debian system. Install the equivalents of:" >&2
    echo "  ${YUNO_DEB_PACKAGES[*]}" >&2
    return 1
  fi
  local -a missing
  mapfile -t missing < <(yuno_missing_packages)
  if ((${#missing[@]} == 0)); then
    echo "All ${#YUNO_DEB_PACKAGES[@]} required Debian packages are installed."
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
  mapfile -t missing < <(yuno_missing_packages)
  if ((${#missing[@]} != 0)); then
    echo "Still missing after apt-get install: ${missing[*]}" >&2
    return 1
  fi
}
