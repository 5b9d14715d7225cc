// Usage: node write_fixtures.mjs <output directory>
// Writes Arrow IPC files and streams with the apache-arrow package, for BoyoDB's reader to read
// (tests/unit/formats/ipc/arrow_js_interop_test.cc). For every <name>.arrow / <name>.arrows it
// also writes <name>.json: the JS reading of the same bytes rendered by render.mjs, which is
// what BoyoDB must read too.
//   all_types*         every BoyoDB type as BoyoDB itself writes it (uncompressed, LZ4, ZSTD)
//   foreign*           layouts only other writers produce: Date(MILLISECOND), Timestamp in
//                      seconds/milliseconds/nanoseconds with and without time zones, Time32,
//                      Time64(NANOSECOND), LargeUtf8/LargeBinary/LargeList, FixedSizeList,
//                      FixedSizeBinary(3) and (16) without extension, Float16, Interval
//                      YEAR_MONTH/DAY_TIME, Duration, dictionary indices of every width,
//                      Decimal256, an unknown extension name
//   dictionary_delta   two batches whose dictionary grows (a delta dictionary batch)
//   decimal_wide       a Decimal256 of 50 digits, which BoyoDB must reject as not supported
//   union              a sparse union, which BoyoDB must reject as not supported
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Binary, Bool, CompressionType, DateDay, DateMillisecond, Decimal, Dictionary, DurationNanosecond,
  DurationSecond, Field, FixedSizeBinary, FixedSizeList, Float16, Float32, Float64, Int16, Int32,
  Int64, Int8, IntervalDayTime, IntervalMonthDayNano, IntervalYearMonth, LargeBinary, LargeList,
  LargeUtf8, List, Map_, Null, RecordBatch, RecordBatchFileWriter, RecordBatchStreamWriter,
  Schema, SparseUnion, Struct, Table, TimeMicrosecond, TimeMillisecond, TimeNanosecond, TimeSecond,
  Timestamp, TimeUnit, Uint16, Uint32, Uint64, Uint8, Utf8, makeData, tableFromIPC, util,
  vectorFromArray,
} from 'apache-arrow';
import { registerCodecs } from './codecs.mjs';
import { renderTable } from './render.mjs';

const out = process.argv[2];
if (!out) {
  console.error('usage: node write_fixtures.mjs <output directory>');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await registerCodecs();

const ext = (name) => new Map([['ARROW:extension:name', name], ['ARROW:extension:metadata', '']]);

// A validity bitmap for `valid` flags.
function bitmap(valid) {
  const bits = new Uint8Array(Math.ceil(valid.length / 8));
  valid.forEach((v, i) => { if (v) bits[i >> 3] |= 1 << (i % 8); });
  return bits;
}

// A fixed-width column from raw typed-array values; nulls where valid[i] is false.
function fixed(type, values, valid) {
  const length = valid.length;
  const nullCount = valid.filter((v) => !v).length;
  return makeData({ type, length, nullCount, nullBitmap: nullCount ? bitmap(valid) : null, data: values });
}

function decimalWords(unscaled, words) {
  const out = [];
  let v = BigInt.asUintN(words * 32, unscaled);
  for (let i = 0; i < words; ++i) { out.push(Number(v & 0xffffffffn)); v >>= 32n; }
  return out;
}

function uuid(first, last) {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; ++i) bytes[i] = (first + i * 7) & 255;
  bytes[15] = last;
  return bytes;
}

function column(name, data, nullable = true, metadata = null) {
  return { field: new Field(name, data.type, nullable, metadata), data };
}

function table(columns, numBatches = 1) {
  const schema = new Schema(columns.map((c) => c.field));
  const batch = new RecordBatch(schema, makeData({
    type: new Struct(schema.fields), length: columns[0].data.length,
    children: columns.map((c) => c.data),
  }));
  return new Table(schema, Array(numBatches).fill(batch));
}

function write(name, tbl, compressionType = null, render = true) {
  for (const [suffix, Writer] of [['arrow', RecordBatchFileWriter], ['arrows', RecordBatchStreamWriter]]) {
    const writer = new Writer({ compressionType });
    const bytes = writer.writeAll(tbl).toUint8Array(true);
    writeFileSync(join(out, `${name}.${suffix}`), bytes);
    if (render) {
      writeFileSync(join(out, `${name}.${suffix}.json`), JSON.stringify(renderTable(tableFromIPC(bytes))) + '\n');
    }
  }
}

// ---- Every BoyoDB type, as BoyoDB's mapping writes it. Three rows; the third mostly NULL. ----
const V = [true, true, false];
const maxDecimal = 10n ** 38n - 1n;
const listOfInts = new List(new Field('item', new Int32(), true));
const mapType = new Map_(new Field('entries', new Struct([
  new Field('key', new Utf8(), false), new Field('value', new Int64(), true)]), false), false);
