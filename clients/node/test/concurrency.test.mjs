// Concurrent calls on one Client are queued and answered in order; a Pool spreads them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Pool } from '../dist/index.js';
import { connectClient, connectOptions, needsServer, uniqueName } from '../test-support/server.mjs';

describe('concurrency', { skip: needsServer }, () => {
  let client;

  before(async () => {
    client = await connectClient();
  });

  after(() => client.close());

  test('many concurrent queries on one client each get their own answer', async () => {
    const count = 100;
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) => client.query('SELECT $1::int AS i, repeat($2, $1::int) AS s', [i, 'x'])),
    );
    results.forEach((result, i) => assert.deepEqual(result.rows, [{ i, s: 'x'.repeat(i) }]));
  });

  test('mixed operations, slow and fast, errors included, stay in order', async () => {
    const table = uniqueName('mixed');
    const calls = [
      client.createTable(table, [{ name: 'g', type: 'INTEGER' }]),
      client.query(`INSERT INTO ${table} SELECT g FROM generate_series(1, 50000) g`),
      client.query('SELECT * FROM missing_table').catch((error) => error.code),
      client.ingestCsv(table, '0\n'),
      client.queryArrow(`SELECT count(*) AS n FROM ${table}`),
      client.explain('SELECT 1'),
      client.query('SELECT 1 / 0').catch((error) => error.code),
      client.clusterStatus(),
      client.query(`SELECT max(g) AS m FROM ${table}`),
    ];
    const [created, inserted, missing, copied, counted, plan, divided, status, max] = await Promise.all(calls);
    assert.equal(created, undefined);
    assert.equal(inserted.rowsAffected, 50000);
    assert.equal(missing, '42P01');
    assert.equal(copied.rowsAffected, 1);
    assert.equal(counted.getChild('n').get(0), 50001n);
    assert.equal(typeof plan, 'string');
    assert.equal(divided, '22012');
    assert.equal(status.mode, 'standalone');
    assert.deepEqual(max.rows, [{ m: 50000 }]);
  });

  test('streams interleaved with queries', async () => {
    const first = client.queryStream('SELECT g FROM generate_series(1, 30000) g');
    const middle = client.query('SELECT 7 AS seven');
    const second = client.queryStream('SELECT g FROM generate_series(1, 20000) g');
    const total = async (stream) => {
      let rows = 0;
      for await (const batch of stream) rows += batch.numRows;
      return rows;
    };
    assert.equal(await total(first), 30000);
    assert.deepEqual((await middle).rows, [{ seven: 7 }]);
    assert.equal(await total(second), 20000);
  });

  test('a pool serves every caller', async () => {
    const pool = new Pool({ ...connectOptions(), max: 3 });
    try {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => pool.query('SELECT $1::int AS i', [i])));
      results.forEach((result, i) => assert.deepEqual(result.rows, [{ i }]));
      assert.equal((await pool.queryArrow('SELECT 1 AS one')).numRows, 1);
    } finally {
      await pool.end();
    }
    await assert.rejects(pool.query('SELECT 1'), { code: '08003' });
  });

  test('a pool of one makes the next caller wait for the client', async () => {
    const pool = new Pool({ ...connectOptions(), max: 1 });
    let letGo;
    try {
      const events = [];
      const holding = new Promise((resolve) => (letGo = resolve));
      const first = pool.withClient(async (c) => {
        events.push('first starts');
        await holding;
        await c.query('SELECT 1');
        events.push('first ends');
        return c;
      });
      const second = pool.withClient(async (c) => {
        events.push('second starts');
        return c;
      });
      // The first caller holds the client once it has connected (a TLS handshake to a busy
      // server can take a while); the second must still be waiting some time after that.
      for (let waited = 0; events.length === 0 && waited < 10000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(events, ['first starts']);
      letGo();
      const [a, b] = await Promise.all([first, second]);
      assert.deepEqual(events, ['first starts', 'first ends', 'second starts']);
      assert.equal(a, b, 'the same connection, handed on');
    } finally {
      // A failed assertion must not leave the first caller holding the client forever.
      letGo?.();
      await pool.end();
    }
  });
});
