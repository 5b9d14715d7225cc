#!/usr/bin/env bash
# Fails when a tracked C++ file differs from clang-format's output (Google style, 100 columns).
# `make format` rewrites the files in place.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.h' '*.cc')
[ -n "$files" ] || exit 0
# shellcheck disable=SC2086
clang-format --dry-run -Werror $files
echo "clang-format: $(echo "$files" | wc -l) files formatted"