const recordType = new Struct([new Field('a', new Int32(), true), new Field('b', new Utf8(), true)]);
const allTypes = table([
  column('flag', vectorFromArray([true, false, null], new Bool()).data[0]),
  column('i8', fixed(new Int8(), Int8Array.of(-128, 127, 0), V)),
  column('i16', fixed(new Int16(), Int16Array.of(-32768, 32767, 0), V)),
  column('i32', fixed(new Int32(), Int32Array.of(-2147483648, 2147483647, 0), V)),
  column('i64', fixed(new Int64(), BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n, 0n), [true, true, true]), false),
  column('u8', fixed(new Uint8(), Uint8Array.of(255, 0, 0), V)),
  column('u16', fixed(new Uint16(), Uint16Array.of(65535, 0, 0), V)),
  column('u32', fixed(new Uint32(), Uint32Array.of(4294967295, 0, 0), V)),
  column('u64', fixed(new Uint64(), BigUint64Array.of(2n ** 64n - 1n, 0n, 0n), V)),
  column('f32', fixed(new Float32(), Float32Array.of(1.5, -0, 0), V)),
  column('f64', fixed(new Float64(), Float64Array.of(-2.25, Infinity, 0), V)),
  column('dec', fixed(new Decimal(10, 38, 128), Uint32Array.from([
    ...decimalWords(maxDecimal, 4), ...decimalWords(-maxDecimal, 4), ...decimalWords(0n, 4)]), V)),
  column('txt', vectorFromArray(['hello', '', null], new Utf8()).data[0]),
  column('js', vectorFromArray(['{"a":1}', '[]', null], new Utf8()).data[0], true, ext('arrow.json')),
  column('bin', vectorFromArray([Uint8Array.of(0, 1, 255), new Uint8Array(0), null], new Binary()).data[0]),
  column('d', fixed(new DateDay(), Int32Array.of(0, -719162, 0), V)),
  column('t', fixed(new TimeMicrosecond(), BigInt64Array.of(0n, 86399999999n, 0n), V)),
  column('ts', fixed(new Timestamp(TimeUnit.MICROSECOND), BigInt64Array.of(0n, -62135596800000000n, 0n), V)),
  column('tstz', fixed(new Timestamp(TimeUnit.MICROSECOND, 'UTC'), BigInt64Array.of(1700000000123456n, -1n, 0n), V)),
  column('iv', fixed(new IntervalMonthDayNano(), Int32Array.of(1, 2, 3000, 0, -1, -2, -3, -1, 0, 0, 0, 0), V)),
  column('uid', fixed(new FixedSizeBinary(16), Uint8Array.from([...uuid(0x10, 0xff), ...uuid(0, 0), ...uuid(0, 0)]), V), true, ext('arrow.uuid')),
  column('ip4', fixed(new Uint32(), Uint32Array.of(0xC0A80001, 0xFFFFFFFF, 0), V), true, ext('boyodb.ipv4')),
  column('ip6', fixed(new FixedSizeBinary(16), Uint8Array.from([...uuid(0x20, 1), ...uuid(0, 1), ...uuid(0, 0)]), V), true, ext('boyodb.ipv6')),
  column('lists', vectorFromArray([[[1, 2], [null], []], null, []], new List(new Field('item', listOfInts, true))).data[0]),
  column('m', vectorFromArray([new Map([['a', 1n], ['b', null]]), null, new Map()], mapType).data[0]),
  column('st', vectorFromArray([{ a: 1, b: 'x' }, null, { a: null, b: 'y' }], recordType).data[0]),
  column('nul', makeData({ type: new Null(), length: 3, nullCount: 3 })),
  column('dict', vectorFromArray(['red', 'green', null], new Dictionary(new Utf8(), new Int32())).data[0]),
]);
write('all_types', allTypes);
write('all_types_lz4', allTypes, CompressionType.LZ4_FRAME);
write('all_types_zstd', allTypes, CompressionType.ZSTD);

