#!/usr/bin/env bash
# Runs the Go client's checks: go vet, the tests and the example program. The integration tests
# and the example need a server, named by BOYODB_HOST, BOYODB_PORT (native protocol),
# BOYODB_USER and BOYODB_PASSWORD; from the repository root:
#   python3 tests/support/with_server.py build/boyodb-server -- clients/go/run-tests.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Standard library only: nothing may be downloaded.
export GOFLAGS=-mod=mod GOPROXY=off GOTOOLCHAIN=local
if [[ -z "${HOME:-}" || ! -w "${HOME}" ]]; then
  cache="${TMPDIR:-/tmp}/boyodb-go-client"
  export GOCACHE="${cache}/cache" GOPATH="${cache}/path"
fi

go vet ./...
go test -count=1 ./...
if [[ -n "${BOYODB_HOST:-}" && -n "${BOYODB_PORT:-}" ]]; then
  go run ./example
else
  echo "run-tests.sh: BOYODB_HOST/BOYODB_PORT not set: integration tests skipped, example not run" >&2
fi
