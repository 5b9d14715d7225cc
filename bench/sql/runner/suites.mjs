// The two suites of the benchmark, TPC-H and the ClickBench-style hits table: where their
// schema, queries and data are, and the generation of their CSV files into the data cache
// (once per scale factor or row count; a file or directory appears only when complete).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { queryName, QUERY_RANGES } from './options.mjs';

export const TPCH_TABLES = Object.freeze([
  'region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem',
]);

/** The statements of a schema file: `--` comments removed, split at `;`. */
export function splitStatements(text) {
  return text
    .replace(/--[^\n]*/g, '')
    .split(';')
    .map((statement) => statement.trim())
    .filter((statement) => statement !== '');
}

/** One query a line (the hits files), the line's trailing `;` kept; blank lines skipped. */
export function splitLines(text) {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** The directory name of a TPC-H scale factor in the data cache: tpch-sf0.1, tpch-sf1. */
export function tpchDataName(scale) {
  return `tpch-sf${scale}`;
}

export function hitsDataName(rows) {
  return `hits-${rows}.csv`;
}

/**
 * The TPC-H suite at scale `scale`: { name, title, tables: [{ name, csv }], schema: { sql,
 * clickhouse }, queries: [{ name, sql, clickhouse, clickhouseUnsupported }], prepare() }.
 * prepare() generates the data when the cache lacks it and returns the expected row counts.
 */
export function tpchSuite({ benchDir, dataDir, scale }) {
  const dir = join(benchDir, 'tpch');
  const manifest = JSON.parse(readFileSync(join(dir, 'queries_clickhouse', 'unsupported.json'), 'utf8'));
  const unsupported = manifest.unsupported ?? {};
  const queries = [];
  for (let number = QUERY_RANGES.tpch.first; number <= QUERY_RANGES.tpch.last; ++number) {
    const name = queryName('tpch', number);
    const clickhouseFile = join(dir, 'queries_clickhouse', `${name}.sql`);
    let clickhouse = null;
    if (name in unsupported) {
      if (existsSync(clickhouseFile)) throw new Error(`${clickhouseFile} exists, but unsupported.json lists ${name}`);
    } else {
      if (!existsSync(clickhouseFile)) throw new Error(`${clickhouseFile} is missing and unsupported.json does not list ${name}`);
      clickhouse = readFileSync(clickhouseFile, 'utf8');
    }
    queries.push({
      name,
      sql: readFileSync(join(dir, 'queries', `${name}.sql`), 'utf8'),
      clickhouse,
      clickhouseUnsupported: unsupported[name] ?? null,
    });
  }
  const dataPath = resolve(dataDir, tpchDataName(scale));
  return {
    name: 'tpch',
    title: `TPC-H SF ${scale}`,
    parameters: { scale },
    tables: TPCH_TABLES.map((table) => ({ name: table, csv: join(dataPath, `${table}.csv`) })),
    schema: {
      sql: splitStatements(readFileSync(join(dir, 'schema.sql'), 'utf8')),
      clickhouse: splitStatements(readFileSync(join(dir, 'schema_clickhouse.sql'), 'utf8')),
    },
    csvQuotedEmptyIsText: false,
    queries,
    async prepare(log) {
      const countsFile = join(dataPath, 'counts.json');
      if (!existsSync(countsFile)) {
        const partial = `${dataPath}.partial`;
        rmSync(partial, { recursive: true, force: true });
        mkdirSync(partial, { recursive: true });
        log(`generating TPC-H SF ${scale} into ${dataPath}`);
        const output = await runGenerator(join(dir, 'generate.mjs'), ['--scale', String(scale), '--out', partial]);
        writeFileSync(join(partial, 'counts.json'), `${JSON.stringify(generatorCounts(output))}\n`);
        rmSync(dataPath, { recursive: true, force: true });
        renameSync(partial, dataPath);
      }
      return JSON.parse(readFileSync(countsFile, 'utf8'));
    },
  };
}

/** The hits suite with `rows` rows; prepare() generates the file when the cache lacks it. */
export function hitsSuite({ benchDir, dataDir, rows }) {
  const dir = join(benchDir, 'hits');
  const sql = splitLines(readFileSync(join(dir, 'queries.sql'), 'utf8'));
  const clickhouse = splitLines(readFileSync(join(dir, 'queries_clickhouse.sql'), 'utf8'));
  const count = QUERY_RANGES.hits.last - QUERY_RANGES.hits.first + 1;
  if (sql.length !== count || clickhouse.length !== count) {
    throw new Error(`hits: expected ${count} queries in each query file, found ${sql.length} and ${clickhouse.length}`);
  }
  const csv = resolve(dataDir, hitsDataName(rows));
  return {
    name: 'hits',
    title: `hits ${rows} rows`,
    parameters: { rows },
    tables: [{ name: 'hits', csv }],
    schema: {
      sql: splitStatements(readFileSync(join(dir, 'schema.sql'), 'utf8')),
      clickhouse: splitStatements(readFileSync(join(dir, 'schema_clickhouse.sql'), 'utf8')),
    },
    // The file writes empty strings as "" (every column is NOT NULL).
    csvQuotedEmptyIsText: true,
    queries: sql.map((text, index) => ({
      name: queryName('hits', index + QUERY_RANGES.hits.first),
      sql: text,
      clickhouse: clickhouse[index],
      clickhouseUnsupported: null,
    })),
    async prepare(log) {
      if (!existsSync(csv)) {
        mkdirSync(resolve(dataDir), { recursive: true });
        const partial = `${csv}.partial`;
        log(`generating ${rows} hits rows into ${csv}`);
        await runGenerator(join(dir, 'generate.mjs'), ['--rows', String(rows), '--out', partial]);
        renameSync(partial, csv);
      }
      return { hits: rows };
    },
  };
}

/** The row counts a TPC-H generator run printed last: `done in 1.2s: {"region":5,...}`. */
export function generatorCounts(output) {
  const match = /done in [^:]*: (\{.*\})\s*$/m.exec(output);
  if (match === null) throw new Error(`the TPC-H generator printed no row counts:\n${output.slice(-500)}`);
  return JSON.parse(match[1]);
}

/** Runs a generator; resolves with what it printed (stdout and stderr) once it succeeded. */
function runGenerator(script, args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${script} failed (${code ?? signal})`));
    });
  });
}
