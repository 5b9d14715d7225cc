// The side-by-side SQL benchmark: BoyoDB, DuckDB and ClickHouse load the same generated CSV
// files and run the same queries (TPC-H, ClickBench-style hits), one system at a time so that
// none competes with another for the cores. Each query runs once to warm up and then --runs
// times; the median of the timed runs is reported. BoyoDB's and ClickHouse's answers (from
// the warm-up) are compared with DuckDB's. Prints a table per suite and writes the raw
// numbers to bench/results/sql-<suite>-<UTC stamp>.json. Started by bench/sql/run.sh, which
// installs what this needs first; `node bench/sql/runner/main.mjs --help` lists the options.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

import { compareResults, hasLimit, totalOrderVariant } from './canonical.mjs';
import { parseArguments, selectQueries, USAGE } from './options.mjs';
import { stopAll } from './processes.mjs';
import { formatReport, summarise } from './report.mjs';
import { median, moreRunsWanted } from './stats.mjs';
import { hitsSuite, tpchSuite } from './suites.mjs';

const BENCH_SQL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPOSITORY = resolve(BENCH_SQL_DIR, '..', '..');

const MEMORY_SHARE = 0.6;
// On CTRL-C, how long a server gets to stop before it is killed.
const INTERRUPT_GRACE_MS = 3_000;

let workRoot = null;
const openSystems = new Set();

function log(message) {
  process.stderr.write(`${message}\n`);
}

