#!/usr/bin/env bash
# `make run`: starts boyodb-server on a data directory, listening on 127.0.0.1 only, after
# printing how to connect to it with boyodb-cli, psql and curl. Ctrl-C (SIGINT) stops it,
# keeping every acknowledged row.
#
# Usage: scripts/run-server.sh BUILD_DIR DATA_DIR
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BUILD_DIR DATA_DIR" >&2
  exit 2
fi
build_dir="$1"
data_dir="$2"
server="$build_dir/boyodb-server"
if [ ! -x "$server" ]; then
  echo "$0: $server is missing (run make build first)" >&2
  exit 1
fi

if [ -n "${BOYODB_ADMIN_PASSWORD:-}" ]; then
  password_hint='$BOYODB_ADMIN_PASSWORD'
else
  # The first start writes a generated password there (mode 0600); later starts keep it.
  password_hint="\$(cat $data_dir/admin_password)"
fi

cat <<BANNER
BoyoDB: starting boyodb-server on $data_dir (127.0.0.1 only). User admin; its password is in
${password_hint} once the server has started. Connect with:

  boyodb-cli  BOYODB_PASSWORD=$password_hint $build_dir/boyodb-cli --host 127.0.0.1 --port 8765 -U admin
  psql        PGPASSWORD=$password_hint psql -h 127.0.0.1 -p 5433 -U admin
  curl        curl -u admin:$password_hint --data-binary 'SELECT 1' http://127.0.0.1:8123/query
  browser     http://127.0.0.1:8123/ (the web console; log in as admin)

Stop it with Ctrl-C.

BANNER
exec "$server" "$data_dir" 127.0.0.1:8765 --http-addr 127.0.0.1:8123 --pg-addr 127.0.0.1:5433
