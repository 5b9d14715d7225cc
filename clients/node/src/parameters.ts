/**
 * The values of a prepared statement's parameters, as `execute` sends them. The server reads
 * each value as its parameter's type reads text (PostgreSQL's text format), so the driver
 * sends the text of every JavaScript value, by the rules toLiteral follows for SQL literals:
 * a Date is the same TIMESTAMPTZ text, bytes the same `\x..` hex, an object the same JSON.
 * JSON numbers and booleans go as they are where their text is exact.
 */
import { BoyoError, ClientErrorCode } from './errors.js';
import { byteaText, timestampText } from './literals.js';

/** One value of an `execute` request's `parameters`. */
export type ParameterValue = string | number | boolean | null;

/**
 * The `execute` value of a JavaScript value:
 * - null, undefined: null (SQL NULL)
 * - boolean: itself (`true`, `false`)
 * - number: a safe integer as a JSON number; anything else as the text String() gives
 *   (`'0.1'`, `'NaN'`, `'-Infinity'`, and `'-0'`), which reads back as the same double
 * - bigint: its decimal text, so no digit is lost
 * - string: itself; a NUL character is refused (22021), as PostgreSQL refuses it
 * - Date: TIMESTAMPTZ text in UTC, to the millisecond (`2024-02-29 12:34:56.789+00`)
 * - Uint8Array (Buffer), ArrayBuffer: BYTEA hex text (`\x00ff`)
 * - array: PostgreSQL's array text (`{"1",NULL,"3"}`), elements converted by these rules
 * - plain object: JSON.stringify(value)
 * Anything else throws a TypeError.
 */
export function toParameterValue(value: unknown): ParameterValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) return value;
      // A JSON number would be re-printed by the server (1e21 as `1e+21`, which integer types
      // do not read); the shortest round-trip text is what float and numeric input accept.
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return String(value);
    case 'string':
      return checkedText(value);
    case 'object':
      return objectText(value);
    default:
      throw new TypeError(`cannot use a ${typeof value} as a SQL parameter`);
  }
}

function objectText(value: object): string {
  if (value instanceof Date) return timestampText(value);
  if (value instanceof Uint8Array) return byteaText(value);
  if (value instanceof ArrayBuffer) return byteaText(new Uint8Array(value));
  if (Array.isArray(value)) return arrayText(value);
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype === Object.prototype || prototype === null) return JSON.stringify(value);
  const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  throw new TypeError(`cannot use a ${name} as a SQL parameter`);
}

/**
 * `{...}` with every element double-quoted (so commas, braces, spaces and the word NULL in a
 * string stay text) and `\` and `"` escaped by a backslash; NULL unquoted; nested arrays as
 * nested braces.
 */
function arrayText(values: readonly unknown[]): string {
  const elements = values.map((element) => {
    if (element === null || element === undefined) return 'NULL';
    if (Array.isArray(element)) return arrayText(element);
    const text = String(toParameterValue(element));
    return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  });
  return `{${elements.join(',')}}`;
}

function checkedText(text: string): string {
  if (text.includes('\u0000')) {
    throw new BoyoError('a string parameter cannot contain the character U+0000', {
      code: ClientErrorCode.characterNotInRepertoire,
    });
  }
  return text;
}
