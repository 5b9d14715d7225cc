#!/usr/bin/env bash
# Installs every Debian and npm package that building and testing BoyoDB needs.
# Idempotent: when everything is present it prints nothing and changes nothing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

debian_packages=(
  build-essential cmake ninja-build ccache pkg-config git
  clang libclang-rt-14-dev
  libzstd-dev liblz4-dev libsnappy-dev zlib1g-dev
  libflatbuffers-dev flatbuffers-compiler
  libgtest-dev libgmock-dev libbenchmark-dev
  libabsl-dev libxxhash-dev libroaring-dev libre2-dev
  nlohmann-json3-dev libsimdjson-dev
  libfmt-dev libspdlog-dev libcli11-dev libedit-dev
  libpg-query-dev libprotobuf-c-dev
  libssl-dev libargon2-dev libboost-dev libjemalloc-dev
  python3 tzdata
  curl postgresql-client python3-psycopg2 python3-sqlalchemy
  golang-go openssl
)

missing=()
for pkg in "${debian_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

# Node.js may come from Debian or from another source that bundles npm; only ask Debian for
# what is actually absent, since Debian's npm conflicts with a bundled one.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-deps: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages of the interoperability tests (tests/interop) and of the Node.js client
# (clients/node), each installed again only when its package.json changes.
for package_dir in "$here/tests/interop" "$here/clients/node"; do
  [ -f "$package_dir/package.json" ] || continue
  stamp="$package_dir/node_modules/.boyodb-installed"
  if [ ! -f "$stamp" ] || [ "$package_dir/package.json" -nt "$stamp" ]; then
    echo "setup-deps: installing npm packages for ${package_dir#"$here"/}"
    (cd "$package_dir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
    touch "$stamp"
  fi
done
