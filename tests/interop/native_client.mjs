// Usage: node native_client.mjs HOST PORT USER PASSWORD
// A client of boyodb-server's native protocol (docs/formats/native_protocol.md) written only
// from the protocol's description, with apache-arrow writing what it ingests and reading what
// it gets back. It runs one scenario and prints one JSON object describing what it saw, which
// tests/server/native_server_test.cc checks:
//   login; create_table; ingest_ipc of an apache-arrow IPC stream (base64) and of an IPC file (binary
//   frame); ingest_csv; a query answered in base64 and one answered in binary frames; an error.
import net from 'node:net';
import { Float64, Int64, Utf8, makeTable, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { renderTable } from './render.mjs';

const [host, port, user, password] = [process.argv[2], Number(process.argv[3]), process.argv[4], process.argv[5]];
if (!host || !port || !user) {
  console.error('usage: node native_client.mjs HOST PORT USER PASSWORD');
  process.exit(2);
}

// Frames in, frames out: a queue of payloads read from the socket.
class FrameSocket {
  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.frames = [];
    this.waiters = [];
    socket.on('data', (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      while (this.buffer.length >= 4) {
        const length = this.buffer.readUInt32BE(0);
        if (this.buffer.length < 4 + length) break;
        this.frames.push(this.buffer.subarray(4, 4 + length));
        this.buffer = this.buffer.subarray(4 + length);
      }
      while (this.frames.length > 0 && this.waiters.length > 0) this.waiters.shift()(this.frames.shift());
    });
  }
  send(payload) {
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length, 0);
    this.socket.write(Buffer.concat([header, body]));
  }
  next() {
    if (this.frames.length > 0) return Promise.resolve(this.frames.shift());
    return new Promise((resolve) => this.waiters.push(resolve));
  }
  async request(object) {
    this.send(JSON.stringify(object));
    return JSON.parse((await this.next()).toString('utf8'));
  }
}

const socket = net.createConnection({ host, port });
await new Promise((resolve, reject) => {
  socket.once('connect', resolve);
  socket.once('error', reject);
});
const client = new FrameSocket(socket);
const out = {};

out.login = await client.request({ op: 'login', user, password });

out.create = await client.request({
  op: 'create_table', id: 'c1', table: 'events',
  columns: [
    { name: 'id', type: 'BIGINT', nullable: false },
    { name: 'name', type: 'TEXT' },
    { name: 'score', type: 'DOUBLE PRECISION' },
  ],
});

const batch = (ids, names, scores) => makeTable({
  id: vectorFromArray(ids.map(BigInt), new Int64()),
  name: vectorFromArray(names, new Utf8()),
  score: vectorFromArray(scores, new Float64()),
});

const stream = tableToIPC(batch([1, 2, 3], ['one', null, 'three'], [1.5, 2.5, null]), 'stream');
out.ingest_base64 = await client.request({
  op: 'ingest_ipc', table: 'events', ipc_base64: Buffer.from(stream).toString('base64'),
});

const file = tableToIPC(batch([4, 5], ['four', 'five'], [4.25, -5]), 'file');
client.send(JSON.stringify({ op: 'ingest_ipc', table: 'events', binary: true }));
client.send(file);
out.ingest_binary = JSON.parse((await client.next()).toString('utf8'));

out.ingest_csv = await client.request({
  op: 'ingest_csv', table: 'events', csv: 'id;name;score\n6;six;6.5\n7;;\n', header: true, delimiter: ';',
});

const answer = await client.request({ op: 'query', id: 42, sql: 'SELECT id, name, score FROM events ORDER BY id' });
out.query_base64 = {
  status: answer.status, id: answer.id, command: answer.command, rows: answer.rows, columns: answer.columns,
  table: renderTable(tableFromIPC(Buffer.from(answer.ipc_base64, 'base64'))),
};

client.send(JSON.stringify({
  op: 'query', binary: true,
  sql: "SELECT g, g % 7 AS m, 'x' || g AS s FROM generate_series(1, 100000) AS t(g)",
}));
const header = JSON.parse((await client.next()).toString('utf8'));
const pieces = [];
for (;;) {
  const piece = await client.next();
  if (piece.length === 0) break;
  pieces.push(piece);
}
const big = tableFromIPC(Buffer.concat(pieces));
let sum = 0n;
let sevens = 0;
for (const row of big) {
  sum += BigInt(row.g);
  if (row.m === 0n || row.m === 0) sevens += 1;
}
out.query_binary = {
  status: header.status, binary: header.binary, rows: header.rows, frames: pieces.length,
  num_rows: big.numRows, num_batches: big.batches.length, sum: String(sum), sevens,
  last_s: String(big.get(big.numRows - 1).s),
};

out.error = await client.request({ op: 'query', id: 'e', sql: 'SELECT * FROM missing_table' });

socket.end();
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(0);
