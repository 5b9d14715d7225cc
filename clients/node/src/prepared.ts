/**
 * A server-side prepared statement: parsed and typed once by `prepare`, run any number of
 * times by `execute` with parameter values, forgotten by `deallocate`. It lives in the session
 * of the connection that prepared it, so it belongs to one Client, and it goes away with that
 * connection. Like the Client's own calls, its calls are queued on the connection in call order.
 */
import { type Table } from 'apache-arrow';
import type { Connection } from './connection.js';
import { toParameterValue } from './parameters.js';
import { type ColumnInfo, type OkResponse, encodeRequest } from './protocol.js';
import { type BinaryAnswer, type QueryResult, binaryResponse, jsonResponse, toQueryResult, toTable } from './responses.js';
import { BatchStream } from './stream.js';

/** Names of this process's statements: never reused, so a closed one cannot be run by mistake. */
let statementCount = 0;

/** @internal Sends the `prepare` request; Client.prepare() is the public way. */
export async function prepareStatement(
  connection: Connection,
  sql: string,
  parameterTypes: readonly (string | null | undefined)[],
): Promise<PreparedStatement> {
  statementCount += 1;
  const name = `boyodb_node_${statementCount}`;
  const { reader, response } = jsonResponse();
  const request = {
    op: 'prepare' as const,
    sql,
    name,
    parameter_types: parameterTypes.map((type) => type ?? null),
  };
  connection.send([encodeRequest(request)], reader);
  return new PreparedStatement(connection, sql, await response);
}

export class PreparedStatement {
  /** The statement's name in the server session (generated, unique in this process). */
  readonly name: string;
  readonly sql: string;
  /**
   * The type of each parameter, `$1` first, as declared to prepare() or inferred by the
   * server from where the parameter is used: `BIGINT`, `TEXT`, `DECIMAL(10,2)`.
   */
  readonly parameterTypes: readonly string[];
  /** The result columns; null for a statement that returns no rows (INSERT, CREATE ...). */
  readonly columns: readonly ColumnInfo[] | null;
  private closed = false;

  /** @internal Use Client.prepare(). */
  constructor(private readonly connection: Connection, sql: string, answer: OkResponse) {
    this.name = answer.name ?? '';
    this.sql = sql;
    this.parameterTypes = answer.parameter_types ?? [];
    this.columns = answer.columns ?? null;
  }

  /** False once close() was called. */
  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Runs the statement with one value per parameter (converted as toParameterValue says;
   * the server reads each as its parameter's type reads text) and returns its rows whole.
   * Rejects with the server's error: 08P01 for the wrong number of values, 22P02 (or another
   * 22 code) for a value the type does not read, 26000 once the statement is closed.
   */
  async execute(params: readonly unknown[] = []): Promise<QueryResult> {
    return toQueryResult(await this.run(params));
  }

  /** As execute(), with the result as an apache-arrow Table (empty when it returns no rows). */
  async executeArrow(params: readonly unknown[] = []): Promise<Table> {
    return toTable(await this.run(params));
  }

  /** As execute(), with the record batches yielded as they arrive (see Client.queryStream). */
  executeStream(params: readonly unknown[] = []): BatchStream {
    const stream = new BatchStream(this.connection);
    try {
      this.connection.send([this.executeRequest(params)], stream.responseReader);
    } catch (error) {
      stream.fail(error);
    }
    return stream;
  }

  /**
   * Deallocates the statement in the server session. Calling it again does nothing, and so
   * does calling it after the connection closed, which took the statement with it.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.connection.isOpen) return;
    const { reader, response } = jsonResponse();
    this.connection.send([encodeRequest({ op: 'deallocate', name: this.name })], reader);
    await response;
  }

  private run(params: readonly unknown[]): Promise<BinaryAnswer> {
    const { reader, response } = binaryResponse();
    this.connection.send([this.executeRequest(params)], reader);
    return response;
  }

  private executeRequest(params: readonly unknown[]): Buffer {
    const parameters = Array.from(params, toParameterValue);
    return encodeRequest({ op: 'execute', name: this.name, parameters, binary: true });
  }
}
