// Error responses: SQLSTATE, position and context, and the client going on after them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BoyoError } from '../dist/index.js';
import { connectClient, needsServer, uniqueName } from '../test-support/server.mjs';

describe('errors', { skip: needsServer }, () => {
  let client;

  before(async () => {
    client = await connectClient();
  });

  after(() => client.close());

  test('an undefined table: 42P01 pointing at the name', async () => {
    const sql = 'SELECT * FROM missing_table';
    await assert.rejects(client.query(sql), (error) => {
      assert.ok(error instanceof BoyoError);
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'BoyoError');
      assert.equal(error.code, '42P01');
      assert.equal(error.message, 'relation "missing_table" does not exist');
      assert.equal(error.position, sql.indexOf('missing_table') + 1);
      assert.equal(error.context, undefined);
      return true;
    });
  });

  test('a syntax error: 42601 with its position', async () => {
    const sql = 'SELECT 1 2';
    await assert.rejects(client.query(sql), { code: '42601', position: sql.indexOf('2') + 1 });
  });

  test('errors without a position', async () => {
    await assert.rejects(client.query('SELECT 1 / 0'), { code: '22012', message: 'division by zero', position: undefined });
  });

  test('positions count characters, not bytes', async () => {
    const sql = "SELECT 'ü😀' AS x, * FROM missing_table";
    await assert.rejects(client.query(sql), { code: '42P01', position: [...sql].indexOf('m') + 1 });
  });

  test('constraint violations: 23505', async () => {
    const table = uniqueName('uniq');
    await client.query(`CREATE TABLE ${table} (id INT PRIMARY KEY)`);
    await client.query(`INSERT INTO ${table} VALUES ($1)`, [1]);
    await assert.rejects(client.query(`INSERT INTO ${table} VALUES ($1)`, [1]), { code: '23505' });
  });

  test('several statements stop at the first error; the client goes on', async () => {
    const table = uniqueName('multi');
    await assert.rejects(
      client.query(`CREATE TABLE ${table} (x INT); INSERT INTO ${table} VALUES (1); SELECT 1 / 0; INSERT INTO ${table} VALUES (2)`),
      { code: '22012' },
    );
    assert.deepEqual((await client.query(`SELECT x FROM ${table}`)).rows, [{ x: 1 }]);
  });

  test('explain: the plan, or the error', async () => {
    const plan = await client.explain('SELECT $1::int + 1 AS x', [41]);
    assert.equal(typeof plan, 'string');
    assert.ok(plan.length > 0);
    await assert.rejects(client.explain('SELECT * FROM missing_table'), { code: '42P01', position: 15 });
  });

  test('parameter errors are raised before anything is sent', async () => {
    await assert.rejects(client.query('SELECT $2', [1]), { code: '42P02', position: 8 });
    await assert.rejects(client.query('SELECT $1', ['a\u0000b']), { code: '22021' });
    await assert.rejects(client.query('SELECT $1', [new Map()]), TypeError);
    // Without parameters the text goes to the server as is.
    await assert.rejects(client.query('SELECT $1'), { code: '42P02', position: 8 });
    assert.deepEqual((await client.query('SELECT 1 AS ok')).rows, [{ ok: 1 }]);
  });
});
