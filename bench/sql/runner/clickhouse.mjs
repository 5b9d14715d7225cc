// ClickHouse in the benchmark: the Debian package's clickhouse-server (18.16), started with a
// configuration written here (127.0.0.1 only, free HTTP and TCP ports, every path inside the
// work directory, no interserver port, max_threads = the benchmark's thread count, a default
// user without password) and driven over HTTP: queries answer TabSeparatedWithNamesAndTypes,
// CSV files are streamed into INSERT ... FORMAT CSVWithNames. A query past the timeout is
// abandoned and killed (KILL QUERY by its query_id).

import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { delimiter, join } from 'node:path';

import { freePort, startProcess, stopProcess, tail, waitFor, sleep } from './processes.mjs';

const STARTUP_MS = 120_000;
const MERGES_WAIT_MS = 600_000;
const STOP_GRACE_MS = 60_000;

/** The path of clickhouse-server: on PATH, else where Debian puts it; null if missing. */
export function findClickHouseServer(path = process.env.PATH ?? '') {
  for (const directory of [...path.split(delimiter), '/usr/sbin', '/usr/bin']) {
    if (directory === '') continue;
    const candidate = join(directory, 'clickhouse-server');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function escapeXml(text) {
  return String(text).replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The server's config.xml and users.xml for a run. `dir` is the server's own directory (data,
 * tmp, user files, format schemas, logs); `threads` becomes the default profile's max_threads;
 * `maxMemoryBytes` its max_memory_usage. Only HTTP and native TCP listen, on 127.0.0.1.
 */
export function clickHouseConfig({ dir, httpPort, tcpPort, threads, maxMemoryBytes }) {
  const path = (name) => escapeXml(join(dir, name) + '/');
  const config = `<?xml version="1.0"?>
<!-- Written by bench/sql/runner/clickhouse.mjs for one benchmark run. -->
<yandex>
    <logger>
        <level>information</level>
        <log>${escapeXml(join(dir, 'log', 'clickhouse-server.log'))}</log>
        <errorlog>${escapeXml(join(dir, 'log', 'clickhouse-server.err.log'))}</errorlog>
        <size>100M</size>
        <count>2</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>${httpPort}</http_port>
    <tcp_port>${tcpPort}</tcp_port>
    <path>${path('data')}</path>
    <tmp_path>${path('tmp')}</tmp_path>
    <user_files_path>${path('user_files')}</user_files_path>
    <format_schema_path>${path('format_schemas')}</format_schema_path>
    <users_config>${escapeXml(join(dir, 'users.xml'))}</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <max_connections>64</max_connections>
    <keep_alive_timeout>30</keep_alive_timeout>
    <max_concurrent_queries>16</max_concurrent_queries>
    <mark_cache_size>5368709120</mark_cache_size>
    <uncompressed_cache_size>8589934592</uncompressed_cache_size>
    <mlock_executable>false</mlock_executable>
</yandex>
`;
  const users = `<?xml version="1.0"?>
<!-- Written by bench/sql/runner/clickhouse.mjs for one benchmark run. -->
<yandex>
    <profiles>
        <default>
            <max_threads>${threads}</max_threads>
            <max_memory_usage>${maxMemoryBytes}</max_memory_usage>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <load_balancing>random</load_balancing>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
        </default>
    </quotas>
</yandex>
`;
  return { config, users };
}

export class ClickHouseSystem {
  /** `memoryLimitBytes` becomes max_memory_usage (a query past it fails). */
  constructor({ workDir, threads, memoryLimitBytes }) {
    this.name = 'clickhouse';
    this.label = 'ClickHouse';
    this.dir = join(workDir, 'clickhouse');
    this.threads = threads;
    this.queryThreads = threads;
    this.memoryLimitBytes = memoryLimitBytes;
    this.server = null;
    this.httpPort = null;
    this.agent = null;
  }

  get logFile() {
    return join(this.dir, 'log', 'clickhouse-server.err.log');
  }

  async start() {
    const binary = findClickHouseServer();
    if (binary === null) throw new Error('clickhouse-server is not installed (bench/sql/setup.sh installs it)');
    for (const sub of ['data', 'tmp', 'user_files', 'format_schemas', 'log']) {
      mkdirSync(join(this.dir, sub), { recursive: true });
    }
    this.agent = new Agent({ keepAlive: true, maxSockets: 4 });
    this.httpPort = await freePort();
    let tcpPort = await freePort();
    while (tcpPort === this.httpPort) tcpPort = await freePort();
    const { config, users } = clickHouseConfig({
      dir: this.dir, httpPort: this.httpPort, tcpPort, threads: this.threads,
      maxMemoryBytes: this.memoryLimitBytes,
    });
    const configFile = join(this.dir, 'config.xml');
    writeFileSync(configFile, config);
    writeFileSync(join(this.dir, 'users.xml'), users);
    this.server = startProcess(binary, [`--config-file=${configFile}`], {
      logFile: join(this.dir, 'log', 'stdout.log'),
    });
    const ready = async () => {
      try {
        return (await this.post('SELECT 1')).trim() === '1' ? true : undefined;
      } catch {
        return undefined;
      }
    };
    try {
      await waitFor(ready, { deadlineMs: STARTUP_MS, intervalMs: 200, child: this.server, what: 'clickhouse-server' });
    } catch (error) {
      throw new Error(`${error.message}\n${tail(this.logFile)}`);
    }
  }

  async stop(graceMs = STOP_GRACE_MS) {
    if (this.agent !== null) this.agent.destroy();
    this.agent = null;
    if (this.server !== null) await stopProcess(this.server, graceMs);
    this.server = null;
  }

  /** Later queries use at most `threads` threads (their max_threads setting). */
  async setThreads(threads) {
    this.queryThreads = threads;
  }

  async version() {
    return (await this.post('SELECT version()')).trim();
  }

  async execute(sql) {
    await this.post(sql);
  }

  /** Streams a CSV file with a header line into INSERT ... FORMAT CSVWithNames. */
  async loadCsv(table, csvPath) {
    await this.post(createReadStream(csvPath), { query: `INSERT INTO ${table} FORMAT CSVWithNames` });
  }

  async countRows(table) {
    return Number((await this.post(`SELECT count() FROM ${table}`)).trim());
  }

  /** Waits until MergeTree has no merge running, so that none runs during the queries. */
  async waitForMerges() {
    const idle = async () => (Number((await this.post('SELECT count() FROM system.merges')).trim()) === 0 ? true : undefined);
    await waitFor(idle, { deadlineMs: MERGES_WAIT_MS, intervalMs: 500, what: 'ClickHouse merges' });
  }

  /**
   * Runs one query: { status: 'ok', ms, result } with the wall time from sending it until the
   * whole HTTP answer has arrived, or { status: 'timeout' | 'error', message }.
   * `result` (the rows as JS values, made after the clock stops) is null unless keepResult.
   */
  async query(sql, timeoutMs, { keepResult = true } = {}) {
    const queryId = randomUUID();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = performance.now();
    let text;
    try {
      text = await this.post(sql, {
        query_id: queryId,
        default_format: 'TabSeparatedWithNamesAndTypes',
        wait_end_of_query: '1',
        max_threads: String(this.queryThreads),
      }, controller.signal);
    } catch (error) {
      clearTimeout(timer);
      if (controller.signal.aborted) {
        await this.kill(queryId);
        return { status: 'timeout', message: `no answer after ${timeoutMs / 1000} s; query killed` };
      }
      return { status: 'error', message: error.message };
    }
    clearTimeout(timer);
    const ms = performance.now() - started;
    return { status: 'ok', ms, result: keepResult ? parseTsvWithNamesAndTypes(text) : null };
  }

  async kill(queryId) {
    try {
      await this.post(`KILL QUERY WHERE query_id = '${queryId}' SYNC`);
    } catch {
      // The query may have ended meanwhile.
    }
    await sleep(100);
  }

  /**
   * POSTs `body` (SQL text or a readable stream) with URL parameters `params`; resolves with
   * the answer's text, rejects with ClickHouse's message on a status other than 200.
   */
  post(body, params = {}, signal = undefined) {
    const search = new URLSearchParams(params).toString();
    return new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1', port: this.httpPort, method: 'POST', path: `/?${search}`,
        agent: this.agent, signal,
      }, (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve(text);
          else reject(new Error(text.trim().split('\n')[0] || `HTTP ${res.statusCode}`));
        });
      });
      req.on('error', reject);
      if (typeof body === 'string') {
        req.end(body);
      } else {
        body.on('error', (error) => req.destroy(error));
        body.pipe(req);
      }
    });
  }
}

