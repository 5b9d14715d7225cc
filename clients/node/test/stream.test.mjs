// Streaming large results batch by batch, against a server.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { batchRows } from '../dist/index.js';
import { connectClient, needsServer } from '../test-support/server.mjs';

const ROWS = 200_000;
const BIG = `SELECT g, 'row ' || g AS label FROM generate_series(1, ${ROWS}) AS s(g)`;

describe('queryStream', { skip: needsServer }, () => {
  let client;

  before(async () => {
    client = await connectClient();
  });

  after(() => client.close());

  test(`${ROWS} rows arrive in many batches`, async () => {
    const stream = client.queryStream(BIG);
    const header = await stream.header;
    assert.equal(header.command, `SELECT ${ROWS}`);
    assert.equal(header.rowCount, ROWS);
    assert.deepEqual(header.columns, [{ name: 'g', type: 'INTEGER' }, { name: 'label', type: 'TEXT' }]);
    let rows = 0;
    let batches = 0;
    let sum = 0;
    let last = null;
    for await (const batch of stream) {
      batches += 1;
      rows += batch.numRows;
      for (const value of batch.getChild('g')) sum += value;
      last = batch;
    }
    assert.equal(rows, ROWS);
    assert.ok(batches > 10, `expected many batches, got ${batches}`);
    assert.equal(sum, (ROWS * (ROWS + 1)) / 2);
    const lastRows = batchRows(last);
    assert.deepEqual(lastRows.at(-1), { g: ROWS, label: `row ${ROWS}` });
  });

  test('a slow consumer gets every row, and later requests wait their turn', async () => {
    const stream = client.queryStream(BIG);
    const after = client.query('SELECT 2 AS two');
    let rows = 0;
    let batches = 0;
    for await (const batch of stream) {
      rows += batch.numRows;
      batches += 1;
      if (batches % 20 === 0) await sleep(20);
    }
    assert.equal(rows, ROWS);
    assert.deepEqual((await after).rows, [{ two: 2 }]);
  });

  test('leaving the loop early skips the rest and keeps the connection in step', async () => {
    const queued = client.query('SELECT 3 AS three');
    for await (const batch of client.queryStream(BIG)) {
      assert.ok(batch.numRows > 0);
      break;
    }
    assert.deepEqual((await queued).rows, [{ three: 3 }]);
    assert.deepEqual((await client.query('SELECT 4 AS four')).rows, [{ four: 4 }]);
  });

  test('return() before reading anything', async () => {
    const stream = client.queryStream(BIG);
    assert.deepEqual(await stream.return(), { value: undefined, done: true });
    assert.deepEqual(await stream.next(), { value: undefined, done: true });
    assert.deepEqual((await client.query('SELECT 5 AS five')).rows, [{ five: 5 }]);
  });

  test('a statement without rows yields no batches', async () => {
    const stream = client.queryStream('SET search_path = public');
    const batches = [];
    for await (const batch of stream) batches.push(batch);
    assert.deepEqual(batches, []);
    assert.equal((await stream.header).rowCount, null);
  });

  test('a query returning no rows yields its schema-only stream', async () => {
    let rows = 0;
    for await (const batch of client.queryStream('SELECT 1 AS x WHERE false')) rows += batch.numRows;
    assert.equal(rows, 0);
  });

  test('errors surface from the iteration with their SQLSTATE', async () => {
    await assert.rejects(async () => {
      for await (const batch of client.queryStream('SELECT * FROM no_such_table')) assert.fail(`got ${batch}`);
    }, { code: '42P01', position: 15 });
    await assert.rejects(client.queryStream('SELECT * FROM no_such_table').header, { code: '42P01' });
    await assert.rejects(async () => {
      // Fails on a row far into the result.
      for await (const batch of client.queryStream(`SELECT 1 / (g - ${ROWS - 10}) FROM generate_series(1, ${ROWS}) g`)) {
        assert.ok(batch.numRows >= 0);
      }
    }, { code: '22012' });
    assert.deepEqual((await client.query('SELECT 6 AS six')).rows, [{ six: 6 }]);
  });

  test('parameters work in streams too', async () => {
    const rows = [];
    for await (const batch of client.queryStream('SELECT $1::text AS a, $2 AS b', ["it's", 2])) rows.push(...batchRows(batch));
    assert.deepEqual(rows, [{ a: "it's", b: 2 }]);
    await assert.rejects(client.queryStream('SELECT $2', [1]).next(), { code: '42P02' });
  });
});
