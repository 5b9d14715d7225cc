// Tests of the canonical values and result comparison: node --test bench/sql/runner/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  canonicalDate, canonicalNumber, canonicalTimestamp, canonicalValue, compareResults, hasLimit,
  totalOrderVariant,
} from './canonical.mjs';

test('numbers of every representation round to 6 significant digits alike', () => {
  assert.equal(canonicalNumber(1 / 3), '0.333333');
  assert.equal(canonicalNumber('0.3333333333333333333'), '0.333333');
  assert.equal(canonicalNumber('12.50'), '12.5');
  assert.equal(canonicalNumber(12.5), '12.5');
  assert.equal(canonicalNumber(14815n), '14815');
  assert.equal(canonicalNumber('14815'), '14815');
  assert.equal(canonicalNumber(123456789), '1.23457e+8');
  assert.equal(canonicalNumber(123456789n), '1.23457e+8');
  assert.equal(canonicalNumber('526755178.30'), '5.26755e+8');
  assert.equal(canonicalNumber(526755178.3000003), '5.26755e+8');
  assert.equal(canonicalNumber(-9223372036854775808n), '-9.22337e+18');
  assert.equal(canonicalNumber('1.00'), '1');
  assert.equal(canonicalNumber(0.000123456789), '0.000123457');
  assert.equal(canonicalNumber(-0), '0');
  assert.equal(canonicalNumber('0.00'), '0');
  assert.equal(canonicalNumber(NaN), 'NaN');
  assert.equal(canonicalNumber('nan'), 'NaN');
  assert.equal(canonicalNumber(-Infinity), '-Infinity');
  assert.equal(canonicalNumber('abc'), 'not a number: abc');
});

test('dates and timestamps from Date objects (UTC) and text', () => {
  assert.equal(canonicalDate(new Date(Date.UTC(1995, 2, 15))), '1995-03-15');
  assert.equal(canonicalDate('1995-03-15'), '1995-03-15');
  assert.equal(canonicalDate('1995-03-15 00:00:00'), '1995-03-15');
  assert.equal(canonicalTimestamp(new Date(Date.UTC(2013, 6, 1, 0, 53, 56, 123))), '2013-07-01 00:53:56');
  assert.equal(canonicalTimestamp('2013-07-01 00:53:56.123456'), '2013-07-01 00:53:56');
  assert.equal(canonicalTimestamp('2013-07-01T00:53:56'), '2013-07-01 00:53:56');
  assert.equal(canonicalTimestamp('2013-07-01'), '2013-07-01 00:00:00');
  assert.equal(canonicalTimestamp(new Date(NaN)), 'invalid timestamp');
});

test('NULL, strings, booleans and other values', () => {
  for (const kind of ['number', 'date', 'timestamp', 'string', 'boolean', 'other']) {
    assert.equal(canonicalValue(null, kind), 'NULL');
    assert.equal(canonicalValue(undefined, kind), 'NULL');
  }
  assert.equal(canonicalValue(' padded ', 'string'), ' padded ');
  assert.equal(canonicalValue('', 'string'), '');
  assert.equal(canonicalValue('12.50', 'string'), '12.50');
  assert.equal(canonicalValue(true, 'boolean'), 'true');
  assert.equal(canonicalValue('f', 'boolean'), 'false');
  assert.equal(canonicalValue({ months: 1, nanoseconds: 5n }, 'other'), '{"months":1,"nanoseconds":"5"}');
  assert.equal(canonicalValue(3, 'null'), 'NULL');
});

const result = (kinds, rows) => ({ columns: kinds.map((kind, i) => ({ name: `c${i}`, kind })), rows });

test('results equal as multisets of canonical rows, whatever the row order and representation', () => {
  const boyo = result(['string', 'number', 'date'], [
    ['b', '2.50', new Date(Date.UTC(1995, 0, 2))],
    ['a', 10n, new Date(Date.UTC(1995, 0, 1))],
  ]);
  const duck = result(['string', 'number', 'date'], [['a', 10, '1995-01-01'], ['b', 2.5, '1995-01-02']]);
  const comparison = compareResults(boyo, duck);
  assert.equal(comparison.equal, true);
  assert.equal(comparison.same_order, false);
  assert.equal(comparison.rows, 2);
  assert.equal(comparison.reference_rows, 2);
  assert.equal(comparison.first_difference, null);
  assert.deepEqual(comparison.only_in_result, []);
});

test('a difference names the first differing pair and the rows only one side has', () => {
  const boyo = result(['string', 'number'], [['a', 1], ['b', 2], ['b', 2], ['c', 3]]);
  const duck = result(['string', 'number'], [['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
  const comparison = compareResults(boyo, duck);
  assert.equal(comparison.equal, false);
  assert.deepEqual(comparison.first_difference, { index: 2, result: ['b', '2'], reference: ['c', '3'] });
  assert.deepEqual(comparison.only_in_result, [['b', '2']]);
  assert.deepEqual(comparison.only_in_reference, [['d', '4']]);
});

test('a missing row compares against null, and NULL differs from 0 and from the empty string', () => {
  const shorter = compareResults(result(['number'], []), result(['number'], [[null]]));
  assert.deepEqual(shorter.first_difference, { index: 0, result: null, reference: ['NULL'] });
  assert.equal(compareResults(result(['number'], [[0]]), result(['number'], [[null]])).equal, false);
  assert.equal(compareResults(result(['string'], [['']]), result(['string'], [[null]])).equal, false);
});

test('values past the 6th significant digit do not make a difference; the 6th does', () => {
  assert.equal(compareResults(result(['number'], [['1234561.4']]), result(['number'], [[1234560.6]])).equal, true);
  assert.equal(compareResults(result(['number'], [['123456']]), result(['number'], [[123457]])).equal, false);
});

test('a LIMIT clause is found outside comments', () => {
  assert.equal(hasLimit('SELECT 1 FROM t ORDER BY c DESC LIMIT 10;'), true);
  assert.equal(hasLimit('select 1\nlimit\n100'), true);
  assert.equal(hasLimit('-- no limit 10 here\nSELECT 1'), false);
  assert.equal(hasLimit('SELECT unlimited FROM t'), false);
});

test('a total-order variant appends every output column to the final ORDER BY', () => {
  assert.equal(totalOrderVariant('SELECT a, b, COUNT(*) AS c FROM t GROUP BY a, b ORDER BY c DESC LIMIT 10;', 3),
    'SELECT a, b, COUNT(*) AS c FROM t GROUP BY a, b ORDER BY c DESC, 1, 2, 3 LIMIT 10');
  assert.equal(totalOrderVariant('SELECT u FROM t ORDER BY e LIMIT 10 OFFSET 100', 1),
    'SELECT u FROM t ORDER BY e, 1 LIMIT 10 OFFSET 100');
  assert.equal(totalOrderVariant('-- first ten\nSELECT a, b FROM t LIMIT 10', 2), 'SELECT a, b FROM t ORDER BY 1, 2 LIMIT 10');
  // An ORDER BY or LIMIT inside parentheses or quotes is not the query's own.
  assert.equal(totalOrderVariant("SELECT x FROM (SELECT x FROM t ORDER BY y LIMIT 5) s WHERE x <> ' order by ' LIMIT 3", 1),
    "SELECT x FROM (SELECT x FROM t ORDER BY y LIMIT 5) s WHERE x <> ' order by ' ORDER BY 1 LIMIT 3");
  assert.equal(totalOrderVariant('SELECT x FROM (SELECT x FROM t LIMIT 5) s', 1), null);
  assert.equal(totalOrderVariant('SELECT 1', 1), null);
});
