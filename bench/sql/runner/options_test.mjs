// Tests of the runner's options and --queries filter: node --test bench/sql/runner/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseArguments, parseSystems, parseThreadCounts, queryName, selectQueries } from './options.mjs';

const DEFAULTS = { threads: 2, dataDir: '/data', resultsDir: '/results', tmpDir: '/tmp' };

test('defaults: both suites, SF 1, 10M rows, 3 runs, all systems, 300 s', () => {
  const options = parseArguments(['build/release'], DEFAULTS);
  assert.equal(options.buildDir, 'build/release');
  assert.deepEqual(options.suites, ['tpch', 'hits']);
  assert.equal(options.scale, 1);
  assert.equal(options.rows, 10_000_000);
  assert.equal(options.runs, 3);
  assert.equal(options.minTimeMs, 100);
  assert.deepEqual(options.systems, ['boyodb', 'duckdb', 'clickhouse']);
  assert.equal(options.threads, 2);
  assert.equal(options.timeoutSeconds, 300);
  assert.equal(options.dataDir, '/data');
  assert.equal(options.queries, null);
});

test('every option is read, with a space or with =', () => {
  const options = parseArguments([
    'b', '--suite', 'hits', '--scale=0.1', '--rows', '1000', '--runs=5', '--min-time', '0', '--systems', 'duckdb,boyodb',
    '--queries', 'Q0-Q3', '--threads', '8', '--timeout', '2.5', '--data-dir', 'd', '--results-dir', 'r',
    '--tmp-dir', 't',
  ], DEFAULTS);
  assert.deepEqual(options.suites, ['hits']);
  assert.equal(options.scale, 0.1);
  assert.equal(options.rows, 1000);
  assert.equal(options.runs, 5);
  assert.equal(options.minTimeMs, 0);
  assert.deepEqual(options.systems, ['boyodb', 'duckdb']);
  assert.equal(options.queries, 'Q0-Q3');
  assert.equal(options.threads, 8);
  assert.equal(options.timeoutSeconds, 2.5);
  assert.deepEqual([options.dataDir, options.resultsDir, options.tmpDir], ['d', 'r', 't']);
});

test('bad arguments are refused with the reason', () => {
  const refuses = (argv, pattern) => assert.throws(() => parseArguments(argv, DEFAULTS), pattern);
  refuses([], /BUILD_DIR is missing/);
  refuses(['b', '--suite', 'tpcds'], /--suite must be tpch, hits or all/);
  refuses(['b', '--scale', '0'], /--scale must be a positive number/);
  refuses(['b', '--scale', 'x'], /--scale must be a positive number/);
  refuses(['b', '--runs', '1.5'], /--runs must be a positive integer/);
  refuses(['b', '--min-time', '-1'], /--min-time must be a number of 0 or more/);
  refuses(['b', '--rows'], /--rows needs a value/);
  refuses(['b', '--systems', 'postgres'], /unknown system "postgres"/);
  refuses(['b', '--frobnicate'], /unknown option --frobnicate/);
  refuses(['b', 'c'], /unexpected argument "c"/);
  refuses(['b', '--suite', 'tpch', '--queries', 'Q30'], /matches no query of tpch/);
});

test('--threads N,M asks for a scaling run from N to M threads', () => {
  assert.equal(parseArguments(['b'], DEFAULTS).scalingFrom, null);
  const one = parseArguments(['b', '--threads', '4'], DEFAULTS);
  assert.deepEqual([one.threads, one.scalingFrom], [4, null]);
  const two = parseArguments(['b', '--threads=1,2'], DEFAULTS);
  assert.deepEqual([two.threads, two.scalingFrom], [2, 1]);
  assert.deepEqual(parseThreadCounts('4, 2'), [4, 2]);
  assert.throws(() => parseThreadCounts('1,2,4'), /one count or two, not "1,2,4"/);
  assert.throws(() => parseThreadCounts('2,2'), /the two counts must differ/);
  assert.throws(() => parseThreadCounts('0,2'), /--threads must be a positive integer, not "0"/);
  assert.throws(() => parseThreadCounts('1,'), /--threads must be a positive integer, not ""/);
});

test('--help needs no BUILD_DIR', () => {
  assert.equal(parseArguments(['--help'], DEFAULTS).help, true);
});

test('systems keep the canonical order and lose duplicates', () => {
  assert.deepEqual(parseSystems('clickhouse, BoyoDB,clickhouse'), ['boyodb', 'clickhouse']);
  assert.throws(() => parseSystems(' , '), /names no system/);
});

test('query names: q01..q22 for TPC-H, Q0..Q42 for hits', () => {
  assert.equal(queryName('tpch', 6), 'q06');
  assert.equal(queryName('tpch', 22), 'q22');
  assert.equal(queryName('hits', 0), 'Q0');
});

test('a filter takes numbers, qN, QN and ranges', () => {
  const selected = selectQueries('q01,6,Q3-q5', ['tpch']);
  assert.deepEqual([...selected.tpch].sort(), ['q01', 'q03', 'q04', 'q05', 'q06']);
  assert.deepEqual([...selectQueries('Q0-Q10', ['hits']).hits].length, 11);
  assert.deepEqual([...selectQueries('3,7', ['hits']).hits], ['Q3', 'Q7']);
});

test('a bare item applies to every suite that has the numbers; a prefix to one', () => {
  const both = selectQueries('0-1,40', ['tpch', 'hits']);
  assert.deepEqual([...both.tpch], ['q01']);
  assert.deepEqual([...both.hits], ['Q0', 'Q1', 'Q40']);
  const prefixed = selectQueries('tpch:1-2,hits:5', ['tpch', 'hits']);
  assert.deepEqual([...prefixed.tpch], ['q01', 'q02']);
  assert.deepEqual([...prefixed.hits], ['Q5']);
});

test('a filter that cannot be read or selects nothing is refused', () => {
  assert.throws(() => selectQueries('', ['tpch']), /is empty/);
  assert.throws(() => selectQueries('q1;q2', ['tpch']), /cannot read "q1;q2"/);
  assert.throws(() => selectQueries('5-3', ['tpch']), /range "5-3" is empty/);
  assert.throws(() => selectQueries('hits:1', ['tpch']), /names suite hits, which is not being run/);
  assert.throws(() => selectQueries('23-30', ['tpch']), /matches no query of tpch/);
});
