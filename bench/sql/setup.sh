#!/usr/bin/env bash
# Installs what the side-by-side SQL benchmark needs and does nothing that is already done:
# ClickHouse from Debian's clickhouse-server and clickhouse-client packages (only when
# clickhouse-server is not on PATH; the runner starts it itself, the packaged service is not
# used), DuckDB's Node API into bench/sql/node_modules (from package-lock.json), and BoyoDB's
# Node driver in clients/node (installed and compiled to clients/node/dist when missing or
# older than its sources). bench/sql/run.sh calls it before every run.
#
# Usage: bench/sql/setup.sh [--no-clickhouse]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
driver="$here/../../clients/node"
with_clickhouse=1
for arg in "$@"; do
  case "$arg" in
    --no-clickhouse) with_clickhouse=0 ;;
    *)
      echo "usage: $0 [--no-clickhouse]" >&2
      exit 2
      ;;
  esac
done

if [ "$with_clickhouse" -eq 1 ] && ! command -v clickhouse-server >/dev/null &&
  [ ! -x /usr/sbin/clickhouse-server ]; then
  echo "setup: installing clickhouse-server and clickhouse-client (apt-get)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "$0: installing ClickHouse needs root (apt-get); install clickhouse-server and" \
      "clickhouse-client, or leave clickhouse out with --systems" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y clickhouse-server clickhouse-client
fi

# npm ci only when the lock file changed since the last install.
stamp="$here/node_modules/.install-stamp"
if [[ ! -f $stamp || $here/package-lock.json -nt $stamp ]]; then
  echo "setup: npm ci in bench/sql"
  (cd "$here" && npm ci --no-audit --no-fund)
  touch "$stamp"
fi

driver_stamp="$driver/node_modules/.install-stamp"
if [[ ! -f $driver_stamp || $driver/package.json -nt $driver_stamp ||
  $driver/package-lock.json -nt $driver_stamp ]]; then
  echo "setup: npm ci in clients/node"
  (cd "$driver" && npm ci --no-audit --no-fund)
  touch "$driver_stamp"
fi
if [[ ! -f $driver/dist/index.js ]] ||
  [[ -n "$(find "$driver/src" "$driver/tsconfig.json" -newer "$driver/dist/index.js" -print -quit)" ]]; then
  echo "setup: compiling the Node driver (clients/node/dist)"
  (cd "$driver" && npx tsc)
fi
