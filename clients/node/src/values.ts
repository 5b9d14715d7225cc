/**
 * Arrow -> JavaScript values for every type BoyoDB sends (docs/formats/arrow_ipc.md, "Type
 * mapping"). Values are read from the raw Arrow buffers rather than through apache-arrow's
 * getters, which throw on 64-bit timestamps outside the safe-integer range (BoyoDB's
 * 'infinity'), show decimals as raw words and extension types as their storage bytes.
 *
 * A converter is built once per column from its Field (so extension names and nested types
 * are looked at once, not per value) and then applied to each row.
 */
import {
  type Data,
  type Field,
  type RecordBatch,
  type Table,
  type Vector,
  DataType,
  DateUnit,
  IntervalUnit,
  Precision,
  TimeUnit,
  Type,
  makeVector,
} from 'apache-arrow';

/** A result row: column name -> value. */
export type Row = Record<string, unknown>;

/** An INTERVAL: PostgreSQL keeps months, days and sub-day time apart, and so does this. */
export interface Interval {
  months: number;
  days: number;
  nanoseconds: bigint;
}

/** Reads the value at `index` of `data` (null when the slot is null). */
type Converter = (data: Data, index: number) => unknown;

const EXTENSION_NAME = 'ARROW:extension:name';
const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;
const MS_PER_DAY = 86_400_000;
const utf8 = new TextDecoder('utf-8');

/** Every row of a table as plain objects keyed by column name. */
export function tableRows(table: Table): Row[] {
  const converters = table.schema.fields.map(makeConverter);
  const rows: Row[] = [];
  for (const batch of table.batches) appendRows(batch, converters, rows);
  return rows;
}

/** Every row of one record batch as plain objects keyed by column name. */
export function batchRows(batch: RecordBatch): Row[] {
  const rows: Row[] = [];
  appendRows(batch, batch.schema.fields.map(makeConverter), rows);
  return rows;
}

function appendRows(batch: RecordBatch, converters: Converter[], rows: Row[]): void {
  const fields = batch.schema.fields;
  const columns = batch.data.children;
  for (let i = 0; i < batch.numRows; ++i) {
    const row: Row = {};
    for (let k = 0; k < fields.length; ++k) setProperty(row, fields[k]!.name, converters[k]!(columns[k]!, i));
    rows.push(row);
  }
}

/** Builds the converter for a column (or a nested field), null slots included. */
function makeConverter(field: Field): Converter {
  // The Null type has no validity bitmap to consult: every slot is null.
  if (field.type.typeId === Type.Null) return () => null;
  const read = readerFor(field);
  return (data, index) => (data.getValid(index) ? read(data, index) : null);
}

