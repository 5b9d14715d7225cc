// Shared by the integration tests: the server's address from the environment that
// tests/support/with_server.py (or the caller) sets, and small helpers.
import { connect } from '../dist/index.js';

const { BOYODB_HOST, BOYODB_PORT, BOYODB_USER, BOYODB_PASSWORD } = process.env;

/** node:test's `skip` option: a reason when no server is configured, else false. */
export const needsServer = BOYODB_PORT
  ? false
  : 'no server: set BOYODB_HOST, BOYODB_PORT, BOYODB_USER, BOYODB_PASSWORD';

export function connectOptions(extra = {}) {
  return {
    host: BOYODB_HOST ?? '127.0.0.1',
    port: Number(BOYODB_PORT),
    user: BOYODB_USER ?? 'admin',
    password: BOYODB_PASSWORD ?? '',
    ...extra,
  };
}

export function connectClient(extra = {}) {
  return connect(connectOptions(extra));
}

let counter = 0;
/** A table name no other test file (they run in parallel processes) uses. */
export function uniqueName(prefix) {
  counter += 1;
  return `${prefix}_${process.pid}_${counter}`;
}
