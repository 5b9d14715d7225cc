// Tests of the runner's statistics: node --test bench/sql/runner/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_RUNS, geometricMean, median, moreRunsWanted, ratioToBestPeer } from './stats.mjs';

test('median of odd and even counts, unsorted input left alone', () => {
  const values = [5, 1, 3];
  assert.equal(median(values), 3);
  assert.deepEqual(values, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.throws(() => median([]), /no values/);
});

test('more runs: at least --runs, then until the minimum time, at most MAX_RUNS', () => {
  const options = { runs: 3, minTimeMs: 100 };
  assert.equal(moreRunsWanted([], options), true);
  assert.equal(moreRunsWanted([200, 200], options), true);
  assert.equal(moreRunsWanted([40, 40, 40], options), false);
  assert.equal(moreRunsWanted([30, 30, 30], options), true);
  assert.equal(moreRunsWanted([30, 30, 30, 10], options), false);
  assert.equal(moreRunsWanted(Array(MAX_RUNS - 1).fill(1), options), true);
  assert.equal(moreRunsWanted(Array(MAX_RUNS).fill(1), options), false);
  assert.equal(moreRunsWanted([1, 1, 1], { runs: 3, minTimeMs: 0 }), false);
});

test('geometric mean', () => {
  assert.ok(Math.abs(geometricMean([1, 4, 16]) - 4) < 1e-12);
  assert.equal(geometricMean([]), null);
  assert.throws(() => geometricMean([1, 0]), /non-positive/);
});

test('ratio to the fastest successful peer', () => {
  const outcomes = {
    boyodb: { status: 'ok', median_ms: 40 },
    duckdb: { status: 'ok', median_ms: 20 },
    clickhouse: { status: 'ok', median_ms: 10 },
  };
  assert.deepEqual(ratioToBestPeer(outcomes, 1000), { ratio: 4, bound: null, best_peer: 'clickhouse' });
  outcomes.clickhouse = { status: 'n/a' };
  assert.deepEqual(ratioToBestPeer(outcomes, 1000), { ratio: 2, bound: null, best_peer: 'duckdb' });
});

test('a BoyoDB timeout gives the least possible ratio; an error none', () => {
  const outcomes = { boyodb: { status: 'timeout' }, duckdb: { status: 'ok', median_ms: 50 } };
  assert.deepEqual(ratioToBestPeer(outcomes, 1000), { ratio: null, bound: 20, best_peer: 'duckdb' });
  outcomes.boyodb = { status: 'error' };
  assert.deepEqual(ratioToBestPeer(outcomes, 1000), { ratio: null, bound: null, best_peer: 'duckdb' });
});

test('no ratio without a successful peer or without BoyoDB', () => {
  assert.deepEqual(ratioToBestPeer({ boyodb: { status: 'ok', median_ms: 1 }, duckdb: { status: 'timeout' } }, 1000),
    { ratio: null, bound: null, best_peer: null });
  assert.equal(ratioToBestPeer({ duckdb: { status: 'ok', median_ms: 1 } }, 1000).ratio, null);
});
