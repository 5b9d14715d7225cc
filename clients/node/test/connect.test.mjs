// Connecting, logging in, the starting database, cluster status and closing, against a server.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { BoyoError, connect } from '../dist/index.js';
import { connectClient, connectOptions, needsServer, uniqueName } from '../test-support/server.mjs';

describe('connect', { skip: needsServer }, () => {
  let admin;
  const user = uniqueName('login_user');
  const password = 'Right-pass-42x';

  before(async () => {
    admin = await connectClient();
    // A user of its own, so wrong passwords never lock out the admin the other tests use.
    await admin.query(`CREATE USER ${user} WITH PASSWORD '${password}'`);
  });

  after(() => admin.close());

  test('logs in and answers', async () => {
    const client = await connectClient();
    assert.equal(client.user, 'admin');
    assert.equal(client.superuser, true);
    assert.equal(client.isOpen, true);
    const result = await client.query('SELECT 1 AS one');
    assert.deepEqual(result.rows, [{ one: 1 }]);
    await client.close();
    assert.equal(client.isOpen, false);
  });

  test('a wrong password is 28P01', async () => {
    await assert.rejects(connect(connectOptions({ user, password: 'Wrong-pass-42x' })), (error) => {
      assert.ok(error instanceof BoyoError);
      assert.equal(error.code, '28P01');
      assert.equal(error.message, `password authentication failed for user "${user}"`);
      return true;
    });
    const client = await connect(connectOptions({ user, password }));
    assert.equal(client.user, user);
    assert.equal(client.superuser, false);
    await client.close();
  });

  test('an unknown user is 28P01 too', async () => {
    await assert.rejects(connect(connectOptions({ user: uniqueName('nobody'), password: 'Whatever-42x' })), { code: '28P01' });
  });

  test('the database option sets where unqualified names resolve', async () => {
    const database = uniqueName('db');
    await admin.createDatabase(database);
    await admin.createDatabase(database, { ifNotExists: true });
    await assert.rejects(admin.createDatabase(database), { code: '42P04' });
    await admin.query(`CREATE TABLE ${database}.here (x INT); INSERT INTO ${database}.here VALUES (7)`);
    const client = await connectClient({ database });
    assert.deepEqual((await client.query('SELECT current_schema() AS s, x FROM here')).rows, [{ s: database, x: 7 }]);
    await client.close();
    await assert.rejects(connectClient({ database: uniqueName('missing') }), { code: '3F000' });
  });

  test('cluster status of a standalone server', async () => {
    const status = await admin.clusterStatus();
    assert.equal(status.mode, 'standalone');
    assert.equal(typeof status.version, 'string');
    assert.equal(status.nodes.length, 1);
    assert.equal(status.nodes[0].role, 'leader');
    assert.equal(status.nodes[0].healthy, true);
  });

  test('requests after close fail with 08003; waiting ones too', async () => {
    const client = await connectClient();
    const waiting = assert.rejects(client.query('SELECT count(*) FROM generate_series(1, 100000)'), { code: '08003' });
    await client.close();
    await waiting;
    await assert.rejects(client.query('SELECT 1'), { code: '08003' });
    const stream = client.queryStream('SELECT 1');
    await assert.rejects(stream.next(), { code: '08003' });
  });

  test('nothing listening is 08006', async () => {
    const server = net.createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    await assert.rejects(connect({ host: '127.0.0.1', port, user: 'u', password: 'p' }), { code: '08006' });
  });
});
