// Client-side parameter interpolation, without a server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BoyoError, interpolate, quoteIdentifier, quoteString, toLiteral } from '../dist/index.js';

describe('toLiteral', () => {
  test('null and undefined', () => {
    assert.equal(toLiteral(null), 'NULL');
    assert.equal(toLiteral(undefined), 'NULL');
  });

  test('booleans', () => {
    assert.equal(toLiteral(true), 'TRUE');
    assert.equal(toLiteral(false), 'FALSE');
  });

  test('safe integers stay integer constants, negatives in parentheses', () => {
    assert.equal(toLiteral(0), '0');
    assert.equal(toLiteral(42), '42');
    assert.equal(toLiteral(-7), '(-7)');
    assert.equal(toLiteral(Number.MAX_SAFE_INTEGER), '9007199254740991');
  });

  test('other numbers are double precision constants', () => {
    assert.equal(toLiteral(0.1), "'0.1'::double precision");
    assert.equal(toLiteral(-2.5e-300), "'-2.5e-300'::double precision");
    assert.equal(toLiteral(2 ** 60), "'1152921504606847000'::double precision");
    assert.equal(toLiteral(NaN), "'NaN'::double precision");
    assert.equal(toLiteral(Infinity), "'Infinity'::double precision");
    assert.equal(toLiteral(-Infinity), "'-Infinity'::double precision");
    assert.equal(toLiteral(-0), "'-0'::double precision");
  });

  test('bigints', () => {
    assert.equal(toLiteral(123n), '123');
    assert.equal(toLiteral(-9223372036854775808n), '(-9223372036854775808)');
    assert.equal(toLiteral(18446744073709551615n), '18446744073709551615');
  });

  test('strings: quotes doubled, backslashes left alone', () => {
    assert.equal(toLiteral(''), "''");
    assert.equal(toLiteral("it's"), "'it''s'");
    assert.equal(toLiteral('a\\b'), "'a\\b'");
    assert.equal(toLiteral("'; DROP TABLE t; --"), "'''; DROP TABLE t; --'");
    assert.equal(toLiteral('$1 "x" ü 😀\n'), "'$1 \"x\" ü 😀\n'");
  });

  test('a NUL character is refused with 22021', () => {
    assert.throws(() => toLiteral('a\u0000b'), (error) => error instanceof BoyoError && error.code === '22021');
  });

  test('dates are timestamptz constants in UTC', () => {
    assert.equal(toLiteral(new Date('2024-02-29T12:34:56.789Z')), "'2024-02-29 12:34:56.789+00'::timestamptz");
    assert.equal(toLiteral(new Date(0)), "'1970-01-01 00:00:00.000+00'::timestamptz");
    assert.equal(toLiteral(new Date('0000-06-01T00:00:00Z')), "'0001-06-01 00:00:00.000+00 BC'::timestamptz");
    assert.throws(() => toLiteral(new Date(NaN)), TypeError);
  });

  test('bytes are bytea constants', () => {
    assert.equal(toLiteral(Buffer.from([0, 1, 0xab, 0xff])), "'\\x0001abff'::bytea");
    assert.equal(toLiteral(new Uint8Array([1, 2, 3]).subarray(1)), "'\\x0203'::bytea");
    assert.equal(toLiteral(new Uint8Array([7]).buffer), "'\\x07'::bytea");
    assert.equal(toLiteral(new Uint8Array(0)), "'\\x'::bytea");
  });

  test('arrays', () => {
    assert.equal(toLiteral([1, null, -3]), 'ARRAY[1, NULL, (-3)]');
    assert.equal(toLiteral(["a'b", 'c']), "ARRAY['a''b', 'c']");
    assert.equal(toLiteral([[1, 2], [3, 4]]), 'ARRAY[ARRAY[1, 2], ARRAY[3, 4]]');
    assert.equal(toLiteral([]), "'{}'");
  });

  test('plain objects are JSON constants', () => {
    assert.equal(toLiteral({ a: [1, 'x'], b: null }), `'{"a":[1,"x"],"b":null}'::json`);
    assert.equal(toLiteral({ q: "it's" }), `'{"q":"it''s"}'::json`);
    assert.equal(toLiteral(Object.assign(Object.create(null), { k: 1 })), `'{"k":1}'::json`);
  });

  test('other values are refused', () => {
    assert.throws(() => toLiteral(new Map()), /cannot use a Map/);
    assert.throws(() => toLiteral(Symbol('s')), /cannot use a symbol/);
    assert.throws(() => toLiteral(() => 1), /cannot use a function/);
    assert.throws(() => toLiteral(new Float64Array(1)), /cannot use a Float64Array/);
  });
});

