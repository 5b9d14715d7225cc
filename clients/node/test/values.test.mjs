// Arrow -> JS conversion, without a server: tables built with apache-arrow in the layouts
// BoyoDB writes (docs/formats/arrow_ipc.md), including what a query cannot produce today
// (dictionary-encoded columns, the Null type, extreme values), round-tripped through IPC.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Binary, Bool, DateDay, Decimal, Dictionary, Field, FixedSizeBinary, Float16, Float32, Float64, Int8, Int16, Int32,
  Int64, Interval, IntervalUnit, LargeUtf8, List, Map_, Null, RecordBatch, Schema, Struct, Table, Time, TimeUnit,
  Timestamp, Uint8, Uint16, Uint32, Uint64, Utf8, makeData, tableFromIPC, tableToIPC, vectorFromArray,
} from 'apache-arrow';
import { batchRows, tableRows } from '../dist/index.js';
import { formatDecimal, formatIpv6, formatTime } from '../dist/values.js';

const extension = (name) => new Map([['ARROW:extension:name', name], ['ARROW:extension:metadata', '']]);

/** A validity bitmap and null count for a list of values where null marks a null slot. */
function validity(values) {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8) + 1);
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount += 1;
    else bitmap[i >> 3] |= 1 << (i & 7);
  });
  return { nullBitmap: bitmap, nullCount };
}

/** One column of fixed-width values: `raw` fills null slots with zero. */
function fixed(type, values, ArrayType, stride = 1) {
  const data = new ArrayType(values.length * stride);
  values.forEach((v, i) => {
    if (v === null) return;
    if (stride === 1) data[i] = v;
    else data.set(v, i * stride);
  });
  return makeData({ type, length: values.length, data, ...validity(values) });
}

/** A table from [field, data] pairs, sent through IPC as the driver would receive it. */
function tableOf(columns) {
  const schema = new Schema(columns.map(([field]) => field));
  const length = columns[0][1].length;
  const batch = new RecordBatch(schema, makeData({
    type: new Struct(schema.fields), length, nullCount: 0, children: columns.map(([, data]) => data),
  }));
  return tableFromIPC(tableToIPC(new Table([batch]), 'stream'));
}

function column(table, name) {
  return tableRows(table).map((row) => row[name]);
}

/** A bigint as little-endian two's complement 32-bit words. */
function words(value, count = 4) {
  const out = new Uint32Array(count);
  let v = BigInt.asUintN(count * 32, value);
  for (let i = 0; i < count; ++i) {
    out[i] = Number(v & 0xffffffffn);
    v >>= 32n;
  }
  return out;
}

