// Renders Arrow data as deterministic JSON, for comparison with BoyoDB's reading of the same
// data (tests/unit/formats/ipc/arrow_js_interop_test.cc builds the same form from its values).
// Values are read from the raw buffers, never through lossy JS conversions (timestamps, 64-bit
// integers), and converted to BoyoDB's units:
//   NULL -> null; Bool -> "t"/"f"; integers -> decimal text; floats -> JSON numbers, or "NaN",
//   "Infinity", "-Infinity"; Decimal -> "123.4500"; Utf8 -> the string; binary -> "\x0a0b";
//   Date -> "YYYY-MM-DD"; Time -> "HH:MM:SS[.ffffff]" (trailing zeros dropped); Timestamp ->
//   "YYYY-MM-DD HH:MM:SS[.ffffff]", plus "+00" when it has a time zone; Interval and Duration
//   -> "months=M days=D nanos=N"; extension arrow.uuid -> "xxxxxxxx-xxxx-...", boyodb.ipv4 ->
//   "a.b.c.d"; List -> array; Map -> array of [key, value]; Struct -> object by field name.
import { Type, util } from 'apache-arrow';

const extensionOf = (field) => (field && field.metadata && field.metadata.get('ARROW:extension:name')) || '';

function hex(bytes) {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function floorDiv(a, b) {
  const q = a / b;
  return (a % b !== 0n && a < 0n) ? q - 1n : q;
}

function civilFromDays(days) {
  // Howard Hinnant's algorithm, on BigInt days.
  const z = days + 719468n;
  const era = floorDiv(z, 146097n);
  const doe = z - era * 146097n;
  const yoe = (doe - doe / 1460n + doe / 36524n - doe / 146096n) / 365n;
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n);
  const mp = (5n * doy + 2n) / 153n;
  const d = doy - (153n * mp + 2n) / 5n + 1n;
  const m = mp < 10n ? mp + 3n : mp - 9n;
  const y = yoe + era * 400n + (m <= 2n ? 1n : 0n);
  return [y, m, d];
}

const pad = (n, width) => String(n).padStart(width, '0');

