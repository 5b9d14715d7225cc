#!/usr/bin/env bash
# Runs the load benchmark (load.py) against BUILD_DIR's boyodb-server. Builds nothing:
# `make bench` builds the Release tree first and then calls this script.
#
# Usage: bench/load/run.sh BUILD_DIR [LOAD_PY_ARGS...]
#   BUILD_DIR      a configured and built tree, e.g. build/release
#   LOAD_PY_ARGS   passed on to load.py, e.g. --clients 64 --seconds 30 (see load.py --help)
# Environment:
#   BOYO_BENCH_RESULTS_DIR  where the JSON result goes (default: bench/results in the source tree)
#
# Exits with load.py's status: 0 only with zero errors and zero lost rows.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [LOAD_PY_ARGS...]" >&2
  exit 2
fi
build_dir="$1"
shift
server="$build_dir/boyodb-server"
if [ ! -x "$server" ]; then
  echo "$0: no server binary at $server (build first: make build)" >&2
  exit 1
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 "$here/load.py" --server "$server" "$@"