/** The kind (see canonical.mjs) of a ClickHouse type name. */
export function clickHouseKind(type) {
  const inner = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  if (inner !== null) return clickHouseKind(inner[1]);
  if (/^(U?Int\d+|Float\d+|Decimal)/.test(type)) return 'number';
  if (/^(String|FixedString)/.test(type)) return 'string';
  if (type === 'Date') return 'date';
  if (/^DateTime/.test(type)) return 'timestamp';
  if (type === 'Nothing') return 'null';
  return 'other';
}

const TSV_ESCAPES = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', 0: '\0', "'": "'", '\\': '\\' };

/** One TabSeparated field: \N is NULL, backslash escapes decoded. */
export function unescapeTsvField(field) {
  if (field === '\\N') return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (whole, c) => TSV_ESCAPES[c] ?? c);
}

/** A TabSeparatedWithNamesAndTypes answer as { columns: [{ name, kind }], rows }. */
export function parseTsvWithNamesAndTypes(text) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length < 2) throw new Error(`not a TabSeparatedWithNamesAndTypes answer: ${text.slice(0, 200)}`);
  const names = lines[0].split('\t').map(unescapeTsvField);
  const types = lines[1].split('\t').map(unescapeTsvField);
  const columns = names.map((name, index) => ({ name, kind: clickHouseKind(types[index]) }));
  const rows = lines.slice(2).map((line) => line.split('\t').map(unescapeTsvField));
  return { columns, rows };
}
