// DuckDB in the benchmark, the reference for answers: in this process through
// @duckdb/node-api, on a database file in the work directory (not in memory, so that its load
// writes to disk as the servers' loads do). A query past the timeout is interrupted.

import { join } from 'node:path';

import duckdb, { DuckDBInstance, DuckDBTypeId } from '@duckdb/node-api';

const NUMBER_TYPES = new Set([
  'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT',
  'FLOAT', 'DOUBLE', 'HUGEINT', 'UHUGEINT', 'DECIMAL', 'BIGNUM',
]);
const TIMESTAMP_TYPES = new Set(['TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS', 'TIMESTAMP_TZ']);

export class DuckDbSystem {
  /** `memoryLimitBytes` becomes DuckDB's memory_limit (past it, DuckDB spills or fails). */
  constructor({ workDir, threads, memoryLimitBytes }) {
    this.name = 'duckdb';
    this.label = 'DuckDB';
    this.databaseFile = join(workDir, 'duckdb.db');
    this.threads = threads;
    this.memoryLimitBytes = memoryLimitBytes;
    this.instance = null;
    this.connection = null;
  }

  async start() {
    this.instance = await DuckDBInstance.create(this.databaseFile);
    this.connection = await this.instance.connect();
    await this.connection.run(`SET threads = ${this.threads}`);
    await this.connection.run(`SET memory_limit = '${Math.floor(this.memoryLimitBytes / 2 ** 20)}MiB'`);
  }

  async stop() {
    if (this.connection !== null) this.connection.closeSync();
    if (this.instance !== null) this.instance.closeSync();
    this.connection = null;
    this.instance = null;
  }

  /** Later queries use `threads` threads. */
  async setThreads(threads) {
    await this.connection.run(`SET threads = ${threads}`);
    this.threads = threads;
  }

  async version() {
    return duckdb.version();
  }

  async execute(sql) {
    await this.connection.run(sql);
  }

  /**
   * Loads a CSV file with a header line. `quotedEmptyIsText`: a quoted empty field is an empty
   * string, not NULL (DuckDB's default reads it as NULL; the hits file writes '' as "").
   */
  async loadCsv(table, csvPath, { quotedEmptyIsText = false } = {}) {
    const path = csvPath.replaceAll("'", "''");
    const extra = quotedEmptyIsText ? ', ALLOW_QUOTED_NULLS false' : '';
    await this.connection.run(`COPY ${table} FROM '${path}' (HEADER${extra})`);
  }

  async countRows(table) {
    const rows = await (await this.connection.run(`SELECT count(*) FROM ${table}`)).getRows();
    return Number(rows[0][0]);
  }

  /**
   * Runs one query: { status: 'ok', ms, result } with the wall time until DuckDB has the whole
   * result materialized, or { status: 'timeout' | 'error', message }.
   * `result` (the rows as JS values, made after the clock stops) is null unless keepResult.
   */
  async query(sql, timeoutMs, { keepResult = true } = {}) {
    const started = performance.now();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      this.connection.interrupt();
    }, timeoutMs);
    let materialized;
    try {
      materialized = await this.connection.run(sql);
    } catch (error) {
      clearTimeout(timer);
      if (timedOut) return { status: 'timeout', message: `interrupted after ${timeoutMs / 1000} s` };
      return { status: 'error', message: error.message };
    }
    clearTimeout(timer);
    const ms = performance.now() - started;
    if (timedOut) return { status: 'timeout', message: `interrupted after ${timeoutMs / 1000} s` };
    return { status: 'ok', ms, result: keepResult ? await duckDbResult(materialized) : null };
  }
}

/** A DuckDB result as { columns: [{ name, kind }], rows } with values as plain JS values. */
async function duckDbResult(materialized) {
  const columns = [];
  for (let index = 0; index < materialized.columnCount; ++index) {
    const typeName = DuckDBTypeId[materialized.columnTypeId(index)];
    columns.push({ name: materialized.columnName(index), kind: kindOf(typeName), type: typeName });
  }
  const rows = (await materialized.getRows()).map((row) =>
    row.map((value, index) => plainValue(value, columns[index].kind)));
  for (const column of columns) delete column.type;
  return { columns, rows };
}

function kindOf(typeName) {
  if (NUMBER_TYPES.has(typeName)) return 'number';
  if (TIMESTAMP_TYPES.has(typeName)) return 'timestamp';
  if (typeName === 'DATE') return 'date';
  if (typeName === 'VARCHAR') return 'string';
  if (typeName === 'BOOLEAN') return 'boolean';
  if (typeName === 'SQLNULL') return 'null';
  return 'other';
}

/** DuckDB's value objects (decimals, dates, timestamps, ...) as their SQL text. */
function plainValue(value, kind) {
  if (value === null || typeof value !== 'object') return value;
  return kind === 'other' ? String(value) : value.toString();
}
