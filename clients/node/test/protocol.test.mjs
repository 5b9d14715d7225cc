// Protocol situations a healthy server rarely produces, against a scripted fake server: an
// error frame in the middle of a binary result, a server that never answers, one that hangs
// up mid-response, and frames nobody asked for.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import { Int32, Table, tableToIPC, vectorFromArray } from 'apache-arrow';
import { connect } from '../dist/index.js';
import { FrameDecoder, frameHeader } from '../dist/frames.js';

const json = (value) => Buffer.from(JSON.stringify(value));
const frame = (payload) => Buffer.concat([frameHeader(payload.length), payload]);

/** The IPC stream of a small table cut as the server cuts it: schema + batch, then end marker. */
function ipcFrames() {
  const bytes = Buffer.from(tableToIPC(new Table({ x: vectorFromArray([1, 2, 3], new Int32()) }), 'stream'));
  return [bytes.subarray(0, bytes.length - 8), bytes.subarray(bytes.length - 8)];
}

const HEADER = { status: 'ok', binary: true, command: 'SELECT 3', rows: 3, columns: [{ name: 'x', type: 'INTEGER' }] };

/**
 * A server that logs every connection in and then answers the n-th query with
 * script[n](socket), which writes raw bytes (or nothing).
 */
async function fakeServer(script) {
  const sockets = new Set();
  const requests = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const decoder = new FrameDecoder();
    socket.on('data', (chunk) => {
      for (const payload of decoder.push(chunk)) {
        const request = JSON.parse(Buffer.from(payload).toString());
        requests.push(request);
        if (request.op === 'login') socket.write(frame(json({ status: 'ok', user: request.user, superuser: false })));
        else script[requests.filter((r) => r.op !== 'login').length - 1]?.(socket);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('protocol edge cases', () => {
  const servers = [];
  const start = async (script) => {
    const server = await fakeServer(script);
    servers.push(server);
    const client = await connect({ host: '127.0.0.1', port: server.port, user: 'u', password: 'p', timeoutMs: 2000 });
    return { server, client };
  };

  after(() => Promise.all(servers.map((s) => s.close())));

  test('a JSON error frame ends a binary result, and the connection goes on', async () => {
    const [data] = ipcFrames();
    const failing = (socket) => socket.write(Buffer.concat([
      frame(json(HEADER)), frame(data), frame(json({ status: 'error', code: 'XX000', message: 'encoding failed' })),
    ]));
    const ok = (socket) => socket.write(frame(json({ status: 'ok', command: 'SET' })));
    const { client } = await start([failing, failing, ok]);

    await assert.rejects(client.query('SELECT x'), { code: 'XX000', message: 'encoding failed' });
    let rows = 0;
    await assert.rejects(async () => {
      for await (const batch of client.queryStream('SELECT x')) rows += batch.numRows;
    }, { code: 'XX000' });
    assert.ok(rows === 0 || rows === 3);
    assert.equal((await client.query('SET x = 1')).command, 'SET');
    await client.close();
  });

  test('a binary result cut into frames is put back together', async () => {
    const [data, end] = ipcFrames();
    const answer = (socket) => {
      // Written a byte at a time, so frames arrive split anywhere.
      const bytes = Buffer.concat([frame(json(HEADER)), frame(data), frame(end), frame(Buffer.alloc(0))]);
      for (let i = 0; i < bytes.length; ++i) socket.write(bytes.subarray(i, i + 1));
    };
    const { client } = await start([answer, answer]);
    assert.deepEqual((await client.query('SELECT x')).rows, [{ x: 1 }, { x: 2 }, { x: 3 }]);
    let rows = 0;
    for await (const batch of client.queryStream('SELECT x')) rows += batch.numRows;
    assert.equal(rows, 3);
    await client.close();
  });

  test('requests are pipelined, answers matched in order', async () => {
    const replies = [];
    const answerAll = () => {
      // Answer only once all three requests are in, then in order.
      if (replies.length === 3) for (const [socket, value] of replies) socket.write(frame(json({ status: 'ok', command: value })));
    };
    const script = ['A', 'B', 'C'].map((value) => (socket) => {
      replies.push([socket, value]);
      answerAll();
    });
    const { client } = await start(script);
    const results = await Promise.all([client.query('a'), client.query('b'), client.query('c')]);
    assert.deepEqual(results.map((r) => r.command), ['A', 'B', 'C']);
    await client.close();
  });

  test('no answer within timeoutMs: 57014 and the connection is closed', async () => {
    const { client } = await start([() => {}]);
    const started = Date.now();
    await assert.rejects(client.query('SELECT pg_sleep(100)'), { code: '57014' });
    assert.ok(Date.now() - started >= 1900);
    assert.equal(client.isOpen, false);
    await assert.rejects(client.query('SELECT 1'), { code: '08003' });
  });

  test('the server hanging up mid-response: 08006 for everything waiting', async () => {
    const [data] = ipcFrames();
    const { client } = await start([(socket) => {
      socket.write(Buffer.concat([frame(json(HEADER)), frame(data)]));
      socket.end();
    }]);
    const first = client.query('SELECT x');
    const second = client.query('SELECT 2');
    await assert.rejects(first, { code: '08006' });
    await assert.rejects(second, { code: '08006' });
  });

  test('a response that is not JSON, or a frame nobody asked for: 08P01', async () => {
    const notJson = (socket) => socket.write(frame(Buffer.from('not json')));
    const twoAnswers = (socket) => socket.write(Buffer.concat([frame(json({ status: 'ok', command: 'SET' })), frame(json({ status: 'ok' }))]));
    const { client } = await start([notJson, twoAnswers]);
    await assert.rejects(client.query('SELECT 1'), { code: '08P01' });
    // The connection survives a bad response (it was whole), but not an unsolicited frame.
    assert.equal((await client.query('SET x = 1')).command, 'SET');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(client.isOpen, false);
    await assert.rejects(client.query('SELECT 1'), (error) => error.code === '08003' && error.cause.code === '08P01');
  });
});
