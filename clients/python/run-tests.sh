#!/usr/bin/env bash
# Runs the Python client's tests. The live tests need a server named by BOYODB_HOST,
# BOYODB_PORT, BOYODB_USER and BOYODB_PASSWORD, e.g. from the repository root:
#   python3 tests/support/with_server.py path/to/boyodb-server -- clients/python/run-tests.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PYTHONPATH="${here}${PYTHONPATH:+:${PYTHONPATH}}"
# Keep the source tree free of __pycache__ directories.
export PYTHONDONTWRITEBYTECODE=1
exec /usr/bin/python3 -m unittest discover -s "${here}/tests" -v "$@"