describe('scalars', () => {
  test('booleans, also in a slice starting mid-byte', () => {
    const values = [true, null, false, true, true, false, null, true, false, true];
    const table = tableOf([[new Field('b', new Bool()), vectorFromArray(values, new Bool()).data[0]]]);
    assert.deepEqual(column(table, 'b'), values);
    assert.deepEqual(column(table.slice(3), 'b'), values.slice(3));
  });

  test('integers: 64-bit ones as bigint', () => {
    const table = tableOf([
      [new Field('i8', new Int8()), fixed(new Int8(), [-128, 127, null], Int8Array)],
      [new Field('i16', new Int16()), fixed(new Int16(), [-32768, 32767, null], Int16Array)],
      [new Field('i32', new Int32()), fixed(new Int32(), [-2147483648, 2147483647, null], Int32Array)],
      [new Field('i64', new Int64()), fixed(new Int64(), [-(2n ** 63n), 2n ** 63n - 1n, null], BigInt64Array)],
      [new Field('u8', new Uint8()), fixed(new Uint8(), [0, 255, null], Uint8Array)],
      [new Field('u16', new Uint16()), fixed(new Uint16(), [0, 65535, null], Uint16Array)],
      [new Field('u32', new Uint32()), fixed(new Uint32(), [0, 4294967295, null], Uint32Array)],
      [new Field('u64', new Uint64()), fixed(new Uint64(), [0n, 2n ** 64n - 1n, null], BigUint64Array)],
    ]);
    assert.deepEqual(tableRows(table), [
      { i8: -128, i16: -32768, i32: -2147483648, i64: -(2n ** 63n), u8: 0, u16: 0, u32: 0, u64: 0n },
      { i8: 127, i16: 32767, i32: 2147483647, i64: 2n ** 63n - 1n, u8: 255, u16: 65535, u32: 4294967295, u64: 2n ** 64n - 1n },
      { i8: null, i16: null, i32: null, i64: null, u8: null, u16: null, u32: null, u64: null },
    ]);
  });

  test('floats', () => {
    const table = tableOf([
      [new Field('f', new Float32()), fixed(new Float32(), [1.5, NaN, -Infinity, null], Float32Array)],
      [new Field('d', new Float64()), fixed(new Float64(), [0.1, Infinity, -0, null], Float64Array)],
    ]);
    assert.deepEqual(column(table, 'f'), [1.5, NaN, -Infinity, null]);
    assert.deepEqual(column(table, 'd'), [0.1, Infinity, -0, null]);
  });

  test('decimals: 128-bit two\'s complement with the scale', () => {
    const max = 10n ** 38n - 1n;
    const values = [12345678n, -1n, 0n, max, -max, 5n, null];
    const data = (scale) => fixed(new Decimal(scale, 38, 128), values.map((v) => (v === null ? null : words(v))), Uint32Array, 4);
    const table = tableOf([
      [new Field('s4', new Decimal(4, 38, 128)), data(4)],
      [new Field('s0', new Decimal(0, 38, 128)), data(0)],
    ]);
    assert.deepEqual(column(table, 's4'), [
      '1234.5678', '-0.0001', '0.0000', '9999999999999999999999999999999999.9999',
      '-9999999999999999999999999999999999.9999', '0.0005', null,
    ]);
    assert.deepEqual(column(table, 's0'), [
      '12345678', '-1', '0', '99999999999999999999999999999999999999', '-99999999999999999999999999999999999999', '5', null,
    ]);
  });

  test('formatDecimal with scale 38 and other word counts', () => {
    assert.equal(formatDecimal(words(-1n), 38), '-0.00000000000000000000000000000000000001');
    assert.equal(formatDecimal(words(-(2n ** 127n)), 0), '-170141183460469231731687303715884105728');
    assert.equal(formatDecimal(words(-25n, 2), 1), '-2.5');
  });

  test('text, JSON and bytes', () => {
    const json = new Field('j', new Utf8(), true, extension('arrow.json'));
    const table = tableOf([
      [new Field('t', new Utf8()), vectorFromArray(['', 'ü 😀', null], new Utf8()).data[0]],
      [json, vectorFromArray(['{"a":1}', '[]', null], new Utf8()).data[0]],
      [new Field('b', new Binary()), vectorFromArray([new Uint8Array([0, 255]), new Uint8Array(0), null], new Binary()).data[0]],
    ]);
    assert.deepEqual(tableRows(table), [
      { t: '', j: '{"a":1}', b: new Uint8Array([0, 255]) },
      { t: 'ü 😀', j: '[]', b: new Uint8Array(0) },
      { t: null, j: null, b: null },
    ]);
    // Bytes are copies: they do not keep the whole IPC buffer alive.
    assert.equal(tableRows(table)[0].b.buffer.byteLength, 2);
  });
});

