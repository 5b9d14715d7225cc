/**
 * The public client: one logged-in connection and the operations of the native protocol.
 * Every method can be called without waiting for the previous one; requests are sent in call
 * order and their answers come back in that order (the server runs them one at a time), so
 * a BEGIN ... COMMIT issued on one Client stays on one session.
 */
import { Table, tableToIPC } from 'apache-arrow';
import { Connection } from './connection.js';
import { interpolate, quoteIdentifier } from './literals.js';
import { PreparedStatement, prepareStatement } from './prepared.js';
import { type ColumnDefinition, type OkResponse, type Request, encodeRequest } from './protocol.js';
import { type BinaryAnswer, type QueryResult, binaryResponse, jsonResponse, toQueryResult, toTable } from './responses.js';
import { BatchStream } from './stream.js';
import { type TlsOptions, secureOptions } from './tls.js';

export type { QueryResult } from './responses.js';

export interface ConnectOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** The native protocol's port; default 8765. */
  port?: number;
  user: string;
  password: string;
  /** The database (schema) to start in; default `default`. */
  database?: string;
  /**
   * Milliseconds to wait for the server: to connect, and for each answer to arrive (the clock
   * restarts whenever data comes in, and stops while a stream's consumer is behind). When it
   * runs out the connection is closed, since the protocol cannot cancel a request, and what
   * was waiting fails with 57014. Default: no limit.
   */
  timeoutMs?: number;
  /**
   * Connect over TLS (1.3 only; the server's certificate is always verified): `true` for the
   * defaults, or TlsOptions to name the CA, a client certificate for mutual TLS, or the name
   * the server's certificate must hold. Default: plain TCP.
   */
  tls?: boolean | TlsOptions;
}

export interface IngestResult {
  /** `COPY n`. */
  command: string;
  rowsAffected: number;
}

/** PostgreSQL's CSV options of COPY; the defaults are PostgreSQL's. */
export interface CsvOptions {
  /** The first line names the columns and is skipped. Default false. */
  header?: boolean;
  /** Default `,`. */
  delimiter?: string;
  /** The text of a NULL; default the empty unquoted string. */
  null?: string;
  /** Default `"`. */
  quote?: string;
}

export interface CreateTableOptions {
  ifNotExists?: boolean;
  codec?: 'lz4' | 'zstd' | 'snappy' | 'none';
  /** Columns the table's segments are sorted by. */
  sortKey?: string[];
}

export interface ClusterStatus {
  /** `standalone` when not in a cluster. */
  mode: string;
  version: string;
  nodes: { address: string; role: string; healthy: boolean }[];
}

/**
 * Opens a connection and logs in; rejects with the server's error (28P01 for a bad password),
 * or 08006 when the connection or its TLS handshake fails (a server that refuses the client's
 * certificate does so in answer to the login).
 */
export async function connect(options: ConnectOptions): Promise<Client> {
  const host = options.host ?? '127.0.0.1';
  const connection = await Connection.open({
    host,
    port: options.port ?? 8765,
    timeoutMs: options.timeoutMs,
    tls: await secureOptions(host, options.tls),
  });
  try {
    const login = jsonResponse();
    connection.send([encodeRequest({ op: 'login', user: options.user, password: options.password })], login.reader);
    const answer = await login.response;
    if (options.database !== undefined) {
      // The server ignores a `database` field on login (it applies it to the other ops), so
      // the starting database is set as that field would set it: through search_path.
      const use = jsonResponse();
      const sql = `SET search_path = ${quoteIdentifier(options.database)}`;
      connection.send([encodeRequest({ op: 'query', sql, binary: true })], use.reader);
      await use.response;
    }
    return new Client(connection, answer.user ?? options.user, answer.superuser === true);
  } catch (error) {
    await connection.close();
    throw error;
  }
}

export class Client {
  /** @internal Use connect(). */
  constructor(
    private readonly connection: Connection,
    /** The user the connection runs as. */
    readonly user: string,
    readonly superuser: boolean,
  ) {}

  /** False once close() was called or the connection failed. */
  get isOpen(): boolean {
    return this.connection.isOpen;
  }

  /** The TLS version of the connection (`TLSv1.3`); null when it is plain TCP. */
  get tlsProtocol(): string | null {
    return this.connection.tlsProtocol;
  }

