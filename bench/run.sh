#!/usr/bin/env bash
# Runs every benchmark program built into BUILD_DIR/bench and prints their tables. Builds
# nothing: `make bench` builds the Release tree first and then calls this script.
#
# Usage: bench/run.sh BUILD_DIR [NAME_FILTER]
#   BUILD_DIR     a configured and built tree, e.g. build/release
#   NAME_FILTER   optional: only programs whose name contains it
# Environment:
#   BOYO_BENCH_ARGS        extra arguments for the BoyoDB benchmark programs (e.g. "--rows 1000000")
#   BOYO_BENCH_RESULTS_DIR where JSON results go (default: bench/results in the source tree)
#
# Programs built with Google Benchmark (they answer --help with --benchmark_* flags) run with
# their console table and also write JSON beside the others' results.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 BUILD_DIR [NAME_FILTER]" >&2
  exit 2
fi
build_dir="$1"
filter="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
results_dir="${BOYO_BENCH_RESULTS_DIR:-$here/results}"
export BOYO_BENCH_RESULTS_DIR="$results_dir"
mkdir -p "$results_dir"

bench_dir="$build_dir/bench"
if [ ! -d "$bench_dir" ]; then
  echo "$0: no benchmark programs in $bench_dir (build first: make bench)" >&2
  exit 1
fi

mapfile -t programs < <(find "$bench_dir" -maxdepth 1 -type f -perm -u+x | sort)
if [ "${#programs[@]}" -eq 0 ]; then
  echo "$0: no benchmark programs in $bench_dir" >&2
  exit 1
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
failed=()
ran=0
for program in "${programs[@]}"; do
  name="$(basename "$program")"
  if [ -n "$filter" ] && [[ "$name" != *"$filter"* ]]; then
    continue
  fi
  ran=$((ran + 1))
  echo "=== $name"
  status=0
  if "$program" --help 2>&1 | grep -q -- '--benchmark_filter'; then
    "$program" --benchmark_out="$results_dir/$name-$stamp.json" --benchmark_out_format=json ||
      status=$?
  else
    # shellcheck disable=SC2086  # BOYO_BENCH_ARGS is a list of words on purpose
    "$program" ${BOYO_BENCH_ARGS:-} || status=$?
  fi
  if [ "$status" -ne 0 ]; then
    echo "=== $name FAILED (exit status $status)" >&2
    failed+=("$name")
  fi
  echo
done

if [ "$ran" -eq 0 ]; then
  echo "$0: no benchmark program matched \"$filter\"" >&2
  exit 1
fi
if [ "${#failed[@]}" -gt 0 ]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
echo "results: $results_dir"