describe('date and time', () => {
  test('DATE: UTC midnight, infinities', () => {
    const table = tableOf([[new Field('d', new DateDay()), fixed(new DateDay(), [0, 19782, -719162, 2147483647, -2147483648, null], Int32Array)]]);
    assert.deepEqual(column(table, 'd'), [
      new Date('1970-01-01T00:00:00Z'), new Date('2024-02-29T00:00:00Z'), new Date('0001-01-01T00:00:00Z'),
      Infinity, -Infinity, null,
    ]);
  });

  test('TIME: PostgreSQL text', () => {
    const type = new Time(TimeUnit.MICROSECOND, 64);
    const table = tableOf([[new Field('t', type), fixed(type, [0n, 45296789000n, 86400000000n, 1n, 43200000000n, null], BigInt64Array)]]);
    assert.deepEqual(column(table, 't'), ['00:00:00', '12:34:56.789', '24:00:00', '00:00:00.000001', '12:00:00', null]);
    assert.equal(formatTime(86399999999n), '23:59:59.999999');
  });

  test('TIMESTAMP and TIMESTAMPTZ: Date to the millisecond, infinities, out of range', () => {
    const plain = new Timestamp(TimeUnit.MICROSECOND);
    const zoned = new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    const values = [1709210096789123n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 9000000000000000000n, null];
    const table = tableOf([
      [new Field('ts', plain), fixed(plain, values, BigInt64Array)],
      [new Field('tz', zoned), fixed(zoned, values, BigInt64Array)],
    ]);
    for (const name of ['ts', 'tz']) {
      const got = column(table, name);
      assert.deepEqual(got.slice(0, 4), [new Date(1709210096789), new Date(-1), Infinity, -Infinity]);
      assert.ok(got[4] instanceof Date && Number.isNaN(got[4].getTime()), 'beyond the range of Date');
      assert.equal(got[5], null);
    }
  });

  test('INTERVAL: months, days, bigint nanoseconds', () => {
    const type = new Interval(IntervalUnit.MONTH_DAY_NANO);
    const mdn = (months, days, nanos) => {
      const out = new Int32Array(4);
      out[0] = months;
      out[1] = days;
      const n = BigInt.asUintN(64, nanos);
      out[2] = Number(n & 0xffffffffn) | 0;
      out[3] = Number(n >> 32n) | 0;
      return out;
    };
    const table = tableOf([[new Field('i', type), fixed(type, [mdn(14, 3, 14706789000000n), mdn(-1, -2, -3n), mdn(0, 0, 2n ** 62n + 5n), null], Int32Array, 4)]]);
    assert.deepEqual(column(table, 'i'), [
      { months: 14, days: 3, nanoseconds: 14706789000000n },
      { months: -1, days: -2, nanoseconds: -3n },
      { months: 0, days: 0, nanoseconds: 2n ** 62n + 5n },
      null,
    ]);
  });
});