  /**
   * Runs SQL (several statements run in order, stopping at the first error; the result is the
   * last one's) and returns its rows whole. `params` fill `$1`, `$2`, ... client-side (see
   * toLiteral); without `params` the SQL is sent unchanged.
   */
  async query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return toQueryResult(await this.binaryQuery(sql, params));
  }

  /** Runs SQL and returns the result as an apache-arrow Table (empty when it returns no rows). */
  async queryArrow(sql: string, params?: readonly unknown[]): Promise<Table> {
    return toTable(await this.binaryQuery(sql, params));
  }

  /**
   * Runs SQL and yields its record batches as they arrive, never holding the whole result:
   * `for await (const batch of client.queryStream(sql)) ...`. Turn a batch into rows with
   * batchRows(). The request is sent now, in call order with the client's other requests.
   */
  queryStream(sql: string, params?: readonly unknown[]): BatchStream {
    const stream = new BatchStream(this.connection);
    try {
      const text = params === undefined ? sql : interpolate(sql, params);
      this.connection.send([encodeRequest({ op: 'query', sql: text, binary: true })], stream.responseReader);
    } catch (error) {
      stream.fail(error);
    }
    return stream;
  }

  /**
   * Prepares one statement in this client's server session: parsed and typed once, then run
   * by PreparedStatement.execute() with the values of `$1`, `$2`, ... sent apart from the SQL.
   * `parameterTypes[i]` declares the type of `$(i + 1)` by name (`'BIGINT'`); null, undefined
   * or a missing entry lets the server infer it from where the parameter is used. The
   * statement belongs to this client: close() it when done (or close the client). Rejects with
   * the server's error (42601 for several statements, 42P18 for a type it cannot infer).
   */
  prepare(sql: string, parameterTypes: readonly (string | null | undefined)[] = []): Promise<PreparedStatement> {
    return prepareStatement(this.connection, sql, parameterTypes);
  }

  /** The text of `EXPLAIN sql` for one statement. */
  async explain(sql: string, params?: readonly unknown[]): Promise<string> {
    const text = params === undefined ? sql : interpolate(sql, params);
    const answer = await this.request({ op: 'explain', sql: text });
    return answer.plan ?? '';
  }

  /**
   * Appends Arrow data to a table, atomically (COPY ... FORMAT arrow): an apache-arrow Table,
   * or the bytes of an IPC stream or file. Columns match by position and are cast to the
   * table's types. The bytes travel in one frame, so they must fit the server's
   * --max-request-bytes (64 MiB by default); split larger loads into several calls.
   */
  async ingestArrow(table: string, data: Table | Uint8Array): Promise<IngestResult> {
    const ipc = data instanceof Uint8Array ? data : tableToIPC(data, 'stream');
    return toIngestResult(await this.request({ op: 'ingest_ipc', table, binary: true }, ipc));
  }

  /** Appends CSV text to a table, atomically, with PostgreSQL's CSV rules. */
  async ingestCsv(table: string, csv: string, options: CsvOptions = {}): Promise<IngestResult> {
    const request: Request = { op: 'ingest_csv', table, csv };
    if (options.header !== undefined) request.header = options.header;
    if (options.delimiter !== undefined) request.delimiter = options.delimiter;
    if (options.null !== undefined) request.null = options.null;
    if (options.quote !== undefined) request.quote = options.quote;
    return toIngestResult(await this.request(request));
  }

  /** Creates a database (a schema: CREATE SCHEMA). */
  async createDatabase(name: string, options: { ifNotExists?: boolean } = {}): Promise<void> {
    const request: Request = { op: 'create_database', name };
    if (options.ifNotExists !== undefined) request.if_not_exists = options.ifNotExists;
    await this.request(request);
  }

  /** Creates a table from column definitions; `type` is any type name BoyoDB reads. */
  async createTable(table: string, columns: ColumnDefinition[], options: CreateTableOptions = {}): Promise<void> {
    const request: Request = { op: 'create_table', table, columns };
    if (options.ifNotExists !== undefined) request.if_not_exists = options.ifNotExists;
    if (options.codec !== undefined) request.codec = options.codec;
    if (options.sortKey !== undefined) request.sort_key = options.sortKey;
    await this.request(request);
  }

  /** The cluster's nodes and their roles (one `leader` when not in a cluster). */
  async clusterStatus(): Promise<ClusterStatus> {
    const answer = await this.request({ op: 'cluster_status' });
    return { mode: answer.mode ?? '', version: answer.version ?? '', nodes: answer.nodes ?? [] };
  }

  /** Closes the connection at once; requests still waiting fail with 08003. */
  close(): Promise<void> {
    return this.connection.close();
  }

  private async request(request: Request, binaryPayload?: Uint8Array): Promise<OkResponse> {
    const { reader, response } = jsonResponse();
    const payloads: Uint8Array[] = [encodeRequest(request)];
    if (binaryPayload !== undefined) payloads.push(binaryPayload);
    this.connection.send(payloads, reader);
    return response;
  }

  private async binaryQuery(sql: string, params: readonly unknown[] | undefined): Promise<BinaryAnswer> {
    const text = params === undefined ? sql : interpolate(sql, params);
    const { reader, response } = binaryResponse();
    this.connection.send([encodeRequest({ op: 'query', sql: text, binary: true })], reader);
    return response;
  }
}

function toIngestResult(answer: OkResponse): IngestResult {
  return { command: answer.command ?? '', rowsAffected: answer.rows_affected ?? 0 };
}
