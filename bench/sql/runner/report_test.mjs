// Tests of the suite summary and printed table: node --test bench/sql/runner/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { formatEqual, formatOutcome, formatReport, formatSpeedup, summarise } from './report.mjs';

function record() {
  const ok = (median) => ({ status: 'ok', median_ms: median, rows: 1 });
  return {
    title: 'TPC-H SF 0.1',
    environment: { systems: ['boyodb', 'duckdb', 'clickhouse'], timeout_s: 10, runs: 3, threads: 2, cores: 2 },
    load_average_at_start: [0.2, 0.1, 0.1],
    load_average_at_end: [0.5, 0.2, 0.1],
    expected_rows: { lineitem: 10 },
    load: {
      boyodb: { status: 'ok', total_ms: 3000, rows: { lineitem: 10 }, row_counts_match: true },
      duckdb: { status: 'ok', total_ms: 1000, rows: { lineitem: 10 }, row_counts_match: true },
      clickhouse: { status: 'ok', total_ms: 1500, rows: { lineitem: 9 }, row_counts_match: false },
    },
    queries: [
      { name: 'q01', has_limit: false, systems: { boyodb: ok(80), duckdb: ok(10), clickhouse: ok(20) },
        comparison: { boyodb: { equal: true }, clickhouse: { equal: true } } },
      { name: 'q02', has_limit: true, systems: { boyodb: ok(20), duckdb: ok(10), clickhouse: ok(40) },
        comparison: { boyodb: { equal: false, total_order: { equal: true } }, clickhouse: { equal: true } } },
      { name: 'q03', has_limit: false, systems: { boyodb: { status: 'timeout' }, duckdb: ok(100), clickhouse: { status: 'n/a' } },
        comparison: {} },
      { name: 'q04', has_limit: false, systems: { boyodb: ok(30), duckdb: ok(10), clickhouse: { status: 'n/a' } },
        comparison: { boyodb: { equal: false } } },
    ],
  };
}

test('ratios, their geometric mean over queries all systems answered, and slow queries', () => {
  const { queries, summary } = summarise(record());
  assert.deepEqual(queries.map((q) => q.ratio), [8, 2, null, 3]);
  assert.deepEqual(queries.map((q) => q.ratio_bound), [null, null, 100, null]);
  assert.equal(summary.geomean_queries, 2);
  assert.ok(Math.abs(summary.geomean_ratio - 4) < 1e-12);
  // q01 (8x) and q03 (a timeout, at least 100x).
  assert.equal(summary.queries_above_4x, 2);
  assert.equal(summary.queries_with_ratio, 4);
  assert.equal(summary.load_ratio, 3);
  assert.equal(summary.answers_compared, 3);
  assert.equal(summary.answers_equal, 1);
  // q02 differs only in rows tied at its LIMIT.
  assert.equal(summary.answers_equal_in_total_order, 2);
});

test('cells: times, failures, verdicts', () => {
  assert.equal(formatOutcome({ status: 'ok', median_ms: 12.345 }), '12.3');
  assert.equal(formatOutcome({ status: 'timeout' }), 'timeout');
  assert.equal(formatOutcome(undefined), '-');
  assert.equal(formatEqual({ equal: true }, true), 'yes');
  assert.equal(formatEqual({ equal: false }, false), 'no');
  assert.equal(formatEqual({ equal: false }, true), 'no (LIMIT)');
  assert.equal(formatEqual({ equal: false, total_order: { equal: true } }, true), 'ties');
  assert.equal(formatEqual({ equal: false, total_order: { equal: false } }, true), 'no (LIMIT)');
  assert.equal(formatEqual(undefined, false), '-');
});

test('the printed report', () => {
  const text = formatReport(summarise(record()));
  const lines = text.split('\n');
  assert.match(lines[0], /TPC-H SF 0.1: median of 3 run\(s\) after 1 warm-up, 2 thread\(s\), timeout 10 s/);
  assert.match(lines[1], /^query\s+BoyoDB ms\s+DuckDB ms\s+ClickHouse ms\s+ratio\s+= DuckDB\s+rows B\/D\s+CH = DuckDB$/);
  assert.match(lines[2], /^q01\s+80\.0\s+10\.0\s+20\.0\s+8\.00x\s+yes\s+1\/1\s+yes$/);
  assert.match(lines[3], /^q02 .* ties/);
  assert.match(lines[4], /^q03\s+timeout\s+100\.0\s+n\/a\s+>100\.0x\s+-\s+-\/1\s+n\/a$/);
  assert.match(text, /geometric mean of BoyoDB \/ best peer: 4\.00x over 2 queries/);
  assert.match(text, /queries above 4x: 2 of 4/);
  assert.match(text, /answers equal to DuckDB's: 1 of 3 compared; 1 more equal once every column orders the rows tied at the LIMIT/);
  assert.match(text, /load: BoyoDB 3\.00 s, DuckDB 1\.00 s, ClickHouse 1\.50 s, ratio 3\.00x/);
  assert.match(text, /warning: ClickHouse loaded other row counts than generated/);
  assert.doesNotMatch(text, /the machine was busy/);
});

test('a busy machine is pointed out', () => {
  const busy = record();
  busy.load_average_at_end = [3.5, 2, 1];
  assert.match(formatReport(summarise(busy)), /warning: the machine was busy \(1-minute load average up to 3\.5 on 2 cores\)/);
});

test('with DuckDB alone there is no ratio or comparison column', () => {
  const only = record();
  only.environment.systems = ['duckdb'];
  const text = formatReport(summarise(only));
  assert.match(text.split('\n')[1], /^query\s+DuckDB ms$/);
  assert.doesNotMatch(text, /geometric mean/);
});

test('a scaling run: each system\'s speedup per query and its geometric mean', () => {
  const scaling = record();
  scaling.environment.systems = ['boyodb', 'duckdb'];
  scaling.environment.scaling_from_threads = 1;
  const speedups = { q01: [2, 1.5], q02: [1, 1.5], q03: [null, 1.5], q04: [0.5, 1.5] };
  for (const query of scaling.queries) {
    delete query.systems.clickhouse;
    for (const [index, system] of ['boyodb', 'duckdb'].entries()) {
      const outcome = query.systems[system];
      if (outcome.status === 'ok') outcome.scaling = { from_threads: 1, speedup: speedups[query.name][index] };
    }
  }
  const { summary } = summarise(scaling);
  assert.ok(Math.abs(summary.speedup.boyodb.geomean - 1) < 1e-12);
  assert.equal(summary.speedup.boyodb.queries, 3);
  assert.ok(Math.abs(summary.speedup.duckdb.geomean - 1.5) < 1e-12);
  assert.equal(summary.speedup.duckdb.queries, 4);
  const lines = formatReport(scaling).split('\n');
  assert.match(lines[0], /2 thread\(s\) \(each query first on 1 thread\(s\)\)/);
  assert.match(lines[1], /ratio\s+= DuckDB\s+rows B\/D\s+BoyoDB 1->2\s+DuckDB 1->2$/);
  assert.match(lines[2], /^q01 .* 2\.00x\s+1\.50x$/);
  assert.match(lines[4], /^q03\s+timeout .* -\s+1\.50x$/);
  assert.match(formatReport(scaling), /BoyoDB, 2 threads against 1: speedup 1\.00x \(geometric mean over 3 queries\)/);
  assert.equal(formatSpeedup({ status: 'timeout' }), '-');
});