describe('quoting helpers', () => {
  test('quoteString and quoteIdentifier double their quote', () => {
    assert.equal(quoteString("o'k"), "'o''k'");
    assert.equal(quoteIdentifier('we"ird name'), '"we""ird name"');
    assert.throws(() => quoteIdentifier('a\u0000'), (error) => error.code === '22021');
  });
});

describe('interpolate', () => {
  test('replaces placeholders, reusing one literal per parameter', () => {
    assert.equal(interpolate('SELECT $1, $2, $1', ['a', 2]), "SELECT 'a', 2, 'a'");
    assert.equal(interpolate('SELECT $1::int + $10', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'SELECT 1::int + 10');
  });

  test('a negative number cannot turn into a comment', () => {
    assert.equal(interpolate('SELECT 1-$1', [-1]), 'SELECT 1-(-1)');
    assert.equal(interpolate('SELECT 1-$1', [-1n]), 'SELECT 1-(-1)');
  });

  test('skips quoted strings, identifiers and comments', () => {
    const params = ['X'];
    assert.equal(interpolate("SELECT '$1', $1", params), "SELECT '$1', 'X'");
    assert.equal(interpolate("SELECT 'it''s $1', $1", params), "SELECT 'it''s $1', 'X'");
    assert.equal(interpolate('SELECT "$1", $1', params), `SELECT "$1", 'X'`);
    assert.equal(interpolate('SELECT "a""$1", $1', params), `SELECT "a""$1", 'X'`);
    assert.equal(interpolate('SELECT $1 -- $1\n, $1', params), "SELECT 'X' -- $1\n, 'X'");
    assert.equal(interpolate('SELECT $1 -- $1', params), "SELECT 'X' -- $1");
    assert.equal(interpolate('SELECT /* $1 /* $1 */ $1 */ $1', params), "SELECT /* $1 /* $1 */ $1 */ 'X'");
  });

  test('E strings honour backslash escapes; standard strings do not', () => {
    const params = ['X'];
    assert.equal(interpolate("SELECT E'\\' $1', $1", params), "SELECT E'\\' $1', 'X'");
    assert.equal(interpolate("SELECT e'a\\\\', $1", params), "SELECT e'a\\\\', 'X'");
    // In a standard string the backslash is a plain character, so the string ends at the quote.
    assert.equal(interpolate("SELECT '\\', $1", params), "SELECT '\\', 'X'");
    // An identifier ending in e before a quote is not an E string.
    assert.equal(interpolate("SELECT some'\\', $1", params), "SELECT some'\\', 'X'");
  });

  test('skips dollar-quoted strings', () => {
    const params = ['X'];
    assert.equal(interpolate('SELECT $$ $1 $$, $1', params), "SELECT $$ $1 $$, 'X'");
    assert.equal(interpolate('SELECT $tag$ $1 $$ $1 $tag$, $1', params), "SELECT $tag$ $1 $$ $1 $tag$, 'X'");
    assert.equal(interpolate('SELECT $a_1$ $1 $a_1$, $1', params), "SELECT $a_1$ $1 $a_1$, 'X'");
  });

  test('a $ inside an identifier is not a placeholder', () => {
    assert.equal(interpolate('SELECT a$1, $1', ['X']), "SELECT a$1, 'X'");
    assert.equal(interpolate('SELECT x1$2 FROM t$1', ['X', 'Y']), 'SELECT x1$2 FROM t$1');
  });

  test('unterminated quotes and comments swallow the rest', () => {
    assert.equal(interpolate("SELECT '$1", ['X']), "SELECT '$1");
    assert.equal(interpolate('SELECT /* $1', ['X']), 'SELECT /* $1');
    assert.equal(interpolate('SELECT $q$ $1', ['X']), 'SELECT $q$ $1');
  });

  test('a placeholder without a parameter is 42P02 with its position', () => {
    assert.throws(
      () => interpolate('SELECT $1, $3', ['a', 'b']),
      (error) => error instanceof BoyoError && error.code === '42P02' && error.position === 12 &&
        error.message === 'there is no parameter $3',
    );
    assert.throws(() => interpolate('SELECT $0', ['a']), (error) => error.code === '42P02');
  });

  test('text without placeholders is unchanged', () => {
    const sql = "SELECT 'a' || \"b\" FROM t -- c\n/* d */ WHERE x = $$e$$";
    assert.equal(interpolate(sql, []), sql);
  });
});
