#!/usr/bin/env bash
# Installs the Debian 12 packages Skerry builds and tests with. Idempotent: installs only what
# is missing, so a warm machine pays one dpkg query.
set -euo pipefail

BUILD_PKGS=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libsqlite3-dev libtomlplusplus-dev libexpected-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev libargon2-dev libp11-kit-dev libunbound-dev
)
# Real peers and clients the tests start (DESIGN §10).
TEST_PKGS=(
  softhsm2 opensc sqlite3 python3 curl openssl procps awscli python3-boto3 nodejs nsd faketime
)

root=$(cd "$(dirname "$0")/.." && pwd)

# npm clients the tests drive (tests/clients/node), pinned by package-lock.json.
install_node_clients() {
  local dir="$root/tests/clients/node"
  [ -d "$dir/node_modules/@aws-sdk/client-workmail" ] && return 0
  echo "bootstrap: npm ci in tests/clients/node"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

want=("${BUILD_PKGS[@]}")
if [ "${1:-}" = "--test" ]; then
  want+=("${TEST_PKGS[@]}")
  # Some images ship Node.js with its own npm; Debian's npm package is needed only otherwise.
  command -v npm >/dev/null 2>&1 || want+=(npm)
fi

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  [ "${1:-}" = "--test" ] && install_node_clients
  exit 0
fi

echo "bootstrap: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[ "${1:-}" = "--test" ] && install_node_clients
exit 0
