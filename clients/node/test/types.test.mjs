// Every BoyoDB type through a real server: INSERT with parameters of every JS type, then
// SELECT with NULLs, compared with the values the README's type table promises.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connectClient, needsServer, uniqueName } from '../test-support/server.mjs';

const COLUMNS = [
  ['id', 'INTEGER'], ['b', 'BOOLEAN'], ['i8', 'TINYINT'], ['i16', 'SMALLINT'], ['i32', 'INTEGER'],
  ['i64', 'BIGINT'], ['u8', 'UINT8'], ['u16', 'UINT16'], ['u32', 'UINT32'], ['u64', 'UINT64'],
  ['f32', 'REAL'], ['f64', 'DOUBLE PRECISION'], ['dec', 'DECIMAL(20,4)'], ['txt', 'TEXT'], ['js', 'JSON'],
  ['bin', 'BYTEA'], ['d', 'DATE'], ['t', 'TIME'], ['ts', 'TIMESTAMP'], ['tz', 'TIMESTAMPTZ'],
  ['iv', 'INTERVAL'], ['u', 'UUID'], ['ia', 'INTEGER[]'], ['ta', 'TEXT[]'], ['na', 'ARRAY(INTEGER[])'],
];
const NAMES = COLUMNS.map(([name]) => name);
const INSERT_PARAMS = NAMES.map((_, i) => `$${i + 1}`).join(', ');

const JSON_VALUE = { a: [1, 'x', true], b: null, c: "it's \"quoted\"" };
const TEXT = "it's \\ \"q\" ü 😀 $1 -- /*";

const ROWS = [
  {
    params: [1, true, -128, -32768, -2147483648, -9223372036854775808n, 255, 65535, 4294967295,
      18446744073709551615n, 1.5, 0.1, '-12345678901234.5678', TEXT, JSON_VALUE, Buffer.from([0, 1, 0xff]),
      '2024-02-29', '23:59:59.999999', '2024-02-29 12:34:56.789123', new Date('2024-02-29T12:34:56.789Z'),
      '1 year 2 mons 3 days 04:05:06.789', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', [1, null, -3],
      ["a'b", null, '', 'NULL', '{x,"y"}'], [[1, 2], [3, 4]]],
    expected: {
      id: 1, b: true, i8: -128, i16: -32768, i32: -2147483648, i64: -9223372036854775808n, u8: 255, u16: 65535,
      u32: 4294967295, u64: 18446744073709551615n, f32: 1.5, f64: 0.1, dec: '-12345678901234.5678', txt: TEXT,
      js: JSON_VALUE, bin: new Uint8Array([0, 1, 0xff]), d: new Date('2024-02-29T00:00:00Z'), t: '23:59:59.999999',
      ts: new Date('2024-02-29T12:34:56.789Z'), tz: new Date('2024-02-29T12:34:56.789Z'),
      iv: { months: 14, days: 3, nanoseconds: 14706789000000n }, u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
      ia: [1, null, -3], ta: ["a'b", null, '', 'NULL', '{x,"y"}'], na: [[1, 2], [3, 4]],
    },
  },
  {
    params: [2, ...NAMES.slice(1).map((_, i) => (i % 2 === 0 ? null : undefined))],
    expected: Object.fromEntries(NAMES.map((name) => [name, name === 'id' ? 2 : null])),
  },
  {
    params: [3, false, 0, 1, 2, Number.MAX_SAFE_INTEGER, 0, 0, 0, 0n, -Infinity, NaN, 2.5, '', '[1,"two"]',
      new Uint8Array(0), new Date('2024-03-01T00:00:00Z'), '00:00:00', new Date('1969-12-31T23:59:59.999Z'),
      '1970-01-01 00:00:00+05', '-1 days -00:00:00.000001', '00000000-0000-0000-0000-000000000000', [], [], []],
    expected: {
      id: 3, b: false, i8: 0, i16: 1, i32: 2, i64: 9007199254740991n, u8: 0, u16: 0, u32: 0, u64: 0n,
      f32: -Infinity, f64: NaN, dec: '2.5000', txt: '', js: [1, 'two'], bin: new Uint8Array(0),
      d: new Date('2024-03-01T00:00:00Z'), t: '00:00:00', ts: new Date('1969-12-31T23:59:59.999Z'),
      tz: new Date('1969-12-31T19:00:00Z'), iv: { months: 0, days: -1, nanoseconds: -1000n },
      u: '00000000-0000-0000-0000-000000000000', ia: [], ta: [], na: [],
    },
  },
];

