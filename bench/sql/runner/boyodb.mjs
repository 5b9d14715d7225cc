// BoyoDB in the benchmark: BUILD_DIR/boyodb-server on a fresh data directory, its native
// protocol on a free port of 127.0.0.1 (the other listeners off), driven through our own
// Node driver (clients/node, results as Arrow). A query that runs past the timeout cannot be
// cancelled on the native protocol, so the server is stopped (SIGTERM, SIGKILL after 3 s)
// and started again on the same data directory, which keeps the loaded tables. So is a server
// whose memory passes the run's limit, killed at once.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { batchRows, connect } from '../../../clients/node/dist/index.js';
import { isRunning, sleep, startProcess, stopProcess, tail, waitFor } from './processes.mjs';

const STARTUP_MS = 120_000;
const STOP_GRACE_MS = 30_000;
// A server busy with a query that timed out does not stop on SIGTERM until the query ends;
// its loaded tables are durable, so it is killed soon.
const TIMEOUT_STOP_GRACE_MS = 3_000;
// How long a server whose connection dropped gets to exit before it counts as alive.
const CRASH_WAIT_MS = 10_000;
const MEMORY_POLL_MS = 100;
const TIMED_OUT = Symbol('timed out');
const OUT_OF_MEMORY = Symbol('out of memory');
const USER = 'admin';

// Arrow type ids (the Type enum of Arrow's Schema.fbs, as apache-arrow numbers them).
const ARROW_KINDS = new Map([
  [1, 'null'], [2, 'number'], [3, 'number'], [7, 'number'], [5, 'string'], [20, 'string'],
  [24, 'string'], [6, 'boolean'], [8, 'date'], [10, 'timestamp'],
]);

export class BoyoDbSystem {
  /**
   * `buildDir` holds boyodb-server; the data directory and log go to `workDir`. A query during
   * which the server's resident memory passes `memoryLimitBytes` ends with 'memory'.
   */
  constructor({ buildDir, workDir, threads, memoryLimitBytes }) {
    this.name = 'boyodb';
    this.label = 'BoyoDB';
    this.serverPath = join(buildDir, 'boyodb-server');
    this.dataDir = join(workDir, 'boyodb-data');
    this.logFile = join(workDir, 'boyodb-server.log');
    this.threads = threads;
    this.memoryLimitBytes = memoryLimitBytes;
    // Contains no user name and satisfies the default password policy.
    this.password = `Pw-${randomBytes(12).toString('hex')}-9x`;
    this.server = null;
    this.client = null;
    this.restarts = 0;
    mkdirSync(workDir, { recursive: true });
  }

  /** Starts the server (creating the data directory on the first start) and connects. */
  async start() {
    const env = { ...process.env, BOYODB_ADMIN_PASSWORD: this.password };
    this.server = startProcess(
      this.serverPath,
      [this.dataDir, '127.0.0.1:0', '--http-addr', '', '--pg-addr', '', '--log-level', 'warn'],
      { env, logFile: this.logFile, pipeStdout: true },
    );
    const port = await this.readPort(this.server);
    this.client = await connect({ host: '127.0.0.1', port, user: USER, password: this.password });
    // The thread count must take effect: a server that refuses the setting ends the run.
    try {
      await this.client.query(`SET threads = ${this.threads}`);
    } catch (error) {
      throw new Error(`BoyoDB refused "SET threads = ${this.threads}": ${error.message}`);
    }
  }

  /** Reads the `native HOST:PORT` line the server prints once it listens. */
  async readPort(server) {
    const lines = createInterface({ input: server.stdout });
    let port;
    lines.on('line', (line) => {
      const match = /^native\s+\S+:(\d+)\s*$/.exec(line);
      if (match !== null && port === undefined) port = Number(match[1]);
    });
    try {
      return await waitFor(() => port, { deadlineMs: STARTUP_MS, child: server, what: 'boyodb-server' });
    } catch (error) {
      throw new Error(`${error.message}\n${tail(this.logFile)}`);
    }
  }

  async stop(graceMs = STOP_GRACE_MS) {
    if (this.client !== null) {
      await this.client.close().catch(() => {});
      this.client = null;
    }
    if (this.server !== null) {
      await stopProcess(this.server, graceMs);
      this.server = null;
    }
  }

  /** Stops the server however it is, then starts it again on the same data directory. */
  async restart(graceMs = STOP_GRACE_MS) {
    this.restarts += 1;
    await this.stop(graceMs);
    await this.start();
  }