function readerFor(field: Field): Converter {
  const type = field.type as DataType;
  const extension = field.metadata.get(EXTENSION_NAME) ?? '';
  switch (type.typeId) {
    case Type.Bool:
      return (data, i) => {
        const bit = data.offset + i;
        return ((data.values as Uint8Array)[bit >> 3]! & (1 << (bit & 7))) !== 0;
      };
    case Type.Int: {
      const { bitWidth, isSigned } = type as DataType & { bitWidth: number; isSigned: boolean };
      if (extension === 'boyodb.ipv4' && bitWidth === 32 && !isSigned) {
        return (data, i) => formatIpv4((data.values as Uint32Array)[i]!);
      }
      // 64-bit values are bigint (BigInt64Array / BigUint64Array elements); the rest numbers.
      return (data, i) => (data.values as ArrayLike<number | bigint>)[i];
    }
    case Type.Float:
      // Half floats are stored as raw uint16 bits; BoyoDB never sends them.
      if ((type as DataType & { precision: Precision }).precision === Precision.HALF) return fallbackReader();
      return (data, i) => (data.values as Float32Array | Float64Array)[i];
    case Type.Decimal: {
      const { scale, bitWidth } = type as DataType & { scale: number; bitWidth: number };
      const words = bitWidth / 32;
      return (data, i) => formatDecimal((data.values as Uint32Array).subarray(i * words, (i + 1) * words), scale);
    }
    case Type.Utf8:
      return (data, i) => utf8.decode(variableBytes(data, i));
    case Type.Binary:
      return (data, i) => variableBytes(data, i).slice();
    case Type.FixedSizeBinary: {
      const width = (type as DataType & { byteWidth: number }).byteWidth;
      const bytes = (data: Data, i: number) => (data.values as Uint8Array).subarray(i * width, (i + 1) * width);
      if (width === 16 && extension === 'arrow.uuid') return (data, i) => formatUuid(bytes(data, i));
      if (width === 16 && extension === 'boyodb.ipv6') return (data, i) => formatIpv6(bytes(data, i));
      return (data, i) => bytes(data, i).slice();
    }
    case Type.Date:
      return dateReader((type as DataType & { unit: DateUnit }).unit);
    case Type.Time: {
      const toMicros = microsFrom((type as DataType & { unit: TimeUnit }).unit);
      return (data, i) => formatTime(toMicros(BigInt((data.values as ArrayLike<number | bigint>)[i]!)));
    }
    case Type.Timestamp:
      return timestampReader((type as DataType & { unit: TimeUnit }).unit);
    case Type.Interval:
      if ((type as DataType & { unit: IntervalUnit }).unit === IntervalUnit.MONTH_DAY_NANO) {
        return (data, i) => readMonthDayNano(data.values as Int32Array, i);
      }
      return fallbackReader();
    case Type.List: {
      const element = makeConverter(type.children[0]!);
      return (data, i) => {
        const offsets = data.valueOffsets as Int32Array;
        const child = data.children[0]!;
        const out: unknown[] = [];
        for (let j = offsets[i]!; j < offsets[i + 1]!; ++j) out.push(element(child, j));
        return out;
      };
    }
    case Type.Map: {
      // children[0] is the `entries` struct of `key` and `value`.
      const entryFields = type.children[0]!.type.children as Field[];
      const key = makeConverter(entryFields[0]!);
      const value = makeConverter(entryFields[1]!);
      return (data, i) => {
        const offsets = data.valueOffsets as Int32Array;
        const entries = data.children[0]!;
        const out = new Map<unknown, unknown>();
        for (let j = offsets[i]!; j < offsets[i + 1]!; ++j) {
          out.set(key(entries.children[0]!, j), value(entries.children[1]!, j));
        }
        return out;
      };
    }
    case Type.Struct: {
      const fields = type.children as Field[];
      const members = fields.map(makeConverter);
      return (data, i) => {
        const out: Row = {};
        for (let k = 0; k < fields.length; ++k) setProperty(out, fields[k]!.name, members[k]!(data.children[k]!, i));
        return out;
      };
    }
    case Type.Dictionary:
      return dictionaryReader(field);
    default:
      return fallbackReader();
  }
}

/**
 * A type BoyoDB does not send today: let apache-arrow convert it, so a newer server is not an
 * error for an older driver.
 */
function fallbackReader(): Converter {
  let data: Data | null = null;
  let vector: Vector | null = null;
  return (chunk, i) => {
    // Rows are read chunk by chunk, so one Vector per chunk is enough.
    if (chunk !== data) {
      data = chunk;
      vector = makeVector(chunk);
    }
    return vector!.get(i);
  };
}

function dictionaryReader(field: Field): Converter {
  const type = field.type as DataType & { dictionary: DataType };
  // The dictionary's values carry the column's extension (a dictionary-encoded JSON column).
  const value = makeConverter(field.clone({ type: type.dictionary, nullable: true }));
  return (data, i) => {
    let key = Number((data.values as ArrayLike<number | bigint>)[i]);
    // A dictionary that grew by delta batches is several chunks, in order.
    for (const chunk of data.dictionary!.data) {
      if (key < chunk.length) return value(chunk, key);
      key -= chunk.length;
    }
    throw new RangeError(`dictionary index out of range in column ${field.name}`);
  };
}

function variableBytes(data: Data, i: number): Uint8Array {
  const offsets = data.valueOffsets as Int32Array;
  return (data.values as Uint8Array).subarray(offsets[i]!, offsets[i + 1]!);
}

/** Sets a property even when it is named `__proto__`, which plain assignment would not. */
function setProperty(target: Row, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[name] = value;
  }
}

/**
 * DATE -> Date at UTC midnight. BoyoDB stores 'infinity' and '-infinity' as the int32 extremes;
 * they become Infinity and -Infinity (as node-postgres does), since no Date can hold them.
 */
function dateReader(unit: DateUnit): Converter {
  if (unit === DateUnit.DAY) {
    return (data, i) => {
      const days = (data.values as Int32Array)[i]!;
      if (days === INT32_MAX) return Infinity;
      if (days === INT32_MIN) return -Infinity;
      return new Date(days * MS_PER_DAY);
    };
  }
  return (data, i) => new Date(Number((data.values as BigInt64Array)[i]!));
}