describe('types', { skip: needsServer }, () => {
  let client;
  const table = uniqueName('all_types');

  before(async () => {
    client = await connectClient();
    await client.createTable(table, COLUMNS.map(([name, type]) => ({ name, type, nullable: name !== 'id' })));
  });

  after(() => client.close());

  test('INSERT with parameters of every JS type, read back', async () => {
    for (const { params } of ROWS) {
      const result = await client.query(`INSERT INTO ${table} (${NAMES.join(', ')}) VALUES (${INSERT_PARAMS})`, params);
      assert.equal(result.command, 'INSERT 0 1');
      assert.equal(result.rowsAffected, 1);
    }
    const result = await client.query(`SELECT * FROM ${table} ORDER BY id`);
    assert.deepEqual(result.columns, COLUMNS.map(([name, type]) => ({ name, type })));
    assert.equal(result.rows.length, ROWS.length);
    result.rows.forEach((row, i) => {
      const expected = ROWS[i].expected;
      // JSON comes back as its text; compare what it means.
      assert.deepEqual({ ...row, js: row.js === null ? null : JSON.parse(row.js) }, expected, `row ${row.id}`);
    });
  });

  test('parameters select back as the same value', async () => {
    const values = [null, true, 42, -42, 0.25, 9007199254740993n, 'x', new Date('2001-02-03T04:05:06.007Z'),
      new Uint8Array([9, 8]), [1, 2], ['a', 'b'], { k: 'v' }];
    const sql = values.map((_, i) => `$${i + 1} AS c${i}`).join(', ');
    const [row] = (await client.query(`SELECT ${sql}`, values)).rows;
    assert.deepEqual(Object.values(row).slice(0, 11), values.slice(0, 11));
    assert.equal(row.c11, '{"k":"v"}');
  });

  test('infinities and extremes do not throw', async () => {
    const { rows } = await client.query(`SELECT
        'infinity'::timestamp AS ts_inf, '-infinity'::timestamp AS ts_ninf,
        'infinity'::timestamptz AS tz_inf, '-infinity'::timestamptz AS tz_ninf,
        'infinity'::date AS d_inf, '-infinity'::date AS d_ninf,
        '0001-01-01 00:00:00'::timestamp AS ts_min, '200000-01-01 00:00:00+00'::timestamptz AS tz_far,
        '280000-01-01 00:00:00'::timestamp AS ts_beyond_js,
        '24:00:00'::time AS t_max, '12:00:00.5'::time AS t_half,
        '178000000 years'::interval AS iv_big,
        99999999999999999999999999999999999999::decimal(38,0) AS dec_max,
        -0.00000000000000000000000000000000000001::decimal(38,38) AS dec_tiny,
        'NaN'::real AS f_nan, '-0'::double precision AS f_negzero`);
    const row = rows[0];
    assert.equal(row.ts_inf, Infinity);
    assert.equal(row.ts_ninf, -Infinity);
    assert.equal(row.tz_inf, Infinity);
    assert.equal(row.tz_ninf, -Infinity);
    assert.equal(row.d_inf, Infinity);
    assert.equal(row.d_ninf, -Infinity);
    assert.deepEqual(row.ts_min, new Date('0001-01-01T00:00:00Z'));
    assert.deepEqual(row.tz_far, new Date('+200000-01-01T00:00:00Z'));
    assert.ok(Number.isNaN(row.ts_beyond_js.getTime()), 'a Date cannot hold the year 280000');
    assert.equal(row.t_max, '24:00:00');
    assert.equal(row.t_half, '12:00:00.5');
    assert.deepEqual(row.iv_big, { months: 178000000 * 12, days: 0, nanoseconds: 0n });
    assert.equal(row.dec_max, '99999999999999999999999999999999999999');
    assert.equal(row.dec_tiny, '-0.00000000000000000000000000000000000001');
    assert.ok(Number.isNaN(row.f_nan));
    assert.ok(Object.is(row.f_negzero, -0));
  });

  test('TIME, DECIMAL and UUID text match the server\'s own text output', async () => {
    const { rows } = await client.query(`SELECT t, t::text AS t_text, dec, dec::text AS dec_text, u, u::text AS u_text
      FROM ${table} WHERE t IS NOT NULL`);
    for (const row of rows) {
      assert.equal(row.t, row.t_text);
      assert.equal(row.dec, row.dec_text);
      assert.equal(row.u, row.u_text);
    }
  });

  test('the Arrow table is there too', async () => {
    const result = await client.query(`SELECT id, i64 FROM ${table} ORDER BY id`);
    assert.equal(result.table.numRows, 3);
    assert.deepEqual(result.table.schema.fields.map((f) => f.name), ['id', 'i64']);
    const arrow = await client.queryArrow(`SELECT id FROM ${table} ORDER BY id`);
    assert.deepEqual([...arrow.getChild('id')], [1, 2, 3]);
  });

  test('a statement without rows', async () => {
    const result = await client.query(`UPDATE ${table} SET b = NOT b WHERE id = $1`, [1]);
    assert.equal(result.command, 'UPDATE 1');
    assert.equal(result.rowsAffected, 1);
    assert.deepEqual(result.rows, []);
    assert.deepEqual(result.columns, []);
    assert.equal(result.table, null);
    assert.equal((await client.queryArrow(`UPDATE ${table} SET b = NOT b WHERE id = 1`)).numRows, 0);
    const empty = await client.query(`SELECT id FROM ${table} WHERE id < 0`);
    assert.equal(empty.command, 'SELECT 0');
    assert.deepEqual(empty.rows, []);
    assert.deepEqual(empty.columns, [{ name: 'id', type: 'INTEGER' }]);
  });
});
