// Canonical text of result values, and the comparison of two results (BoyoDB's or
// ClickHouse's against DuckDB's, the reference). Pure functions.
//
// A result is { columns: [{ name, kind }], rows: [[value, ...], ...] }. `kind` says how a
// column's values are compared, whatever JavaScript type each system's client hands over:
//   'number'    integers, floats and decimals (number, bigint or decimal text): 6 significant
//               digits, so 1/3 as DOUBLE and as DECIMAL(38,16) agree
//   'date'      YYYY-MM-DD
//   'timestamp' YYYY-MM-DD HH:MM:SS (fractions of a second dropped)
//   'string'    the text as it is
//   'boolean'   true / false
//   'null'      a column of the NULL type
//   'other'     anything else, as JSON
// NULL is the text NULL in every kind.

export const SIGNIFICANT_DIGITS = 6;

/** The canonical text of one value of the given kind. */
export function canonicalValue(value, kind) {
  if (value === null || value === undefined) return 'NULL';
  switch (kind) {
    case 'number':
      return canonicalNumber(value);
    case 'date':
      return canonicalDate(value);
    case 'timestamp':
      return canonicalTimestamp(value);
    case 'string':
      return typeof value === 'string' ? value : String(value);
    case 'boolean':
      return canonicalBoolean(value);
    case 'null':
      return 'NULL';
    default:
      return toJson(value);
  }
}

/**
 * A number (number, bigint, or decimal text such as '-12.50') rounded to 6 significant
 * digits, without trailing zeros: 12.5, 1.23457e+8, 0.000123457; 0 for zero and minus zero.
 */
export function canonicalNumber(value) {
  const number = typeof value === 'number' ? value : Number(value);
  if (Number.isNaN(number)) {
    return typeof value === 'string' && !/^\s*[-+]?nan\s*$/i.test(value) ? `not a number: ${value}` : 'NaN';
  }
  if (number === Infinity) return 'Infinity';
  if (number === -Infinity) return '-Infinity';
  if (number === 0) return '0';
  const text = number.toPrecision(SIGNIFICANT_DIGITS);
  const [mantissa, exponent] = text.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

/** A date as YYYY-MM-DD: a Date (read in UTC, as drivers hand DATE over) or text. */
export function canonicalDate(value) {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'invalid date' : value.toISOString().slice(0, 10);
  }
  const text = String(value);
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  return match === null ? text : match[1];
}

/** A timestamp as YYYY-MM-DD HH:MM:SS: a Date (read in UTC) or text; fractions dropped. */
export function canonicalTimestamp(value) {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return 'invalid timestamp';
    const iso = value.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  const text = String(value);
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(text);
  if (match !== null) return `${match[1]} ${match[2]}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text} 00:00:00` : text;
}

function canonicalBoolean(value) {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value).toLowerCase();
  if (text === 't' || text === 'true' || text === '1') return 'true';
  if (text === 'f' || text === 'false' || text === '0') return 'false';
  return text;
}

function toJson(value) {
  return JSON.stringify(value, (key, item) => (typeof item === 'bigint' ? item.toString() : item));
}

/** Every row of a result as an array of canonical texts. */
export function canonicalRows(result) {
  const kinds = result.columns.map((column) => column.kind);
  return result.rows.map((row) => row.map((value, index) => canonicalValue(value, kinds[index])));
}

/** How many rows only one side has, at most, are kept in a comparison's details. */
export const MAX_LISTED_ROWS = 5;

/**
 * Compares a result with the reference as multisets of canonical rows (row order is not
 * compared, since ties in ORDER BY may be broken either way; `same_order` says whether it
 * matched too). Returns { equal, rows, reference_rows, same_order, first_difference,
 * only_in_result, only_in_reference }: first_difference is the first differing pair of the
 * two sorted row lists ({ index, result, reference }, a side null past its end) and the two
 * lists hold up to MAX_LISTED_ROWS rows that only one side has.
 */
export function compareResults(result, reference) {
  const actual = canonicalRows(result).map((row) => JSON.stringify(row));
  const expected = canonicalRows(reference).map((row) => JSON.stringify(row));
  const comparison = {
    equal: true,
    rows: actual.length,
    reference_rows: expected.length,
    columns: result.columns.length,
    reference_columns: reference.columns.length,
    same_order: actual.length === expected.length && actual.every((row, index) => row === expected[index]),
    first_difference: null,
    only_in_result: [],
    only_in_reference: [],
  };
  const sortedActual = [...actual].sort();
  const sortedExpected = [...expected].sort();
  const length = Math.max(sortedActual.length, sortedExpected.length);
  for (let index = 0; index < length; ++index) {
    if (sortedActual[index] !== sortedExpected[index]) {
      comparison.equal = false;
      comparison.first_difference = {
        index,
        result: parseRow(sortedActual[index]),
        reference: parseRow(sortedExpected[index]),
      };
      break;
    }
  }
  if (!comparison.equal) {
    comparison.only_in_result = multisetDifference(sortedActual, sortedExpected).map(parseRow);
    comparison.only_in_reference = multisetDifference(sortedExpected, sortedActual).map(parseRow);
  }
  return comparison;
}

function parseRow(text) {
  return text === undefined ? null : JSON.parse(text);
}

/** Up to MAX_LISTED_ROWS rows of sorted `left` that sorted `right` lacks (with multiplicity). */
function multisetDifference(left, right) {
  const missing = [];
  let j = 0;
  for (let i = 0; i < left.length && missing.length < MAX_LISTED_ROWS; ++i) {
    while (j < right.length && right[j] < left[i]) ++j;
    if (j < right.length && right[j] === left[i]) ++j;
    else missing.push(left[i]);
  }
  return missing;
}

/** True when the SQL text has a LIMIT clause (ties at the cut-off may pick other rows). */
export function hasLimit(sql) {
  return /\blimit\s+\d+/i.test(sql.replace(/--[^\n]*/g, ''));
}

/**
 * The query with its rows in one order only: every output column, by position, appended to
 * its final ORDER BY (or an ORDER BY of them added) before its LIMIT, for `columnCount`
 * output columns. Ties at a LIMIT's cut-off may be broken either way, so two systems' answers
 * to the query itself may rightly differ; their answers to this must not. Null when the query
 * has no LIMIT outside parentheses.
 */
export function totalOrderVariant(sql, columnCount) {
  const text = sql.replace(/--[^\n]*/g, '').trim().replace(/;\s*$/, '');
  const limits = [...text.matchAll(/\blimit\b/gi)].filter((match) => depthAt(text, match.index) === 0);
  if (limits.length === 0 || columnCount < 1) return null;
  const limitAt = limits[limits.length - 1].index;
  const head = text.slice(0, limitAt).trimEnd();
  const positions = Array.from({ length: columnCount }, (_, index) => String(index + 1)).join(', ');
  const orders = [...head.matchAll(/\border\s+by\b/gi)].filter((match) => depthAt(head, match.index) === 0);
  const ordered = orders.length > 0 ? `${head}, ${positions}` : `${head} ORDER BY ${positions}`;
  return `${ordered} ${text.slice(limitAt)}`;
}

// How many parentheses are open at `index` of `text` (quoted text skipped); Infinity inside
// quotes.
function depthAt(text, index) {
  let depth = 0;
  let quote = null;
  for (let i = 0; i < index; ++i) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '(') {
      ++depth;
    } else if (c === ')') {
      --depth;
    }
  }
  return quote === null ? depth : Infinity;
}
