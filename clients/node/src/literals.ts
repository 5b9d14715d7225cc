/**
 * Client-side parameters: `$1`, `$2`, ... in the SQL text are replaced by SQL literals of the
 * JavaScript values. The native protocol has no bind step, so the driver writes the literals
 * itself, quoting them as PostgreSQL reads them with standard_conforming_strings on (BoyoDB's
 * only mode): inside '...' only the quote is special, and it is doubled.
 *
 * Placeholders are looked for only in SQL code: never inside quoted strings ('...', E'...'),
 * quoted identifiers ("..."), comments (-- and nested /* *\/) or dollar-quoted strings
 * ($$...$$, $tag$...$tag$), and never as part of an identifier (`a$1`).
 */
import { BoyoError, ClientErrorCode } from './errors.js';

/** Replaces each `$n` of `sql` with the literal of `params[n - 1]`. */
export function interpolate(sql: string, params: readonly unknown[]): string {
  const literals = new Map<number, string>();
  const literalOf = (n: number): string => {
    let literal = literals.get(n);
    if (literal === undefined) {
      literal = toLiteral(params[n - 1]);
      literals.set(n, literal);
    }
    return literal;
  };

  let out = '';
  let copied = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'") {
      i = skipQuoted(sql, i, "'", isEscapeStringPrefix(sql, i));
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (c === '$' && next !== undefined && isDigit(next)) {
      let end = i + 1;
      while (end < sql.length && isDigit(sql[end]!)) ++end;
      const n = Number(sql.slice(i + 1, end));
      if (n < 1 || n > params.length) {
        throw new BoyoError(`there is no parameter $${sql.slice(i + 1, end)}`, {
          code: ClientErrorCode.undefinedParameter,
          position: i + 1,
        });
      }
      out += sql.slice(copied, i) + literalOf(n);
      copied = i = end;
    } else if (c === '$') {
      i = skipDollarQuoted(sql, i);
    } else if (isIdentifierStart(c) || isDigit(c)) {
      // A whole word or number, so a `$` inside it (`a$1`, legal in identifiers) is skipped.
      ++i;
      while (i < sql.length && isIdentifierPart(sql[i]!)) ++i;
    } else {
      ++i;
    }
  }
  return out + sql.slice(copied);
}

/**
 * The SQL literal of a JavaScript value:
 * - null, undefined: NULL
 * - boolean: TRUE / FALSE
 * - number: a safe integer as is (an INTEGER or BIGINT constant); anything else, NaN and the
 *   infinities as a DOUBLE PRECISION constant, since a JS number is a double
 * - bigint: as is (negative values in parentheses, so `1-$1` cannot become a `--` comment)
 * - string: '...' with ' doubled; a NUL character is refused (22021), as PostgreSQL refuses it
 * - Date: a TIMESTAMPTZ constant in UTC, to the millisecond
 * - Uint8Array (Buffer), ArrayBuffer: a BYTEA constant in hex
 * - array: ARRAY[...] of the elements' literals ('{}' when empty, typed by its context)
 * - plain object: a JSON constant of JSON.stringify(value)
 */
export function toLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (typeof value) {
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'number':
      return numberLiteral(value);
    case 'bigint':
      return value < 0n ? `(${value})` : String(value);
    case 'string':
      return quoteString(value);
    case 'object':
      return objectLiteral(value);
    default:
      throw new TypeError(`cannot use a ${typeof value} as a SQL parameter`);
  }
}

/** A string constant: '...' with every ' doubled. */
export function quoteString(text: string): string {
  if (text.includes('\u0000')) {
    throw new BoyoError('a string parameter cannot contain the character U+0000', {
      code: ClientErrorCode.characterNotInRepertoire,
    });
  }
  return `'${text.replaceAll("'", "''")}'`;
}

/** A quoted identifier: "..." with every " doubled. */
export function quoteIdentifier(name: string): string {
  if (name.includes('\u0000')) {
    throw new BoyoError('an identifier cannot contain the character U+0000', {
      code: ClientErrorCode.characterNotInRepertoire,
    });
  }
  return `"${name.replaceAll('"', '""')}"`;
}

function numberLiteral(value: number): string {
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return value < 0 ? `(${value})` : String(value);
  // String() gives NaN, Infinity, -Infinity and the shortest text that reads back as the same
  // double, which is what the server's float input accepts.
  return `'${Object.is(value, -0) ? '-0' : String(value)}'::double precision`;
}

function objectLiteral(value: object): string {
  if (value instanceof Date) return `'${timestampText(value)}'::timestamptz`;
  if (value instanceof Uint8Array) return `'${byteaText(value)}'::bytea`;
  if (value instanceof ArrayBuffer) return `'${byteaText(new Uint8Array(value))}'::bytea`;
  if (Array.isArray(value)) {
    return value.length === 0 ? "'{}'" : `ARRAY[${value.map(toLiteral).join(', ')}]`;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype === Object.prototype || prototype === null) {
    return `${quoteString(JSON.stringify(value))}::json`;
  }
  const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
  throw new TypeError(`cannot use a ${name} as a SQL parameter`);
}

/** PostgreSQL's hex text form of bytes: `\x00ff`. */
export function byteaText(bytes: Uint8Array): string {
  return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}`;
}

/**
 * A Date as TIMESTAMPTZ text in UTC, to the millisecond: `2024-03-01 14:45:01.250+00`, years
 * before 1 AD in PostgreSQL's BC form. An invalid Date throws a TypeError.
 */
export function timestampText(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError('cannot use an invalid Date as a SQL parameter');
  const year = date.getUTCFullYear();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const day = `${pad(year > 0 ? year : 1 - year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    `.${pad(date.getUTCMilliseconds(), 3)}`;
  return `${day} ${time}+00${year > 0 ? '' : ' BC'}`;
}

/** Position after the string or identifier that starts at `start` with `quote`. */
function skipQuoted(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i]!;
    if (backslashEscapes && c === '\\') {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      ++i;
    }
  }
  return sql.length;
}

/** E'...' (or e'...') is the one string form where a backslash escapes the next character. */
function isEscapeStringPrefix(sql: string, quoteAt: number): boolean {
  const prefix = sql[quoteAt - 1];
  if (prefix !== 'E' && prefix !== 'e') return false;
  const before = sql[quoteAt - 2];
  return before === undefined || !isIdentifierPart(before);
}

/** Block comments nest in PostgreSQL: /* a /* b *\/ still a comment *\/. */
function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      ++depth;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      i += 2;
      if (--depth === 0) return i;
    } else {
      ++i;
    }
  }
  return sql.length;
}

/**
 * At a `$` that is not a placeholder: a dollar-quoted string `$tag$ ... $tag$` (tag optional)
 * is skipped whole; any other `$` is a lone character.
 */
function skipDollarQuoted(sql: string, start: number): number {
  let end = start + 1;
  if (end < sql.length && isIdentifierStart(sql[end]!)) {
    while (end < sql.length && isIdentifierPart(sql[end]!) && sql[end] !== '$') ++end;
  }
  if (sql[end] !== '$') return start + 1;
  const delimiter = sql.slice(start, end + 1);
  const close = sql.indexOf(delimiter, end + 1);
  return close < 0 ? sql.length : close + delimiter.length;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentifierStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c.charCodeAt(0) >= 0x80;
}

function isIdentifierPart(c: string): boolean {
  return isIdentifierStart(c) || isDigit(c) || c === '$';
}
