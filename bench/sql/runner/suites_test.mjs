// Tests of the suites' query and schema files as the runner reads them: node --test bench/sql/runner/
import assert from 'node:assert/strict';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { generatorCounts, hitsSuite, splitLines, splitStatements, tpchSuite } from './suites.mjs';

const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

test('schema statements lose comments and split at semicolons', () => {
  assert.deepEqual(splitStatements('-- a; comment\nCREATE TABLE a (x INT);\n\nCREATE TABLE b (y INT); -- end\n'),
    ['CREATE TABLE a (x INT)', 'CREATE TABLE b (y INT)']);
  assert.deepEqual(splitLines('SELECT 1;\n\n  SELECT 2;  \n'), ['SELECT 1;', 'SELECT 2;']);
});

test('the TPC-H generator\'s row counts are read from its last line', () => {
  const output = 'region: 5 rows in 0.00s\ndone in 0.56s: {"region":5,"lineitem":59517}\n';
  assert.deepEqual(generatorCounts(output), { region: 5, lineitem: 59517 });
  assert.throws(() => generatorCounts('killed'), /printed no row counts/);
});

test('TPC-H: 8 tables, 22 queries, each with a ClickHouse text or a reason it has none', () => {
  const suite = tpchSuite({ benchDir: BENCH_DIR, dataDir: '/cache', scale: 0.1 });
  assert.deepEqual(suite.tables.map((t) => t.name),
    ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem']);
  assert.equal(suite.tables[7].csv, join('/cache', 'tpch-sf0.1', 'lineitem.csv'));
  assert.equal(suite.schema.sql.length, 8);
  assert.equal(suite.schema.clickhouse.length, 8);
  assert.deepEqual(suite.queries.map((q) => q.name), Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`));
  for (const query of suite.queries) {
    assert.match(query.sql, /select/i, query.name);
    assert.ok((query.clickhouse === null) !== (query.clickhouseUnsupported === null), query.name);
  }
});

test('TPC-H for ClickHouse: the same tables and columns, and 18.16 syntax only', () => {
  const suite = tpchSuite({ benchDir: BENCH_DIR, dataDir: '/cache', scale: 1 });
  const columns = (statement) => [...statement.matchAll(/^\s+([a-z_]+)\s+\S/gm)].map((m) => m[1]);
  for (let i = 0; i < 8; ++i) {
    assert.deepEqual(columns(suite.schema.clickhouse[i]), columns(suite.schema.sql[i]), suite.tables[i].name);
  }
  for (const query of suite.queries.filter((q) => q.clickhouse !== null)) {
    const text = query.clickhouse.replace(/--[^\n]*/g, '');
    // 18.16 has no date literals, EXISTS, WITH queries, extract() or comma joins.
    assert.doesNotMatch(text, /\bdate\s+'/i, query.name);
    assert.doesNotMatch(text, /\bexists\b/i, query.name);
    assert.doesNotMatch(text, /^\s*with\b/im, query.name);
    assert.doesNotMatch(text, /\bextract\s*\(/i, query.name);
    assert.doesNotMatch(text, /\bfrom\s+[a-z_]+\s*(?:[a-z0-9_]+\s*)?,/i, query.name);
  }
});

test('hits: one table, Q0..Q42 in both dialects', () => {
  const suite = hitsSuite({ benchDir: BENCH_DIR, dataDir: '/cache', rows: 1000 });
  assert.equal(suite.tables[0].csv, join('/cache', 'hits-1000.csv'));
  assert.equal(suite.queries.length, 43);
  assert.equal(suite.queries[0].name, 'Q0');
  assert.equal(suite.queries[42].name, 'Q42');
  assert.equal(suite.csvQuotedEmptyIsText, true);
  for (const query of suite.queries) assert.ok(query.clickhouse.length > 0, query.name);
});