function formatDate(days) {
  const [y, m, d] = civilFromDays(BigInt(days));
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function formatTime(micros) {
  micros = BigInt(micros);
  const seconds = micros / 1000000n;
  const fraction = micros % 1000000n;
  let out = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}`;
  if (fraction !== 0n) out += '.' + pad(fraction, 6).replace(/0+$/, '');
  return out;
}

function formatTimestamp(micros, zoned) {
  micros = BigInt(micros);
  const days = floorDiv(micros, 86400000000n);
  return `${formatDate(days)} ${formatTime(micros - days * 86400000000n)}${zoned ? '+00' : ''}`;
}

// Factor from a TimeUnit (SECOND..NANOSECOND) to microseconds; 0 means "divide by 1000".
const microsPerUnit = [1000000n, 1000n, 1n, 0n];
function toMicros(value, unit) {
  const factor = microsPerUnit[unit];
  return factor === 0n ? floorDiv(BigInt(value), 1000n) : BigInt(value) * factor;
}

function decimalText(words, scale) {
  let unscaled = 0n;
  for (let i = words.length - 1; i >= 0; --i) unscaled = (unscaled << 32n) | BigInt(words[i]);
  const bits = BigInt(words.length * 32);
  if (unscaled >> (bits - 1n)) unscaled -= 1n << bits;
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
  }
  return negative ? '-' + digits : digits;
}

function floatValue(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

const interval = (months, days, nanos) => `months=${months} days=${days} nanos=${nanos}`;

function bytesAt(data, i) {
  const start = Number(data.valueOffsets[i]);
  const end = Number(data.valueOffsets[i + 1]);
  return data.values.subarray(start, end);
}

function dictionaryValue(data, key, field) {
  let start = 0;
  for (const chunk of data.dictionary.data) {
    if (key < start + chunk.length) return renderCell(chunk, key - start, field);
    start += chunk.length;
  }
  throw new Error(`dictionary key ${key} out of range`);
}

export function renderCell(data, i, field) {
  if (!data.getValid(i)) return null;
  const type = data.type;
  const ext = extensionOf(field);
  switch (type.typeId) {
    case Type.Dictionary: return dictionaryValue(data, Number(data.values[i]), { metadata: new Map() });
    case Type.Null: return null;
    case Type.Bool: {
      const bit = data.offset + i;
      return (data.values[bit >> 3] & (1 << (bit % 8))) !== 0 ? 't' : 'f';
    }
    case Type.Int: {
      const v = data.values[i];
      if (ext === 'boyodb.ipv4') {
        const n = Number(v) >>> 0;
        return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
      }
      return String(v);
    }
    case Type.Float: {
      const v = data.values[i];
      return floatValue(type.precision === 0 ? util.uint16ToFloat64(v) : v);
    }
    case Type.Decimal: {
      const stride = type.bitWidth / 32;
      return decimalText(data.values.subarray(i * stride, (i + 1) * stride), type.scale);
    }
    case Type.Utf8:
    case Type.LargeUtf8: return new TextDecoder().decode(bytesAt(data, i));
    case Type.Binary:
    case Type.LargeBinary: return '\\x' + hex(bytesAt(data, i));
    case Type.FixedSizeBinary: {
      const w = type.byteWidth;
      const bytes = data.values.subarray(i * w, (i + 1) * w);
      if (ext === 'arrow.uuid' && w === 16) {
        const h = hex(bytes);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
      }
      return '\\x' + hex(bytes);
    }
    case Type.Date: {
      const days = type.unit === 0 ? BigInt(data.values[i]) : floorDiv(BigInt(data.values[i]), 86400000n);
      return formatDate(days);
    }
    case Type.Time: return formatTime(toMicros(data.values[i], type.unit));
    case Type.Timestamp: return formatTimestamp(toMicros(data.values[i], type.unit), !!type.timezone);
    case Type.Interval: {
      if (type.unit === 2) {
        const v = data.values.subarray(i * 4, i * 4 + 4);
        const nanos = (BigInt(v[3]) << 32n) | BigInt(v[2] >>> 0);
        return interval(v[0], v[1], nanos);
      }
      if (type.unit === 1) {
        const v = data.values.subarray(i * 2, i * 2 + 2);
        return interval(0, v[0], BigInt(v[1]) * 1000000n);
      }
      return interval(data.values[i], 0, 0n);
    }
    case Type.Duration: {
      const micros = toMicros(data.values[i], type.unit);
      return interval(0, 0, type.unit === 3 ? BigInt(data.values[i]) : micros * 1000n);
    }
    case Type.List:
    case Type.LargeList: {
      const child = data.children[0];
      const out = [];
      for (let j = Number(data.valueOffsets[i]); j < Number(data.valueOffsets[i + 1]); ++j) {
        out.push(renderCell(child, j, type.children[0]));
      }
      return out;
    }
    case Type.FixedSizeList: {
      const child = data.children[0];
      const out = [];
      for (let j = i * type.listSize; j < (i + 1) * type.listSize; ++j) {
        out.push(renderCell(child, j, type.children[0]));
      }
      return out;
    }
    case Type.Map: {
      const entries = data.children[0];
      const out = [];
      for (let j = data.valueOffsets[i]; j < data.valueOffsets[i + 1]; ++j) {
        out.push([renderCell(entries.children[0], j, entries.type.children[0]),
                  renderCell(entries.children[1], j, entries.type.children[1])]);
      }
      return out;
    }
    case Type.Struct: {
      const out = {};
      type.children.forEach((f, k) => { out[f.name] = renderCell(data.children[k], i, f); });
      return out;
    }
    default:
      throw new Error(`cannot render Arrow type ${type}`);
  }
}

export function describeField(field) {
  const out = { name: field.name, type: String(field.type), nullable: field.nullable };
  if (field.metadata && field.metadata.size > 0) out.metadata = Object.fromEntries(field.metadata);
  return out;
}

/// { schema: [...], num_batches, columns: [[cell, ...], ...] } for a table.
export function renderTable(table) {
  const fields = table.schema.fields;
  const columns = fields.map(() => []);
  for (const batch of table.batches) {
    fields.forEach((field, k) => {
      const data = batch.data.children[k];
      for (let i = 0; i < batch.numRows; ++i) columns[k].push(renderCell(data, i, field));
    });
  }
  return { schema: fields.map(describeField), num_batches: table.batches.length, columns };
}