describe('extension types', () => {
  test('UUID, IPv4, IPv6; FixedSizeBinary without extension stays bytes', () => {
    const fsb = new FixedSizeBinary(16);
    const uuid = Buffer.from('a0eebc999c0b4ef8bb6d6bb9bd380a11', 'hex');
    const v6 = Buffer.from('20010db8000000000000000000000001', 'hex');
    const table = tableOf([
      [new Field('u', fsb, true, extension('arrow.uuid')), fixed(fsb, [uuid, null], Uint8Array, 16)],
      [new Field('v4', new Uint32(), true, extension('boyodb.ipv4')), fixed(new Uint32(), [0xc0a80102, null], Uint32Array)],
      [new Field('v6', fsb, true, extension('boyodb.ipv6')), fixed(fsb, [v6, null], Uint8Array, 16)],
      [new Field('raw', fsb), fixed(fsb, [uuid, null], Uint8Array, 16)],
    ]);
    assert.deepEqual(tableRows(table), [
      { u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', v4: '192.168.1.2', v6: '2001:db8::1', raw: new Uint8Array(uuid) },
      { u: null, v4: null, v6: null, raw: null },
    ]);
  });

  test('IPv6 text as inet_ntop writes it', () => {
    const cases = {
      '00000000000000000000000000000000': '::',
      '00000000000000000000000000000001': '::1',
      '00000000000000000000ffff01020304': '::ffff:1.2.3.4',
      '00000000000000000000000001020304': '::1.2.3.4',
      '00000000000000000000000000000002': '::2',
      '00010000000000010000000000000001': '1:0:0:1::1',
      '00010000000100000001000000010000': '1:0:1:0:1:0:1:0',
      'fe800000000000000000000000000000': 'fe80::',
      '20010db8000000010000000000000000': '2001:db8:0:1::',
      '20010db8000000000001000000000001': '2001:db8::1:0:0:1',
      'ffffffffffffffffffffffffffffffff': 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    };
    for (const [hex, text] of Object.entries(cases)) assert.equal(formatIpv6(Buffer.from(hex, 'hex')), text, hex);
  });
});

describe('nested types', () => {
  test('lists, also nested and empty', () => {
    const ints = new List(new Field('item', new Int32(), true));
    const nested = new List(new Field('item', ints, true));
    const table = tableOf([
      [new Field('a', ints), vectorFromArray([[1, null, 3], [], null], ints).data[0]],
      [new Field('n', nested), vectorFromArray([[[1], []], [null], null], nested).data[0]],
    ]);
    assert.deepEqual(tableRows(table), [
      { a: [1, null, 3], n: [[1], []] },
      { a: [], n: [null] },
      { a: null, n: null },
    ]);
    assert.deepEqual(column(table.slice(1), 'a'), [[], null]);
  });

  test('maps become Map objects', () => {
    const type = new Map_(new Field('entries', new Struct([
      new Field('key', new Utf8(), false), new Field('value', new Int64(), true),
    ]), false));
    const table = tableOf([[new Field('m', type), vectorFromArray([new Map([['a', 1n], ['b', null]]), new Map(), null], type).data[0]]]);
    assert.deepEqual(column(table, 'm'), [new Map([['a', 1n], ['b', null]]), new Map(), null]);
  });

  test('structs become objects, even with a field named __proto__', () => {
    const fields = [new Field('x', new Int32()), new Field('__proto__', new Utf8())];
    const type = new Struct(fields);
    const data = makeData({
      type, length: 3, ...validity([1, 1, null]),
      children: [fixed(new Int32(), [1, null, null], Int32Array), vectorFromArray(['p', null, null], new Utf8()).data[0]],
    });
    const [first, second, third] = column(tableOf([[new Field('s', type), data]]), 's');
    assert.equal(first.x, 1);
    assert.ok(Object.hasOwn(first, '__proto__'));
    assert.equal(first['__proto__'], 'p');
    assert.equal(Object.getPrototypeOf(first), Object.prototype);
    assert.equal(second.x, null);
    assert.equal(second['__proto__'], null);
    assert.equal(third, null);
  });

  test('the Null type', () => {
    const table = tableOf([[new Field('n', new Null()), makeData({ type: new Null(), length: 2 })]]);
    assert.deepEqual(tableRows(table), [{ n: null }, { n: null }]);
  });
});

describe('dictionaries', () => {
  test('dictionary-encoded text across delta batches, and JSON', () => {
    const type = new Dictionary(new Utf8(), new Int32(), 0);
    const jsonType = new Dictionary(new Utf8(), new Int32(), 1);
    const first = vectorFromArray(['red', 'green'], new Utf8());
    const grown = first.concat(vectorFromArray(['blue'], new Utf8()));
    const indices = [0, 2, null, 1, 0];
    const json = vectorFromArray(['{"a":1}', '[]'], new Utf8());
    const table = tableOf([
      [new Field('c', type), makeData({ type, length: 5, data: Int32Array.from(indices, (v) => v ?? 0), dictionary: grown, ...validity(indices) })],
      [new Field('j', jsonType, true, extension('arrow.json')), makeData({ type: jsonType, length: 5, data: Int32Array.from([1, 0, 0, 1, 1]), dictionary: json, nullCount: 0 })],
    ]);
    assert.deepEqual(tableRows(table), [
      { c: 'red', j: '[]' }, { c: 'blue', j: '{"a":1}' }, { c: null, j: '{"a":1}' }, { c: 'green', j: '[]' }, { c: 'red', j: '[]' },
    ]);
  });

  test('types BoyoDB does not send fall back to apache-arrow\'s getters', () => {
    const table = tableOf([
      [new Field('h', new Float16()), vectorFromArray([1.5, null, -2], new Float16()).data[0]],
      [new Field('l', new LargeUtf8()), vectorFromArray(['big', null, ''], new LargeUtf8()).data[0]],
    ]);
    assert.deepEqual(tableRows(table), [{ h: 1.5, l: 'big' }, { h: null, l: null }, { h: -2, l: '' }]);
  });

  test('batchRows converts one batch', () => {
    const table = tableOf([[new Field('x', new Int32()), fixed(new Int32(), [7, null], Int32Array)]]);
    assert.deepEqual(batchRows(table.batches[0]), [{ x: 7 }, { x: null }]);
  });
});