/**
 * TIMESTAMP and TIMESTAMPTZ -> Date. A Date holds milliseconds, so microseconds are floored
 * away; the int64 extremes ('infinity', '-infinity') become Infinity and -Infinity; finite
 * values beyond a Date's range (after the year 275760) become an invalid Date.
 */
function timestampReader(unit: TimeUnit): Converter {
  const toMicros = microsFrom(unit);
  return (data, i) => {
    const raw = (data.values as BigInt64Array)[i]!;
    if (raw === INT64_MAX) return Infinity;
    if (raw === INT64_MIN) return -Infinity;
    return new Date(Number(floorDiv(toMicros(raw), 1000n)));
  };
}

function microsFrom(unit: TimeUnit): (value: bigint) => bigint {
  switch (unit) {
    case TimeUnit.SECOND:
      return (v) => v * 1_000_000n;
    case TimeUnit.MILLISECOND:
      return (v) => v * 1000n;
    case TimeUnit.MICROSECOND:
      return (v) => v;
    case TimeUnit.NANOSECOND:
      return (v) => floorDiv(v, 1000n);
  }
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/** TIME as PostgreSQL prints it: HH:MM:SS, then the fraction without trailing zeros if any. */
export function formatTime(micros: bigint): string {
  const totalSeconds = micros / 1_000_000n;
  const fraction = micros % 1_000_000n;
  const hh = String(totalSeconds / 3600n).padStart(2, '0');
  const mm = String((totalSeconds / 60n) % 60n).padStart(2, '0');
  const ss = String(totalSeconds % 60n).padStart(2, '0');
  const text = `${hh}:${mm}:${ss}`;
  return fraction === 0n ? text : `${text}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
}

/** MONTH_DAY_NANO: int32 months, int32 days, int64 nanoseconds (as two little-endian words). */
function readMonthDayNano(values: Int32Array, i: number): Interval {
  const base = i * 4;
  const low = BigInt(values[base + 2]! >>> 0);
  const high = BigInt(values[base + 3]!);
  return { months: values[base]!, days: values[base + 1]!, nanoseconds: (high << 32n) | low };
}

/**
 * A decimal's unscaled value is a little-endian two's complement integer of 32-bit words;
 * printed with exactly `scale` fraction digits, as PostgreSQL prints NUMERIC(p, s).
 */
export function formatDecimal(words: Uint32Array, scale: number): string {
  let unscaled = 0n;
  for (let w = words.length - 1; w >= 0; --w) unscaled = (unscaled << 32n) | BigInt(words[w]!);
  const bits = BigInt(words.length * 32);
  if (unscaled >> (bits - 1n) !== 0n) unscaled -= 1n << bits;
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

export function formatUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * IPv6 text exactly as the server's `ipv6::text` prints it (glibc's inet_ntop): lower-case
 * hex groups, the longest run of two or more zero groups (the first of equals) as `::`, and
 * the last 32 bits in dotted form for IPv4-compatible and IPv4-mapped addresses.
 */
export function formatIpv6(bytes: Uint8Array): string {
  const words: number[] = [];
  for (let w = 0; w < 8; ++w) words.push((bytes[2 * w]! << 8) | bytes[2 * w + 1]!);
  let bestBase = -1;
  let bestLength = 0;
  for (let w = 0; w < 8; ) {
    if (words[w] !== 0) {
      ++w;
      continue;
    }
    let end = w;
    while (end < 8 && words[end] === 0) ++end;
    if (end - w > bestLength) {
      bestBase = w;
      bestLength = end - w;
    }
    w = end;
  }
  if (bestLength < 2) bestBase = -1;
  let out = '';
  for (let w = 0; w < 8; ++w) {
    if (bestBase >= 0 && w >= bestBase && w < bestBase + bestLength) {
      if (w === bestBase) out += ':';
      continue;
    }
    if (w !== 0) out += ':';
    if (w === 6 && bestBase === 0 && (bestLength === 6 || (bestLength === 5 && words[5] === 0xffff))) {
      return out + `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
    }
    out += words[w]!.toString(16);
  }
  if (bestBase >= 0 && bestBase + bestLength === 8) out += ':';
  return out;
}