// ---- Foreign layouts. ----
// Values p, q, NULL, q as indices of the given integer type into the dictionary [p, q]. Built by
// hand: vectorFromArray cannot build 64-bit indices.
const dictionaryValues = vectorFromArray(['p', 'q'], new Utf8());
const dictOf = (indices) => {
  const type = new Dictionary(new Utf8(), indices);
  const raw = [0, 1, 0, 1];
  const data = indices.bitWidth === 64 ? new indices.ArrayType(raw.map(BigInt)) : new indices.ArrayType(raw);
  return makeData({ type, length: 4, nullCount: 1, nullBitmap: bitmap([true, true, false, true]), data, dictionary: dictionaryValues });
};
const W = [true, true, false, true];
const foreign = table([
  column('date_ms', fixed(new DateMillisecond(), BigInt64Array.of(0n, -86400000n, 0n, 1700000000000n * 1n - (1700000000000n % 86400000n)), W)),
  column('ts_s', fixed(new Timestamp(TimeUnit.SECOND), BigInt64Array.of(1700000000n, -1n, 0n, 253402300799n), W)),
  column('ts_ms', fixed(new Timestamp(TimeUnit.MILLISECOND), BigInt64Array.of(1700000000123n, -1n, 0n, 5n), W)),
  column('ts_ns', fixed(new Timestamp(TimeUnit.NANOSECOND), BigInt64Array.of(1700000000123456789n, -1n, 0n, 999n), W)),
  column('ts_ns_paris', fixed(new Timestamp(TimeUnit.NANOSECOND, 'Europe/Paris'), BigInt64Array.of(1n, -1001n, 0n, 2000n), W)),
  column('ts_ms_offset', fixed(new Timestamp(TimeUnit.MILLISECOND, '+07:30'), BigInt64Array.of(1n, 2n, 0n, 3n), W)),
  column('time_s', fixed(new TimeSecond(), Int32Array.of(0, 86399, 0, 3600), W)),
  column('time_ms', fixed(new TimeMillisecond(), Int32Array.of(1, 86399999, 0, 500), W)),
  column('time_ns', fixed(new TimeNanosecond(), BigInt64Array.of(1n, 86399999999999n, 0n, 1500n), W)),
  column('large_txt', vectorFromArray(['big', '', null, 'text'], new LargeUtf8()).data[0]),
  column('large_bin', vectorFromArray([Uint8Array.of(1), new Uint8Array(0), null, Uint8Array.of(2, 3)], new LargeBinary()).data[0]),
  column('large_list', vectorFromArray([['a'], [], null, ['b', null]], new LargeList(new Field('item', new Utf8(), true))).data[0]),
  column('fixed_list', vectorFromArray([[1, 2], [3, null], null, [5, 6]], new FixedSizeList(2, new Field('item', new Int16(), true))).data[0]),
  column('fsb3', fixed(new FixedSizeBinary(3), Uint8Array.of(1, 2, 3, 0, 0, 0, 9, 9, 9, 255, 254, 253), W)),
  column('fsb16', fixed(new FixedSizeBinary(16), Uint8Array.from([...uuid(1, 2), ...uuid(3, 4), ...uuid(5, 6), ...uuid(7, 8)]), W)),
  column('half', fixed(new Float16(), Uint16Array.from([1.5, -2, 0, 65504].map(util.float64ToUint16)), W)),
  column('iv_ym', fixed(new IntervalYearMonth(), Int32Array.of(14, -1, 0, 0), W)),
  column('iv_dt', fixed(new IntervalDayTime(), Int32Array.of(3, 1500, -1, -1, 0, 0, 0, 86399999), W)),
  column('dur_s', fixed(new DurationSecond(), BigInt64Array.of(90n, -1n, 0n, 0n), W)),
  column('dur_ns', fixed(new DurationNanosecond(), BigInt64Array.of(1n, -5n, 0n, 123456789n), W)),
  column('dict8', dictOf(new Int8())),
  column('dict16', dictOf(new Int16())),
  column('dict64', dictOf(new Int64())),
  column('dictu8', dictOf(new Uint8())),
  column('dictu16', dictOf(new Uint16())),
  column('dictu32', dictOf(new Uint32())),
  column('dec256', fixed(new Decimal(2, 38, 256), Uint32Array.from([
    ...decimalWords(12345n, 8), ...decimalWords(-(10n ** 37n), 8), ...decimalWords(0n, 8), ...decimalWords(-1n, 8)]), W)),
  column('dec_small', fixed(new Decimal(3, 9, 128), Uint32Array.from([
    ...decimalWords(123456789n, 4), ...decimalWords(-5n, 4), ...decimalWords(0n, 4), ...decimalWords(1n, 4)]), W)),
  column('unknown_ext', vectorFromArray(['a', 'b', null, 'c'], new Utf8()).data[0], true, ext('acme.thing')),
], 2);
write('foreign', foreign);
write('foreign_zstd', foreign, CompressionType.ZSTD);

// ---- A dictionary that grows between batches (written as a delta). ----
{
  const dictType = new Dictionary(new Utf8(), new Int32());
  const first = vectorFromArray(['a', 'b'], new Utf8());
  const grown = first.concat(vectorFromArray(['c'], new Utf8()));
  const schema = new Schema([new Field('word', dictType, true)]);
  const batch = (indices, dictionary) => new RecordBatch(schema, makeData({
    type: new Struct(schema.fields), length: indices.length,
    children: [makeData({ type: dictType, length: indices.length, nullCount: 0, data: Int32Array.from(indices), dictionary })],
  }));
  write('dictionary_delta', new Table(schema, [batch([0, 1, 0], first), batch([2, 1, 2, 0], grown)]));
}

// ---- A Decimal256 wider than 38 digits: not representable in BoyoDB. ----
write('decimal_wide', table([column('wide', fixed(new Decimal(2, 50, 256), Uint32Array.from(decimalWords(1n, 8)), [true]))]));

// ---- A sparse union: not representable in BoyoDB. ----
{
  const unionType = new SparseUnion([0, 1], [new Field('n', new Int32(), true), new Field('s', new Utf8(), true)]);
  const data = makeData({
    type: unionType, length: 2, nullCount: 0, typeIds: Int8Array.of(0, 1),
    children: [fixed(new Int32(), Int32Array.of(7, 0), [true, true]), vectorFromArray(['', 'x'], new Utf8()).data[0]],
  });
  write('union', table([column('u', data)]), null, false);
}
