// Shared by the integration tests: the server's address from the environment that
// tests/support/with_server.py (or the caller) sets, and small helpers. When BOYODB_TLS_CA is
// set (with_server.py --tls), every connection uses TLS with the client certificate
// BOYODB_TLS_CERT / BOYODB_TLS_KEY, so the whole suite runs over mutual TLS.
import { connect } from '../dist/index.js';

const { BOYODB_HOST, BOYODB_PORT, BOYODB_USER, BOYODB_PASSWORD } = process.env;
const { BOYODB_TLS_CA, BOYODB_TLS_CERT, BOYODB_TLS_KEY, BOYODB_TLS_ROGUE_CERT, BOYODB_TLS_ROGUE_KEY } = process.env;

/** node:test's `skip` option: a reason when no server is configured, else false. */
export const needsServer = BOYODB_PORT
  ? false
  : 'no server: set BOYODB_HOST, BOYODB_PORT, BOYODB_USER, BOYODB_PASSWORD';

/** node:test's `skip` option for tests of a server with mutual TLS on. */
export const needsTlsServer = needsServer || (BOYODB_TLS_CA
  ? false
  : 'no TLS server: run under with_server.py --tls (BOYODB_TLS_CA, BOYODB_TLS_CERT, BOYODB_TLS_KEY)');

/** The files with_server.py --tls makes: CA, client certificate and key, and a rogue pair. */
export const tlsFiles = {
  ca: BOYODB_TLS_CA,
  cert: BOYODB_TLS_CERT,
  key: BOYODB_TLS_KEY,
  rogueCert: BOYODB_TLS_ROGUE_CERT,
  rogueKey: BOYODB_TLS_ROGUE_KEY,
};

export function connectOptions(extra = {}) {
  return {
    host: BOYODB_HOST ?? '127.0.0.1',
    port: Number(BOYODB_PORT),
    user: BOYODB_USER ?? 'admin',
    password: BOYODB_PASSWORD ?? '',
    ...(BOYODB_TLS_CA ? { tls: { ca: BOYODB_TLS_CA, cert: BOYODB_TLS_CERT, key: BOYODB_TLS_KEY } } : {}),
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
