#!/usr/bin/env bash
# Installs the Debian 12 packages passend builds and tests with. Idempotent: packages that
# are already installed are left alone, and `apt-get update` runs only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libboost-graph-dev liblua5.4-dev libsqlite3-dev nlohmann-json3-dev
  libgtest-dev libgmock-dev googletest libbenchmark-dev libcli11-dev libcpp-httplib-dev libssl-dev
  sqlite3 python3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
