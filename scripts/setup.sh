#!/usr/bin/env bash
# Installs the Debian 12 packages passend builds and tests with. Idempotent: packages that
# are already installed are left alone, and `apt-get update` runs only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost-graph-dev liblua5.4-dev libsqlite3-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev libcli11-dev libcpp-httplib-dev libssl-dev
  sqlite3 python3
  clang-14 libclang-rt-14-dev  # libFuzzer for tests/fuzz (scripts/fuzz.sh, run briefly by scripts/test.sh)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# The browser tests (tests/browser): node with npm, and Debian's Chromium. A node installed
# another way (e.g. NodeSource, which brings its own npm) counts as present.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# playwright-core for the browser tests, as tests/browser/package-lock.json pins it. It drives
# the Debian Chromium and downloads no browser. Only when missing or the lock file changed.
browser="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
if [ ! -f "$browser/node_modules/playwright-core/package.json" ] || [ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
  echo "setup: npm ci in tests/browser"
  (cd "$browser" && npm ci --no-audit --no-fund --loglevel=error)
fi
