// Transactions live on one connection's session: BEGIN / COMMIT / ROLLBACK through one Client.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Pool } from '../dist/index.js';
import { connectClient, connectOptions, needsServer, uniqueName } from '../test-support/server.mjs';

describe('transactions', { skip: needsServer }, () => {
  let client;
  let observer;
  const table = uniqueName('tx');

  const count = async (on) => (await on.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n;

  before(async () => {
    client = await connectClient();
    observer = await connectClient();
    await client.query(`CREATE TABLE ${table} (id INT, note TEXT)`);
  });

  after(async () => {
    await client.close();
    await observer.close();
  });

  test('COMMIT makes the rows visible to other sessions', async () => {
    assert.equal((await client.query('BEGIN')).command, 'BEGIN');
    await client.query(`INSERT INTO ${table} VALUES ($1, $2), ($3, $4)`, [1, 'a', 2, 'b']);
    assert.equal(await count(client), 2n);
    assert.equal(await count(observer), 0n, 'not visible before COMMIT');
    assert.equal((await client.query('COMMIT')).command, 'COMMIT');
    assert.equal(await count(observer), 2n);
  });

  test('ROLLBACK discards them', async () => {
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${table} VALUES (3, 'c')`);
    await client.query(`DELETE FROM ${table} WHERE id = 1`);
    assert.equal(await count(client), 2n);
    assert.equal((await client.query('ROLLBACK')).command, 'ROLLBACK');
    assert.deepEqual((await client.query(`SELECT id FROM ${table} ORDER BY id`)).rows, [{ id: 1 }, { id: 2 }]);
  });

  test('an error aborts the transaction until ROLLBACK (25P02)', async () => {
    await client.query('BEGIN');
    await assert.rejects(client.query('SELECT 1 / 0'), { code: '22012' });
    await assert.rejects(client.query('SELECT 1'), { code: '25P02' });
    await client.query('ROLLBACK');
    assert.deepEqual((await client.query('SELECT 1 AS ok')).rows, [{ ok: 1 }]);
  });

  test('a transaction sent without waiting between statements stays in order', async () => {
    const results = await Promise.all([
      client.query('BEGIN'),
      client.query(`INSERT INTO ${table} VALUES (10, 'x')`),
      client.query(`UPDATE ${table} SET note = 'y' WHERE id = 10`),
      client.query('COMMIT'),
    ]);
    assert.deepEqual(results.map((r) => r.command), ['BEGIN', 'INSERT 0 1', 'UPDATE 1', 'COMMIT']);
    assert.deepEqual((await observer.query(`SELECT note FROM ${table} WHERE id = 10`)).rows, [{ note: 'y' }]);
  });

  test('Pool.withClient keeps a transaction on one connection', async () => {
    const pool = new Pool({ ...connectOptions(), max: 2 });
    try {
      await pool.withClient(async (tx) => {
        await tx.query('BEGIN');
        await tx.query(`INSERT INTO ${table} VALUES (20, 'pool')`);
        await tx.query('COMMIT');
      });
      await assert.rejects(pool.withClient(async (tx) => {
        await tx.query('BEGIN');
        await tx.query(`INSERT INTO ${table} VALUES (21, 'lost')`);
        throw new Error('changed my mind');
      }), /changed my mind/);
      const { rows } = await pool.query(`SELECT id FROM ${table} WHERE id >= 20 ORDER BY id`);
      assert.deepEqual(rows, [{ id: 20 }]);
    } finally {
      await pool.end();
    }
  });
});
