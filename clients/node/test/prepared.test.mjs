// Server-side prepared statements (the native protocol's prepare, execute and deallocate),
// against a server: parameter types, values of every common type, many executions, the result
// forms, and errors that leave the client usable.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Table } from 'apache-arrow';
import { BoyoError, Pool, PreparedStatement, batchRows } from '../dist/index.js';
import { connectClient, connectOptions, needsServer, uniqueName } from '../test-support/server.mjs';

const TEXT = `it's "quoted" \\ $1 -- /* ü 😀`;
const UUID = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
const BEYOND_DOUBLES = 9007199254740993n; // 2^53 + 1: a double cannot hold it

describe('prepared statements', { skip: needsServer }, () => {
  let client;

  before(async () => {
    client = await connectClient();
  });

  after(() => client.close());

  /** Whether the client is still in step: a plain query gets its own answer. */
  async function assertUsable() {
    assert.deepEqual((await client.query('SELECT $1::int AS n', [7])).rows, [{ n: 7 }]);
  }

  test('parameter types inferred from use', async () => {
    const statement = await client.prepare('SELECT $1::text AS a, $2 + 1 AS b');
    assert.ok(statement instanceof PreparedStatement);
    assert.deepEqual(statement.parameterTypes, ['TEXT', 'INTEGER']);
    assert.deepEqual(statement.columns, [{ name: 'a', type: 'TEXT' }, { name: 'b', type: 'INTEGER' }]);
    assert.equal(statement.sql, 'SELECT $1::text AS a, $2 + 1 AS b');
    const result = await statement.execute(['x', 5]);
    assert.equal(result.command, 'SELECT 1');
    assert.deepEqual(result.columns, [{ name: 'a', type: 'TEXT' }, { name: 'b', type: 'INTEGER' }]);
    assert.deepEqual(result.rows, [{ a: 'x', b: 6 }]);
    assert.ok(result.table instanceof Table);
    assert.equal(result.rowsAffected, null);
    assert.equal(typeof result.executionTimeMs, 'number');
    await statement.close();
  });

  test('parameter types declared; null and missing entries are inferred', async () => {
    const statement = await client.prepare('SELECT $1 AS v, $2 AS d, $3::text AS t, $4 || \'!\' AS s', [
      'BIGINT', 'decimal(10,2)', null,
    ]);
    assert.deepEqual(statement.parameterTypes, ['BIGINT', 'DECIMAL(10,2)', 'TEXT', 'TEXT']);
    assert.deepEqual(statement.columns, [
      { name: 'v', type: 'BIGINT' }, { name: 'd', type: 'DECIMAL(10,2)' }, { name: 't', type: 'TEXT' },
      { name: 's', type: 'TEXT' },
    ]);
    assert.deepEqual((await statement.execute([BEYOND_DOUBLES, '1.5', 'x', 'y'])).rows, [
      { v: BEYOND_DOUBLES, d: '1.50', t: 'x', s: 'y!' },
    ]);
    await statement.close();
  });

  test('a statement without rows has null columns', async () => {
    const table = uniqueName('prep_ddl');
    const create = await client.prepare(`CREATE TABLE ${table} (x INT)`);
    assert.deepEqual(create.parameterTypes, []);
    assert.equal(create.columns, null);
    const result = await create.execute();
    assert.equal(result.command, 'CREATE TABLE');
    assert.deepEqual(result.rows, []);
    assert.equal(result.table, null);
    await create.close();
    assert.deepEqual((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows, [{ n: 0n }]);
  });

  test('every common type round-trips as a parameter', async () => {
    const cases = [
      ['INTEGER', 42, 42],
      ['INTEGER', -2147483648, -2147483648],
      ['BIGINT', BEYOND_DOUBLES, BEYOND_DOUBLES],
      ['BIGINT', -9223372036854775808n, -9223372036854775808n],
      ['BIGINT', Number.MAX_SAFE_INTEGER, 9007199254740991n],
      ['DOUBLE PRECISION', 0.1, 0.1],
      ['DOUBLE PRECISION', -2.5e-300, -2.5e-300],
      ['DOUBLE PRECISION', NaN, NaN],
      ['DOUBLE PRECISION', -Infinity, -Infinity],
      ['DOUBLE PRECISION', -0, -0],
      ['DECIMAL(20,3)', '12345678901234567.125', '12345678901234567.125'],
      ['DECIMAL(20,3)', 2.5, '2.500'],
      ['TEXT', TEXT, TEXT],
      ['TEXT', '', ''],
      ['TEXT', 12n, '12'],
      ['BYTEA', Buffer.from([0, 1, 0xab, 0xff]), new Uint8Array([0, 1, 0xab, 0xff])],
      ['BYTEA', new Uint8Array(0), new Uint8Array(0)],
      ['BOOLEAN', true, true],
      ['BOOLEAN', false, false],
      ['TIMESTAMPTZ', new Date('2024-02-29T12:34:56.789Z'), new Date('2024-02-29T12:34:56.789Z')],
      ['TIMESTAMP', new Date('1969-12-31T23:59:59.999Z'), new Date('1969-12-31T23:59:59.999Z')],
      ['DATE', new Date('2024-03-01T00:00:00Z'), new Date('2024-03-01T00:00:00Z')],
      ['DATE', '2024-02-29', new Date('2024-02-29T00:00:00Z')],
      ['UUID', UUID.toUpperCase(), UUID],
      ['JSON', { a: [1, 'x'], b: null }, '{"a":[1,"x"],"b":null}'],
      ['INTEGER[]', [1, null, -3], [1, null, -3]],
      ['TEXT[]', ['a', 'b c', null, 'NULL', 'q"\\', '{,}', ''], ['a', 'b c', null, 'NULL', 'q"\\', '{,}', '']],
      ['INTEGER[]', [], []],
    ];
    for (const [type, value, expected] of cases) {
      const statement = await client.prepare('SELECT $1 AS v', [type]);
      assert.deepEqual(statement.columns, [{ name: 'v', type }]);
      const { rows } = await statement.execute([value]);
      assert.deepEqual(rows, [{ v: expected }], `${type} ${String(value)}`);
      assert.deepEqual((await statement.execute([null])).rows, [{ v: null }], `${type} NULL`);
      assert.deepEqual((await statement.execute([undefined])).rows, [{ v: null }], `${type} undefined`);
      await statement.close();
    }
  });

  test('INSERT through a prepared statement, then SELECT through another', async () => {
    const table = uniqueName('prep_insert');
    await client.createTable(table, [
      { name: 'id', type: 'BIGINT', nullable: false }, { name: 'name', type: 'TEXT' },
      { name: 'amount', type: 'DECIMAL(10,2)' }, { name: 'at', type: 'TIMESTAMPTZ' }, { name: 'data', type: 'BYTEA' },
      { name: 'ok', type: 'BOOLEAN' }, { name: 'u', type: 'UUID' }, { name: 'tags', type: 'TEXT[]' },
      { name: 'score', type: 'DOUBLE PRECISION' },
    ]);
    const insert = await client.prepare(`INSERT INTO ${table} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`);
    assert.deepEqual(insert.parameterTypes, [
      'BIGINT', 'TEXT', 'DECIMAL(10,2)', 'TIMESTAMPTZ', 'BYTEA', 'BOOLEAN', 'UUID', 'TEXT[]', 'DOUBLE PRECISION',
    ]);
    assert.equal(insert.columns, null);
    const rows = [
      [1n, TEXT, '19.99', new Date('2024-05-01T09:30:00Z'), Buffer.from('hi'), true, UUID, ['new', 'x,y'], 0.5],
      [BEYOND_DOUBLES, null, -3, new Date(0), Buffer.alloc(0), false, null, [], -Infinity],
      [3, "O'Brien", null, null, null, null, '00000000-0000-0000-0000-000000000000', null, null],
    ];
    for (const row of rows) {
      const result = await insert.execute(row);
      assert.equal(result.command, 'INSERT 0 1');
      assert.equal(result.rowsAffected, 1);
    }
    await insert.close();

    const select = await client.prepare(`SELECT * FROM ${table} WHERE id >= $1 ORDER BY id`);
    assert.deepEqual(select.parameterTypes, ['BIGINT']);
    const { rows: read } = await select.execute([0]);
    assert.deepEqual(read, [
      { id: 1n, name: TEXT, amount: '19.99', at: new Date('2024-05-01T09:30:00Z'), data: new Uint8Array(Buffer.from('hi')),
        ok: true, u: UUID, tags: ['new', 'x,y'], score: 0.5 },
      { id: 3n, name: "O'Brien", amount: null, at: null, data: null, ok: null,
        u: '00000000-0000-0000-0000-000000000000', tags: null, score: null },
      { id: BEYOND_DOUBLES, name: null, amount: '-3.00', at: new Date(0), data: new Uint8Array(0), ok: false, u: null,
        tags: [], score: -Infinity },
    ]);
    assert.deepEqual((await select.execute([BEYOND_DOUBLES])).rows.map((row) => row.id), [BEYOND_DOUBLES]);
    await select.close();
  });

  test('one statement executed many times, one after another and all at once', async () => {
    const statement = await client.prepare('SELECT $1::int * 2 AS doubled, repeat($2, $1::int) AS s');
    for (let i = 0; i < 100; i += 1) {
      assert.deepEqual((await statement.execute([i, 'ab'])).rows, [{ doubled: 2 * i, s: 'ab'.repeat(i) }]);
    }
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => statement.execute([i, 'x'])));
    results.forEach((result, i) => assert.deepEqual(result.rows, [{ doubled: 2 * i, s: 'x'.repeat(i) }]));
    await statement.close();
  });

  test('results as an Arrow table and as a stream of batches', async () => {
    const statement = await client.prepare('SELECT g, $2 || g AS label FROM generate_series(1, $1) AS s(g)', ['INTEGER']);
    const table = await statement.executeArrow([3, 'row ']);
    assert.equal(table.numRows, 3);
    assert.deepEqual([...table.getChild('label')], ['row 1', 'row 2', 'row 3']);

    const count = 200_000;
    const stream = statement.executeStream([count, '']);
    const header = await stream.header;
    assert.equal(header.command, `SELECT ${count}`);
    assert.equal(header.rowCount, count);
    let rows = 0;
    let batches = 0;
    let last = null;
    for await (const batch of stream) {
      rows += batch.numRows;
      batches += 1;
      last = batch;
    }
    assert.equal(rows, count);
    assert.ok(batches > 1, `expected several batches, got ${batches}`);
    assert.deepEqual(batchRows(last).at(-1), { g: count, label: String(count) });

    // Leaving a stream early keeps the connection in step.
    for await (const batch of statement.executeStream([count, ''])) {
      assert.ok(batch.numRows > 0);
      break;
    }
    await assertUsable();

    const filtered = await client.prepare('SELECT 1 AS x WHERE $1');
    assert.equal((await filtered.executeArrow([false])).numRows, 0);
    await filtered.close();
    await statement.close();
  });

  test('statements get names of their own, and one SQL text can be prepared twice', async () => {
    const first = await client.prepare('SELECT $1::int AS n');
    const second = await client.prepare('SELECT $1::int AS n');
    assert.notEqual(first.name, second.name);
    assert.deepEqual((await first.execute([1])).rows, [{ n: 1 }]);
    await first.close();
    assert.deepEqual((await second.execute([2])).rows, [{ n: 2 }]);
    await second.close();
  });

  test('after close: 26000 for execute; close again does nothing', async () => {
    const statement = await client.prepare('SELECT $1::int AS n');
    assert.equal(statement.isOpen, true);
    await statement.close();
    assert.equal(statement.isOpen, false);
    await assert.rejects(statement.execute([1]), (error) => {
      assert.ok(error instanceof BoyoError);
      assert.equal(error.code, '26000');
      assert.equal(error.message, `prepared statement "${statement.name}" does not exist`);
      return true;
    });
    await assert.rejects(async () => {
      for await (const batch of statement.executeStream([1])) assert.fail(`got ${batch}`);
    }, { code: '26000' });
    await statement.close();
    await assertUsable();
  });

  test('the wrong number of values: 08P01, and the statement still runs', async () => {
    const statement = await client.prepare('SELECT $1::int + $2::int AS sum');
    await assert.rejects(statement.execute([1]), (error) => {
      assert.ok(error instanceof BoyoError);
      assert.equal(error.code, '08P01');
      assert.equal(error.message, 'execute gives 1 parameters, but the prepared statement takes 2');
      return true;
    });
    await assert.rejects(statement.execute([1, 2, 3]), { code: '08P01' });
    await assert.rejects(statement.execute(), { code: '08P01' });
    await assertUsable();
    assert.deepEqual((await statement.execute([1, 2])).rows, [{ sum: 3 }]);
    await statement.close();
  });

  test('a value its type does not read: 22P02 and kin, and the client goes on', async () => {
    const statement = await client.prepare('SELECT $1 AS i, $2 AS d, $3 AS u', ['INTEGER', 'DATE', 'UUID']);
    await assert.rejects(statement.execute(['abc', '2024-01-01', UUID]), (error) => {
      assert.ok(error instanceof BoyoError);
      assert.equal(error.code, '22P02');
      assert.equal(error.message, 'parameter $1: invalid input syntax for type integer: "abc"');
      return true;
    });
    await assertUsable();
    await assert.rejects(statement.execute([1.5, '2024-01-01', UUID]), { code: '22P02' });
    await assert.rejects(statement.execute([BEYOND_DOUBLES, '2024-01-01', UUID]), { code: '22003' });
    await assert.rejects(statement.execute([1, 'not a date', UUID]), { code: '22007' });
    await assert.rejects(statement.execute([1, '2024-01-01', 'not-a-uuid']), { code: '22P02' });
    await assertUsable();
    assert.deepEqual((await statement.execute([1, '2024-01-01', UUID])).rows, [
      { i: 1, d: new Date('2024-01-01T00:00:00Z'), u: UUID },
    ]);
    await statement.close();
  });

  test('values the driver refuses are never sent', async () => {
    const statement = await client.prepare('SELECT $1::text AS t');
    await assert.rejects(statement.execute(['a\u0000b']), { code: '22021' });
    await assert.rejects(statement.execute([new Map()]), TypeError);
    await assert.rejects(statement.executeStream([Symbol('s')]).next(), TypeError);
    await assertUsable();
    assert.deepEqual((await statement.execute(['ok'])).rows, [{ t: 'ok' }]);
    await statement.close();
  });

  test('prepare errors: syntax, several statements, unknown type, a type it cannot infer', async () => {
    await assert.rejects(client.prepare('SELEC 1'), { code: '42601' });
    await assert.rejects(client.prepare('SELECT 1; SELECT 2'), {
      code: '42601', message: 'cannot insert multiple commands into a prepared statement',
    });
    await assert.rejects(client.prepare('SELECT $1', ['NOT_A_TYPE']), { code: '42704' });
    await assert.rejects(client.prepare('SELECT $2 AS a'), { code: '42P18' });
    await assert.rejects(client.prepare('SELECT * FROM missing_table WHERE x = $1'), { code: '42P01' });
    await assertUsable();
  });

  test('a statement dies with its client', async () => {
    const own = await connectClient();
    const statement = await own.prepare('SELECT $1::int AS n');
    await own.close();
    await assert.rejects(statement.execute([1]), { code: '08003' });
    await statement.close();
    await assert.rejects(own.prepare('SELECT 1'), { code: '08003' });
  });

  test('with a pool, a statement is used inside withClient', async () => {
    const pool = new Pool(connectOptions({ max: 2 }));
    try {
      const sums = await pool.withClient(async (pooled) => {
        const statement = await pooled.prepare('SELECT $1::bigint + $2::bigint AS sum');
        try {
          return await Promise.all([[1, 2], [BEYOND_DOUBLES, 1n]].map(async (pair) => (await statement.execute(pair)).rows[0].sum));
        } finally {
          await statement.close();
        }
      });
      assert.deepEqual(sums, [3n, BEYOND_DOUBLES + 1n]);
    } finally {
      await pool.end();
    }
  });
});
