// The values a prepared statement's execute sends for JavaScript values, without a server.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BoyoError, toParameterValue } from '../dist/index.js';

describe('toParameterValue', () => {
  test('null and undefined are JSON null', () => {
    assert.equal(toParameterValue(null), null);
    assert.equal(toParameterValue(undefined), null);
  });

  test('booleans stay booleans', () => {
    assert.equal(toParameterValue(true), true);
    assert.equal(toParameterValue(false), false);
  });

  test('safe integers stay JSON numbers', () => {
    assert.equal(toParameterValue(0), 0);
    assert.equal(toParameterValue(-7), -7);
    assert.equal(toParameterValue(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  });

  test('other numbers go as their shortest text, which reads back as the same double', () => {
    assert.equal(toParameterValue(0.1), '0.1');
    assert.equal(toParameterValue(-2.5e-300), '-2.5e-300');
    assert.equal(toParameterValue(2 ** 60), '1152921504606847000');
    assert.equal(toParameterValue(NaN), 'NaN');
    assert.equal(toParameterValue(Infinity), 'Infinity');
    assert.equal(toParameterValue(-Infinity), '-Infinity');
    assert.equal(toParameterValue(-0), '-0');
  });

  test('bigints go as their exact decimal text', () => {
    assert.equal(toParameterValue(9007199254740993n), '9007199254740993');
    assert.equal(toParameterValue(-9223372036854775808n), '-9223372036854775808');
  });

  test('strings go unchanged; a NUL character is refused with 22021', () => {
    assert.equal(toParameterValue(`it's "x" \\ $1 ü 😀`), `it's "x" \\ $1 ü 😀`);
    assert.throws(() => toParameterValue('a\u0000b'), (error) => error instanceof BoyoError && error.code === '22021');
  });

  test('dates are TIMESTAMPTZ text in UTC', () => {
    assert.equal(toParameterValue(new Date('2024-02-29T12:34:56.789Z')), '2024-02-29 12:34:56.789+00');
    assert.equal(toParameterValue(new Date('0000-06-01T00:00:00Z')), '0001-06-01 00:00:00.000+00 BC');
    assert.throws(() => toParameterValue(new Date(NaN)), TypeError);
  });

  test('bytes are BYTEA hex text', () => {
    assert.equal(toParameterValue(Buffer.from([0, 1, 0xab, 0xff])), '\\x0001abff');
    assert.equal(toParameterValue(Uint8Array.of(1, 2, 3).subarray(1)), '\\x0203');
    assert.equal(toParameterValue(Uint8Array.of(0xfe).buffer), '\\xfe');
    assert.equal(toParameterValue(new Uint8Array(0)), '\\x');
  });

  test('arrays are PostgreSQL array text with quoted elements', () => {
    assert.equal(toParameterValue([]), '{}');
    assert.equal(toParameterValue([1, null, -3]), '{"1",NULL,"-3"}');
    assert.equal(toParameterValue(['a', 'b c', 'NULL', 'q"\\', '{,}']), '{"a","b c","NULL","q\\"\\\\","{,}"}');
    assert.equal(toParameterValue([[1, 2], [3, undefined]]), '{{"1","2"},{"3",NULL}}');
    assert.equal(toParameterValue([true, 2n, Buffer.from([0xff])]), '{"true","2","\\\\xff"}');
    assert.throws(() => toParameterValue(['a\u0000']), { code: '22021' });
  });

  test('plain objects are JSON text', () => {
    assert.equal(toParameterValue({ a: [1, 'x'], b: null }), '{"a":[1,"x"],"b":null}');
    assert.equal(toParameterValue(Object.assign(Object.create(null), { k: 'v' })), '{"k":"v"}');
  });

  test('anything else is a TypeError', () => {
    assert.throws(() => toParameterValue(new Map()), /cannot use a Map as a SQL parameter/);
    assert.throws(() => toParameterValue(Symbol('s')), /cannot use a symbol as a SQL parameter/);
    assert.throws(() => toParameterValue(() => 1), TypeError);
  });
});
