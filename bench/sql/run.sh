#!/usr/bin/env bash
# The side-by-side SQL benchmark: BoyoDB (BUILD_DIR's boyodb-server), DuckDB and ClickHouse on
# the same generated TPC-H and ClickBench-style data. Builds nothing: `make bench` builds the
# Release tree first and then calls this script. Installs what it needs (setup.sh), then runs
# the Node runner (runner/main.mjs), which takes the options below.
#
# Usage: bench/sql/run.sh BUILD_DIR [--suite tpch|hits|all] [--scale SF] [--rows N] [--runs N]
#          [--systems boyodb,duckdb,clickhouse] [--queries LIST] [--threads N]
#          [--timeout SECONDS] [--data-dir DIR] [--results-dir DIR] [--tmp-dir DIR]
#   bench/sql/run.sh --help describes each option.
# Environment:
#   BOYO_BENCH_RESULTS_DIR  where the JSON results go (default: bench/results in the source tree)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

setup_args=()
systems=""
previous=""
for arg in "$@"; do
  case "$arg" in
    --help | -h) exec node "$here/runner/main.mjs" --help ;;
    --systems=*) systems="${arg#--systems=}" ;;
  esac
  if [ "$previous" = "--systems" ]; then
    systems="$arg"
  fi
  previous="$arg"
done
if [ -n "$systems" ] && [[ ",$systems," != *,clickhouse,* ]]; then
  setup_args+=(--no-clickhouse)
fi
"$here/setup.sh" "${setup_args[@]}"

results_args=()
if [ -n "${BOYO_BENCH_RESULTS_DIR:-}" ]; then
  results_args+=(--results-dir "$BOYO_BENCH_RESULTS_DIR")
fi
# --expose-gc: the runner collects its garbage between timed runs (main.mjs says why);
# --single-threaded-gc: the collector works on node's own thread only, never on a core that a
# system's query threads use at the same time.
exec node --expose-gc --single-threaded-gc "$here/runner/main.mjs" "${results_args[@]}" "$@"
