/**
 * TLS for the native protocol: the `tls` connection option turned into node:tls options (TLS
 * 1.3 only, the server's certificate always verified), and readable messages for the ways a
 * TLS connection fails.
 */
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import tls from 'node:tls';
import { BoyoError, ClientErrorCode } from './errors.js';

/**
 * TLS settings. Each PEM value is either the PEM text (a string holding `-----BEGIN`, or a
 * Buffer) or the path of a PEM file, read on every connect.
 */
export interface TlsOptions {
  /**
   * The CA certificate(s) that signed the server's certificate. Default: the certificates Node
   * trusts, plus the system store where Node can list it (Node 22.15 or later).
   */
  ca?: string | Buffer;
  /** The client certificate, for a server that requires one (mutual TLS); needs `key`. */
  cert?: string | Buffer;
  /** The client certificate's private key (unencrypted PEM). */
  key?: string | Buffer;
  /**
   * The name the server's certificate must hold. Default: the host; for a host that is an IP
   * address, the certificate must hold that address (no SNI is sent, as RFC 6066 requires).
   */
  servername?: string;
}

/**
 * The node:tls options of a connection to `host`; null for `tls` false or absent. Rejects with
 * a BoyoError (08006) when a PEM file cannot be read, a TypeError when `cert` and `key` are
 * not given together.
 */
export async function secureOptions(
  host: string,
  options: boolean | TlsOptions | undefined,
): Promise<tls.ConnectionOptions | null> {
  if (options === undefined || options === false) return null;
  const settings: TlsOptions = options === true ? {} : options;
  if ((settings.cert === undefined) !== (settings.key === undefined)) {
    throw new TypeError('the tls options cert and key go together: give both or neither');
  }
  const [ca, cert, key] = await Promise.all([
    readPem('ca', settings.ca),
    readPem('cert', settings.cert),
    readPem('key', settings.key),
  ]);
  const result: tls.ConnectionOptions = {
    minVersion: 'TLSv1.3',
    rejectUnauthorized: true,
    ca: ca ?? systemCertificates(),
  };
  if (cert !== undefined) result.cert = cert;
  if (key !== undefined) result.key = key;
  const servername = settings.servername ?? (net.isIP(host) === 0 ? host : undefined);
  if (servername !== undefined) result.servername = servername;
  return result;
}

/**
 * What went wrong, in words, when `error` is a TLS failure (a refused handshake, a server
 * certificate that does not verify, a peer that does not speak TLS); null for other errors.
 */
export function describeTlsFailure(error: Error & { code?: string }): string | null {
  const code = error.code ?? '';
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED') {
    return 'the server requires a client certificate (the tls options cert and key)';
  }
  if (CLIENT_CERTIFICATE_ALERTS.has(code)) {
    return `the server refused the client certificate (${opensslReason(error)})`;
  }
  if (code === 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' || code === 'ERR_SSL_UNSUPPORTED_PROTOCOL') {
    return `the server does not offer TLS 1.3 (${opensslReason(error)})`;
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return `the server did not answer with TLS; is TLS on at the server? (${opensslReason(error)})`;
  }
  if (code.startsWith('ERR_SSL_')) return `the TLS handshake failed (${opensslReason(error)})`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || CERTIFICATE_VERIFY_ERRORS.has(code)) {
    return `the server's certificate was not accepted: ${error.message} (the tls options ca and servername)`;
  }
  return null;
}

/** Alerts a server sends when it refuses the client's certificate. */
const CLIENT_CERTIFICATE_ALERTS = new Set([
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
]);

/** The codes Node gives OpenSSL's verification errors of the server's certificate chain. */
const CERTIFICATE_VERIFY_ERRORS = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

/**
 * OpenSSL's reason out of its error text: `...:SSL routines:ssl3_read_bytes:tlsv1 alert
 * unknown ca:../deps/...` gives `tlsv1 alert unknown ca`.
 */
function opensslReason(error: Error): string {
  const match = /SSL routines:[^:]*:([^:]+)/.exec(error.message);
  return match?.[1] ?? error.message;
}

async function readPem(option: string, value: string | Buffer | undefined): Promise<string | Buffer | undefined> {
  if (value === undefined || Buffer.isBuffer(value) || value.includes('-----BEGIN')) return value;
  try {
    return await readFile(value);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new BoyoError(`cannot read the tls option ${option} from ${value}: ${reason}`, {
      code: ClientErrorCode.connectionFailure,
    }, { cause });
  }
}

/**
 * Node's own trusted certificates together with the system store, where this version of Node
 * can list the system store (tls.getCACertificates, Node 22.15 or later); otherwise undefined,
 * which is Node's default: its bundled Mozilla list and NODE_EXTRA_CA_CERTS (start Node with
 * --use-openssl-ca to use the system store instead). Computed once.
 */
function systemCertificates(): string[] | undefined {
  if (cachedSystemCertificates === null) {
    const list = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates;
    cachedSystemCertificates = {
      value: list === undefined ? undefined : [...list('default'), ...list('system')],
    };
  }
  return cachedSystemCertificates.value;
}

let cachedSystemCertificates: { value: string[] | undefined } | null = null;