async function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2), {
      threads: os.availableParallelism(),
      dataDir: join(BENCH_SQL_DIR, 'data'),
      resultsDir: join(REPOSITORY, 'bench', 'results'),
      tmpDir: os.tmpdir(),
    });
  } catch (error) {
    log(`run.sh: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.systems.includes('boyodb') && !existsSync(join(options.buildDir, 'boyodb-server'))) {
    log(`run.sh: no boyodb-server in ${options.buildDir} (build first: make build)`);
    return 1;
  }
  const filter = options.queries === null ? null : selectQueries(options.queries, options.suites);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  mkdirSync(options.tmpDir, { recursive: true });
  workRoot = mkdtempSync(join(options.tmpDir, 'boyodb-bench-sql-'));
  mkdirSync(options.resultsDir, { recursive: true });
  const environment = describeEnvironment(options);
  for (const suiteName of options.suites) {
    const suite = suiteName === 'tpch'
      ? tpchSuite({ benchDir: BENCH_SQL_DIR, dataDir: options.dataDir, scale: options.scale })
      : hitsSuite({ benchDir: BENCH_SQL_DIR, dataDir: options.dataDir, rows: options.rows });
    if (filter !== null) suite.queries = suite.queries.filter((query) => filter[suiteName].has(query.name));
    if (suite.queries.length === 0) {
      log(`[${suiteName}] no query selected; skipped`);
      continue;
    }
    const record = await runSuite(suite, options, environment);
    summarise(record);
    const file = join(options.resultsDir, `sql-${suiteName}-${stamp}.json`);
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`\n${formatReport(record)}\nresults: ${file}\n`);
  }
  return 0;
}

function describeEnvironment(options) {
  const git = (...args) => {
    try {
      return execFileSync('git', ['-C', REPOSITORY, ...args], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  const status = git('status', '--porcelain', '--untracked-files=no');
  return {
    git_commit: git('rev-parse', 'HEAD'),
    git_dirty: status === null ? null : status !== '',
    build_dir: resolve(options.buildDir),
    boyodb_server_modified: serverModified(options.buildDir),
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? null,
    memory_bytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    systems: options.systems,
    threads: options.threads,
    scaling_from_threads: options.scalingFrom,
    runs: options.runs,
    min_time_ms: options.minTimeMs,
    warmup_runs: 1,
    timeout_s: options.timeoutSeconds,
    memory_limit_bytes: memoryLimitBytes(),
    timing: 'wall time in the runner from sending a query until its whole result has been received',
  };
}

/** When BUILD_DIR's boyodb-server was built (its modification time), or null. */
function serverModified(buildDir) {
  try {
    return statSync(join(buildDir, 'boyodb-server')).mtime.toISOString();
  } catch {
    return null;
  }
}

async function makeSystem(name, options, workDir) {
  const common = { workDir, threads: options.threads, memoryLimitBytes: memoryLimitBytes() };
  switch (name) {
    case 'boyodb': {
      const { BoyoDbSystem } = await import('./boyodb.mjs');
      return new BoyoDbSystem({ ...common, buildDir: options.buildDir });
    }
    case 'duckdb': {
      const { DuckDbSystem } = await import('./duckdb.mjs');
      return new DuckDbSystem(common);
    }
    default: {
      const { ClickHouseSystem } = await import('./clickhouse.mjs');
      return new ClickHouseSystem(common);
    }
  }
}

/**
 * The memory one system may use: 60% of the machine's, the same for all three (DuckDB's
 * memory_limit, ClickHouse's max_memory_usage, the RSS at which the runner kills BoyoDB),
 * leaving room for the runner and anything else on the machine.
 */
function memoryLimitBytes() {
  return Math.floor(os.totalmem() * MEMORY_SHARE);
}

async function runSuite(suite, options, environment) {
  const tag = `[${suite.name}]`;
  const expectedRows = await suite.prepare((message) => log(`${tag} ${message}`));
  const record = {
    suite: suite.name,
    title: suite.title,
    parameters: suite.parameters,
    started_at: new Date().toISOString(),
    // Other work on the machine (a build, say) slows whichever system runs meanwhile.
    load_average_at_start: os.loadavg(),
    environment,
    versions: {},
    expected_rows: expectedRows,
    load: {},
    restarts: {},
    queries: suite.queries.map((query) => ({
      name: query.name,
      has_limit: hasLimit(query.sql),
      systems: {},
      comparison: {},
    })),
  };
  const answers = {};
  // Answers to the LIMIT queries with their rows in one order (totalOrderVariant), from the
  // systems that take ORDER BY positions (ClickHouse 18.16 reads them as constants).
  const totalOrderAnswers = { boyodb: {}, duckdb: {} };
  const checkTies = options.systems.includes('boyodb') && options.systems.includes('duckdb');
  for (const systemName of options.systems) {
    const workDir = join(workRoot, suite.name, systemName);
    mkdirSync(workDir, { recursive: true });
    const system = await makeSystem(systemName, options, workDir);
    openSystems.add(system);
    answers[systemName] = {};
    try {
      log(`${tag} ${system.label}: starting`);
      await system.start();
      record.versions[systemName] = await system.version();
      log(`${tag} ${system.label} ${record.versions[systemName]}: loading`);
      record.load[systemName] = await loadSuite(system, suite, expectedRows, (m) => log(`${tag} ${system.label}: ${m}`));
      for (const [index, query] of suite.queries.entries()) {
        const entry = record.queries[index];
        const sql = systemName === 'clickhouse' ? query.clickhouse : query.sql;
        if (sql === null) {
          entry.systems[systemName] = { status: 'n/a', message: query.clickhouseUnsupported };
          continue;
        }
        if (record.load[systemName].status !== 'ok') {
          entry.systems[systemName] = { status: 'error', message: 'the tables did not load' };
          continue;
        }
        const outcome = await measure(system, sql, options);
        answers[systemName][query.name] = outcome.result;
        const variant = outcome.status === 'ok' && checkTies && systemName in totalOrderAnswers
          ? totalOrderVariant(sql, outcome.result.columns.length) : null;
        if (variant !== null) {
          const ordered = await system.query(variant, options.timeoutSeconds * 1000);
          if (ordered.status === 'ok') totalOrderAnswers[systemName][query.name] = ordered.result;
        }
        delete outcome.result;
        entry.systems[systemName] = outcome;
        log(`${tag} ${system.label} ${query.name}: ${describeOutcome(outcome)}`);
      }
      if (system.restarts !== undefined) record.restarts[systemName] = system.restarts;
    } finally {
      await system.stop();
      openSystems.delete(system);
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  for (const [index, query] of suite.queries.entries()) {
    const reference = answers.duckdb?.[query.name];
    if (reference === undefined) continue;
    for (const systemName of ['boyodb', 'clickhouse']) {
      const answer = answers[systemName]?.[query.name];
      if (answer !== undefined) record.queries[index].comparison[systemName] = compareResults(answer, reference);
    }
    // Rows tied at a LIMIT's cut-off may be picked either way: whether the answers agree once
    // every column orders them.
    const comparison = record.queries[index].comparison.boyodb;
    const ordered = totalOrderAnswers.boyodb[query.name];
    const orderedReference = totalOrderAnswers.duckdb[query.name];
    if (comparison !== undefined && !comparison.equal && ordered !== undefined && orderedReference !== undefined) {
      comparison.total_order = compareResults(ordered, orderedReference);
    }
  }
  record.finished_at = new Date().toISOString();
  record.load_average_at_end = os.loadavg();
  return record;
}

/** Creates the suite's tables and loads its CSV files, timing each load. */
async function loadSuite(system, suite, expectedRows, say) {
  const statements = system.name === 'clickhouse' ? suite.schema.clickhouse : suite.schema.sql;
  for (const statement of statements) await system.execute(statement);
  const load = { status: 'ok', total_ms: 0, tables: {}, rows: {}, row_counts_match: true };
  for (const table of suite.tables) {
    const started = performance.now();
    try {
      await system.loadCsv(table.name, table.csv, { quotedEmptyIsText: suite.csvQuotedEmptyIsText });
    } catch (error) {
      say(`loading ${table.name} failed: ${error.message}`);
      return { ...load, status: 'error', total_ms: null, message: `${table.name}: ${error.message}` };
    }
    const ms = performance.now() - started;
    load.tables[table.name] = ms;
    load.total_ms += ms;
    load.rows[table.name] = await system.countRows(table.name);
    if (load.rows[table.name] !== expectedRows[table.name]) load.row_counts_match = false;
    say(`${table.name}: ${load.rows[table.name]} rows in ${(ms / 1000).toFixed(2)} s`);
  }
  if (system.waitForMerges !== undefined) {
    const started = performance.now();
    await system.waitForMerges();
    load.merges_wait_ms = performance.now() - started;
  }
  return load;
}

/**
 * One warm-up, then options.runs timed runs, more for a fast query (moreRunsWanted); stops at
 * the first timeout or error. In a scaling run (options.scalingFrom set) the query does that
 * on options.scalingFrom threads and then on options.threads, right after one another, so
 * that drift in the machine's speed between queries weighs on both counts alike; each count
 * has its own warm-up, which also takes what a change of thread count costs (DuckDB starts its
 * threads anew). The outcome is that on options.threads, with `scaling` giving the other count's runs
 * and the speedup (its median / this median).
 */
async function measure(system, sql, options) {
  if (options.scalingFrom === null) return measureOn(system, sql, options);
  await system.setThreads(options.scalingFrom);
  const from = await measureOn(system, sql, options);
  await system.setThreads(options.threads);
  const outcome = await measureOn(system, sql, options);
  if (from.status !== 'ok') {
    // The times on options.threads still count; the speedup has none to compare with.
    outcome.scaling_failure = `${from.status} on ${options.scalingFrom} thread(s): ${from.message}`;
  } else if (outcome.status === 'ok') {
    outcome.scaling = {
      from_threads: options.scalingFrom,
      from_warmup_ms: from.warmup_ms,
      from_runs_ms: from.runs_ms,
      from_median_ms: from.median_ms,
      speedup: from.median_ms / Math.max(outcome.median_ms, 0.001),
    };
  }
  return outcome;
}

/** measure() on the system's current thread count. */
async function measureOn(system, sql, options) {
  const timeoutMs = options.timeoutSeconds * 1000;
  const warmup = await system.query(sql, timeoutMs);
  if (warmup.status !== 'ok') return { status: warmup.status, message: warmup.message, runs_ms: [] };
  const outcome = { status: 'ok', warmup_ms: warmup.ms, runs_ms: [], rows: warmup.result.rows.length, result: warmup.result };
  for (let run = 0; moreRunsWanted(outcome.runs_ms, options); ++run) {
    // Timed runs keep no rows (the warm-up's are compared), and the runner's garbage is
    // collected before one when there is much of it: otherwise the collector of this process
    // may run on a core while the system uses every core, which slowed runs on all threads of
    // queries with many rows (TPC-H q16's 18,334: 30 to 68 ms).
    collectGarbage();
    const timed = await system.query(sql, timeoutMs, { keepResult: false });
    if (timed.status !== 'ok') {
      return { ...outcome, status: timed.status, message: `timed run ${run + 1}: ${timed.message}` };
    }
    outcome.runs_ms.push(timed.ms);
  }
  outcome.median_ms = median(outcome.runs_ms);
  return outcome;
}

/**
 * A full garbage collection, when node runs with --expose-gc (run.sh starts it so), once the
 * heap and the memory it holds outside it (Arrow buffers) have grown by COLLECT_AFTER_BYTES
 * since the last one. A collection cost the query sent right after it about a millisecond
 * (hits Q0 through BoyoDB: 0.7 ms a run without, 2 ms with), which mattered only where a run
 * makes little garbage: few-millisecond queries with a few rows.
 */
function collectGarbage() {
  if (typeof globalThis.gc !== 'function') return;
  if (heldBytes() - heldAfterCollection < COLLECT_AFTER_BYTES) return;
  globalThis.gc();
  heldAfterCollection = heldBytes();
}

const COLLECT_AFTER_BYTES = 16 * 1024 * 1024;
let heldAfterCollection = 0;

function heldBytes() {
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

function describeOutcome(outcome) {
  if (outcome.status !== 'ok') return `${outcome.status}: ${outcome.message}`;
  const runs = outcome.runs_ms.map((ms) => ms.toFixed(1)).join(' ');
  const text = `${outcome.median_ms.toFixed(1)} ms (warm-up ${outcome.warmup_ms.toFixed(1)}; runs ${runs}; ${outcome.rows} rows)`;
  const { scaling } = outcome;
  if (outcome.scaling_failure !== undefined) return `${text}; ${outcome.scaling_failure}`;
  if (scaling === undefined) return text;
  const fromRuns = scaling.from_runs_ms.map((ms) => ms.toFixed(1)).join(' ');
  return `${text}; on ${scaling.from_threads} thread(s) ${scaling.from_median_ms.toFixed(1)} ms (runs ${fromRuns}): ${scaling.speedup.toFixed(2)}x`;
}

/** Stops every system still open (SIGTERM, SIGKILL after `graceMs`) and removes the work directory. */
async function cleanUp(graceMs = undefined) {
  for (const system of openSystems) {
    try {
      await system.stop(graceMs);
    } catch {
      // Stopping the rest matters more.
    }
  }
  await stopAll(graceMs);
  if (workRoot !== null) rmSync(workRoot, { recursive: true, force: true });
  workRoot = null;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`\nrun.sh: ${signal}: stopping the servers`);
    cleanUp(INTERRUPT_GRACE_MS).finally(() => process.exit(130));
  });
}

let status = 1;
try {
  status = await main();
} catch (error) {
  log(`run.sh: ${error.message}`);
  status = 1;
} finally {
  await cleanUp();
}
process.exit(status);
