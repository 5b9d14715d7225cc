#!/usr/bin/env bash
# Builds the driver, runs its tests and its example. The integration tests and the example need
# a server, named by BOYODB_HOST, BOYODB_PORT (native protocol), BOYODB_USER and BOYODB_PASSWORD;
# from the repository root:
#   python3 tests/support/with_server.py build/boyodb-server -- clients/node/run-tests.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

for var in BOYODB_HOST BOYODB_PORT BOYODB_USER BOYODB_PASSWORD; do
  if [[ -z "${!var:-}" ]]; then
    echo "run-tests.sh: $var is not set; run it under tests/support/with_server.py" >&2
    exit 2
  fi
done

# Install only when the dependencies changed since the last install.
stamp=node_modules/.install-stamp
if [[ ! -f $stamp || package.json -nt $stamp || package-lock.json -nt $stamp ]]; then
  npm install --no-audit --no-fund
  touch "$stamp"
fi

npx tsc
node --test test/
node example.mjs
