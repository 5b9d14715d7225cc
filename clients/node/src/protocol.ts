/**
 * The JSON side of the native protocol: the requests the driver sends and the responses it
 * reads, with the checks that turn an error response into a BoyoError.
 */
import { BoyoError, ClientErrorCode } from './errors.js';
import type { ParameterValue } from './parameters.js';

/** A column as the server describes it: its name and BoyoDB type name (`DECIMAL(10,2)`). */
export interface ColumnInfo {
  name: string;
  type: string;
}

/** A column for `create_table`. */
export interface ColumnDefinition {
  name: string;
  /** Any type name BoyoDB reads: `BIGINT`, `DECIMAL(10,2)`, `TEXT[]`, `MAP(TEXT, BIGINT)`. */
  type: string;
  /** Defaults to true. */
  nullable?: boolean;
}

export type Request =
  | { op: 'login'; user: string; password: string }
  | { op: 'query'; sql: string; binary: true }
  | { op: 'explain'; sql: string }
  | { op: 'ingest_ipc'; table: string; binary: true }
  | {
      op: 'ingest_csv';
      table: string;
      csv: string;
      header?: boolean;
      delimiter?: string;
      null?: string;
      quote?: string;
    }
  | { op: 'create_database'; name: string; if_not_exists?: boolean }
  | {
      op: 'create_table';
      table: string;
      columns: ColumnDefinition[];
      if_not_exists?: boolean;
      codec?: string;
      sort_key?: string[];
    }
  | { op: 'cluster_status' }
  | { op: 'prepare'; sql: string; name: string; parameter_types: (string | null)[] }
  | { op: 'execute'; name: string; parameters: ParameterValue[]; binary: true }
  | { op: 'deallocate'; name: string };

/** A success response: `status` is "ok", the rest depends on the operation. */
export interface OkResponse {
  status: 'ok';
  command?: string;
  rows_affected?: number;
  rows?: number;
  /** Null in a `prepare` answer for a statement that returns no rows. */
  columns?: ColumnInfo[] | null;
  binary?: boolean;
  execution_time_ms?: number;
  segments_scanned?: number;
  plan?: string;
  name?: string;
  parameter_types?: string[];
  user?: string;
  superuser?: boolean;
  mode?: string;
  version?: string;
  nodes?: { address: string; role: string; healthy: boolean }[];
}

export function encodeRequest(request: Request): Buffer {
  return Buffer.from(JSON.stringify(request), 'utf8');
}

/** True when a payload is JSON rather than Arrow IPC (which starts with 0xFFFFFFFF). */
export function isJsonPayload(payload: Uint8Array): boolean {
  return payload.length > 0 && payload[0] === 0x7b; // '{'
}

/**
 * Parses a response payload; an error response becomes a thrown BoyoError with the server's
 * SQLSTATE, position and context.
 */
export function decodeResponse(payload: Uint8Array): OkResponse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.length).toString('utf8'));
  } catch (cause) {
    throw new BoyoError('the server sent a response that is not JSON', {
      code: ClientErrorCode.protocolViolation,
    }, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BoyoError('the server sent a response that is not a JSON object', {
      code: ClientErrorCode.protocolViolation,
    });
  }
  const response = parsed as Record<string, unknown>;
  if (response['status'] === 'ok') return response as unknown as OkResponse;
  if (response['status'] === 'error') {
    const code = typeof response['code'] === 'string' ? response['code'] : 'XX000';
    const message = typeof response['message'] === 'string' ? response['message'] : 'unknown error';
    const position = typeof response['position'] === 'number' ? response['position'] : undefined;
    const context = Array.isArray(response['context'])
      ? response['context'].filter((line): line is string => typeof line === 'string')
      : undefined;
    throw new BoyoError(message, { code, position, context });
  }
  throw new BoyoError(`the server sent a response with status ${JSON.stringify(response['status'])}`, {
    code: ClientErrorCode.protocolViolation,
  });
}

/**
 * The error a binary result ends with when the server could not finish encoding it: a JSON
 * error response where the next IPC frame (or the closing empty frame) was due.
 */
export function midStreamError(payload: Uint8Array): BoyoError {
  try {
    decodeResponse(payload);
  } catch (error) {
    if (error instanceof BoyoError) return error;
  }
  return new BoyoError('the server sent a JSON frame that is not an error inside a binary result', {
    code: ClientErrorCode.protocolViolation,
  });
}