  /** Later queries use `threads` threads (also after a restart). */
  async setThreads(threads) {
    await this.client.query(`SET threads = ${threads}`);
    this.threads = threads;
  }

  async version() {
    const { rows } = await this.client.query('SELECT version() AS v');
    return String(rows[0].v);
  }

  async execute(sql) {
    await this.client.query(sql);
  }

  /** Loads a CSV file with a header line through the server's own COPY. */
  async loadCsv(table, csvPath) {
    await this.client.query(`COPY ${table} FROM '${csvPath.replaceAll("'", "''")}' WITH (FORMAT csv, HEADER true)`);
  }

  async countRows(table) {
    const { rows } = await this.client.query(`SELECT count(*) AS n FROM ${table}`);
    return Number(rows[0].n);
  }

  /**
   * Runs one query: { status: 'ok', ms, result } with the wall time from sending it until the
   * whole Arrow result has arrived, or { status: 'timeout' | 'memory' | 'error', message }.
   * `result` (the rows as JS values, made after the clock stops) is null unless keepResult.
   * 'memory': the server's resident memory passed the limit, so it was killed (BoyoDB has no
   * memory limit of its own yet, and the kernel's OOM killer would take other processes too).
   */
  async query(sql, timeoutMs, { keepResult = true } = {}) {
    const started = performance.now();
    const pending = this.client.queryArrow(sql);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    const watchdog = watchMemory(this.server, this.memoryLimitBytes);
    let table;
    try {
      table = await Promise.race([pending, timeout, watchdog.exceeded]);
    } catch (error) {
      return this.failed(error);
    } finally {
      clearTimeout(timer);
      watchdog.stop();
    }
    if (table === TIMED_OUT || table === OUT_OF_MEMORY) {
      pending.catch(() => {});
      await this.restart(TIMEOUT_STOP_GRACE_MS);
      return table === TIMED_OUT
        ? { status: 'timeout', message: `no answer after ${timeoutMs / 1000} s; server restarted` }
        : { status: 'memory', message: `the server used more than ${gigabytes(this.memoryLimitBytes)} of memory; killed and restarted` };
    }
    const ms = performance.now() - started;
    return { status: 'ok', ms, result: keepResult ? arrowResult(table) : null };
  }

  /** The outcome of a query that failed; restarts the server when the connection is gone. */
  async failed(error) {
    if (this.client.isOpen && isRunning(this.server)) return { status: 'error', message: error.message };
    // The server may be dying (an abort writes its message first).
    const exited = await Promise.race([this.server.exited, sleep(CRASH_WAIT_MS).then(() => null)]);
    const message = exited === null
      ? `${error.message} (the server still ran; restarted)`
      : `${error.message}: the server exited (${exited}); its log ends:\n${tail(this.logFile, 5)}`;
    await this.restart(TIMEOUT_STOP_GRACE_MS);
    return { status: 'error', message };
  }
}

/**
 * Polls a process's resident memory (Linux /proc) and kills it (SIGKILL) as soon as it passes
 * `limitBytes`; `exceeded` then resolves with OUT_OF_MEMORY. stop() ends the polling.
 */
function watchMemory(child, limitBytes) {
  let interval = null;
  const exceeded = new Promise((resolve) => {
    interval = setInterval(() => {
      let status;
      try {
        status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      } catch {
        return;
      }
      const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (match === null || Number(match[1]) * 1024 <= limitBytes) return;
      clearInterval(interval);
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // It exited meanwhile.
      }
      resolve(OUT_OF_MEMORY);
    }, MEMORY_POLL_MS);
  });
  return { exceeded, stop: () => clearInterval(interval) };
}

function gigabytes(bytes) {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** An Arrow table as { columns: [{ name, kind }], rows } (values as the driver converts them). */
export function arrowResult(table) {
  const fields = table.schema.fields;
  const columns = fields.map((field) => ({ name: field.name, kind: arrowKind(field.type) }));
  // The driver keys rows by column name, and results may repeat a name (`SELECT 1, 2`): read
  // each batch through fields renamed by position.
  const positional = fields.map((field, index) => field.clone({ name: `c${index}` }));
  const rows = [];
  for (const batch of table.batches) {
    const renamed = { numRows: batch.numRows, schema: { fields: positional }, data: batch.data };
    for (const row of batchRows(renamed)) rows.push(positional.map((field) => row[field.name]));
  }
  return { columns, rows };
}

function arrowKind(type) {
  const typeId = type.typeId === -1 ? type.dictionary.typeId : type.typeId;
  return ARROW_KINDS.get(typeId) ?? 'other';
}
