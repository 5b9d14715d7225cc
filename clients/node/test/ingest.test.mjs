// Bulk loads: Arrow tables built here and CSV text, read back through queries.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  Field, FixedSizeBinary, Float64, Int32, Int64, List, Map_, RecordBatch, Schema, Struct, Table, TimeUnit, Timestamp, Uint32,
  Utf8, makeData, tableToIPC, vectorFromArray,
} from 'apache-arrow';
import { connectClient, needsServer, uniqueName } from '../test-support/server.mjs';

const extension = (name) => new Map([['ARROW:extension:name', name], ['ARROW:extension:metadata', '']]);

const IPV6 = [
  '::', '::1', '::ffff:1.2.3.4', '::1.2.3.4', '::2', '1:0:0:1::1', '1:0:1:0:1:0:1:0', 'fe80::',
  '2001:db8:0:1::', '2001:db8::1:0:0:1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
];

/** The 16 bytes of an IPv6 address written in the forms IPV6 uses. */
function ipv6Bytes(text) {
  let [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const groups = (part) => (part ? part.split(':') : []);
  const expand = (list) => list.flatMap((g) => {
    if (!g.includes('.')) return [parseInt(g, 16)];
    const [a, b, c, d] = g.split('.').map(Number);
    return [(a << 8) | b, (c << 8) | d];
  });
  const left = expand(groups(head));
  const right = tail === null ? [] : expand(groups(tail));
  const words = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  const out = new Uint8Array(16);
  words.forEach((w, i) => { out[2 * i] = w >> 8; out[2 * i + 1] = w & 255; });
  return out;
}

/** A Table with the field types BoyoDB maps its extension and nested types to. */
function arrowTable(rows) {
  const mapType = new Map_(new Field('entries', new Struct([
    new Field('key', new Utf8(), false), new Field('value', new Int64(), true),
  ]), false));
  const structType = new Struct([new Field('x', new Int32(), true), new Field('y', new Utf8(), true)]);
  const listType = new List(new Field('item', new Utf8(), true));
  const fsb = new FixedSizeBinary(16);
  const ts = new Timestamp(TimeUnit.MICROSECOND, 'UTC');
  const fields = [
    new Field('id', new Int64(), false),
    new Field('name', new Utf8(), true),
    new Field('score', new Float64(), true),
    new Field('ip', new Uint32(), true, extension('boyodb.ipv4')),
    new Field('ip6', fsb, true, extension('boyodb.ipv6')),
    new Field('u', fsb, true, extension('arrow.uuid')),
    new Field('m', mapType, true),
    new Field('s', structType, true),
    new Field('tags', listType, true),
    new Field('ts', ts, true),
  ];
  const pick = (name) => rows.map((row) => row[name]);
  const columns = {
    id: vectorFromArray(pick('id'), new Int64()),
    name: vectorFromArray(pick('name'), new Utf8()),
    score: vectorFromArray(pick('score'), new Float64()),
    ip: vectorFromArray(pick('ip'), new Uint32()),
    ip6: vectorFromArray(pick('ip6').map((t) => (t === null ? null : ipv6Bytes(t))), fsb),
    u: vectorFromArray(pick('u').map((t) => (t === null ? null : Buffer.from(t.replaceAll('-', ''), 'hex'))), fsb),
    m: vectorFromArray(pick('m'), mapType),
    s: vectorFromArray(pick('s'), structType),
    tags: vectorFromArray(pick('tags'), listType),
    ts: makeData({ type: ts, length: rows.length, data: BigInt64Array.from(pick('ts'), (v) => v ?? 0n), nullCount: 0 }),
  };
  // The same buffers, under the schema that carries the extension metadata.
  const schema = new Schema(fields);
  return new Table(new Table(columns).batches.map((batch) => new RecordBatch(schema, batch.data)));
}

const COLUMNS = [
  { name: 'id', type: 'BIGINT', nullable: false }, { name: 'name', type: 'TEXT' },
  { name: 'score', type: 'DOUBLE PRECISION' }, { name: 'ip', type: 'IPV4' }, { name: 'ip6', type: 'IPV6' },
  { name: 'u', type: 'UUID' }, { name: 'm', type: 'MAP(TEXT, BIGINT)' }, { name: 's', type: 'STRUCT(x INTEGER, y TEXT)' },
  { name: 'tags', type: 'TEXT[]' }, { name: 'ts', type: 'TIMESTAMPTZ' },
];

describe('ingest', { skip: needsServer }, () => {
  let client;

  before(async () => {
    client = await connectClient();
  });

  after(() => client.close());

  test('ingestArrow of a Table and of IPC file bytes, read back', async () => {
    const table = uniqueName('arrow_in');
    await client.createTable(table, COLUMNS, { codec: 'zstd', sortKey: ['id'] });
    await client.createTable(table, COLUMNS, { ifNotExists: true });
    await assert.rejects(client.createTable(table, COLUMNS), { code: '42P07' });

    const rows = [
      { id: 1n, name: 'one', score: 1.5, ip: 0xc0a80102, ip6: '2001:db8::1', u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
        m: new Map([['a', 1n], ['b', null]]), s: { x: 1, y: 'q' }, tags: ['t1', null], ts: 1709210096789123n },
      { id: 2n, name: null, score: null, ip: null, ip6: null, u: null, m: null, s: null, tags: null, ts: 0n },
      { id: 3n, name: '', score: -0.5, ip: 0, ip6: '::', u: '00000000-0000-0000-0000-000000000000',
        m: new Map(), s: { x: null, y: null }, tags: [], ts: -1n },
    ];
    assert.deepEqual(await client.ingestArrow(table, arrowTable(rows)), { command: 'COPY 3', rowsAffected: 3 });
    const file = tableToIPC(arrowTable([{ ...rows[0], id: 4n, ip: 0xffffffff }]), 'file');
    assert.deepEqual(await client.ingestArrow(table, file), { command: 'COPY 1', rowsAffected: 1 });

    const result = await client.query(`SELECT * FROM ${table} ORDER BY id`);
    assert.deepEqual(result.rows, [
      { id: 1n, name: 'one', score: 1.5, ip: '192.168.1.2', ip6: '2001:db8::1', u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
        m: new Map([['a', 1n], ['b', null]]), s: { x: 1, y: 'q' }, tags: ['t1', null], ts: new Date(1709210096789) },
      { id: 2n, name: null, score: null, ip: null, ip6: null, u: null, m: null, s: null, tags: null, ts: new Date(0) },
      { id: 3n, name: '', score: -0.5, ip: '0.0.0.0', ip6: '::', u: '00000000-0000-0000-0000-000000000000',
        m: new Map(), s: { x: null, y: null }, tags: [], ts: new Date(-1) },
      { id: 4n, name: 'one', score: 1.5, ip: '255.255.255.255', ip6: '2001:db8::1', u: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
        m: new Map([['a', 1n], ['b', null]]), s: { x: 1, y: 'q' }, tags: ['t1', null], ts: new Date(1709210096789) },
    ]);
    assert.deepEqual(result.columns.map((c) => c.type), COLUMNS.map((c) => c.type));
  });

  test('IPv4 and IPv6 text match the server\'s own text output', async () => {
    const table = uniqueName('net_text');
    await client.createTable(table, COLUMNS);
    const rows = IPV6.map((ip6, i) => ({
      id: BigInt(i), name: null, score: null, ip: (i * 0x01010101 + 7) >>> 0, ip6, u: null,
      m: null, s: null, tags: null, ts: 0n,
    }));
    await client.ingestArrow(table, arrowTable(rows));
    const { rows: got } = await client.query(`SELECT ip, ip::text AS ip_text, ip6, ip6::text AS ip6_text FROM ${table} ORDER BY id`);
    assert.equal(got.length, IPV6.length);
    got.forEach((row, i) => {
      assert.equal(row.ip, row.ip_text);
      assert.equal(row.ip6, row.ip6_text);
      assert.equal(row.ip6, IPV6[i]);
    });
  });

  test('an ingest that does not fit the table fails whole', async () => {
    const table = uniqueName('arrow_bad');
    await client.createTable(table, [{ name: 'a', type: 'INTEGER', nullable: false }]);
    const bad = new Table({ a: vectorFromArray(['x'], new Utf8()) });
    await assert.rejects(client.ingestArrow(table, bad), (error) => {
      assert.equal(error.code, '22P02');
      assert.deepEqual(error.context, [`COPY ${table}, row 1, column a: "x"`]);
      return true;
    });
    await assert.rejects(client.ingestArrow(table, new Uint8Array([1, 2, 3])), { code: 'XX001' });
    await assert.rejects(client.ingestArrow(uniqueName('missing'), new Table({ a: vectorFromArray([1], new Int32()) })), { code: '42P01' });
    assert.deepEqual((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows, [{ n: 0n }]);
  });

  test('ingestCsv with PostgreSQL\'s options', async () => {
    const table = uniqueName('csv_in');
    await client.createTable(table, [
      { name: 'id', type: 'INTEGER', nullable: false }, { name: 'name', type: 'TEXT' }, { name: 'amount', type: 'DECIMAL(10,2)' },
    ]);
    const plain = await client.ingestCsv(table, '1,one,1.50\n2,,\n3,"with, comma",-2\n');
    assert.deepEqual(plain, { command: 'COPY 3', rowsAffected: 3 });
    const custom = await client.ingestCsv(table, "id;name;amount\n4;'semi;colon';NA\n5;NA;7\n", {
      header: true, delimiter: ';', null: 'NA', quote: "'",
    });
    assert.equal(custom.rowsAffected, 2);
    const { rows } = await client.query(`SELECT * FROM ${table} ORDER BY id`);
    assert.deepEqual(rows, [
      { id: 1, name: 'one', amount: '1.50' },
      { id: 2, name: null, amount: null },
      { id: 3, name: 'with, comma', amount: '-2.00' },
      { id: 4, name: 'semi;colon', amount: null },
      { id: 5, name: null, amount: '7.00' },
    ]);
  });

  test('a bad CSV row fails the whole load, with context', async () => {
    const table = uniqueName('csv_bad');
    await client.createTable(table, [{ name: 'a', type: 'INTEGER' }, { name: 'b', type: 'INTEGER' }]);
    await assert.rejects(client.ingestCsv(table, '1,2\n3,4\n5,x\n'), (error) => {
      assert.equal(error.code, '22P02');
      assert.ok(Array.isArray(error.context), 'has context');
      assert.match(error.context.join('\n'), /line 3, column b/);
      return true;
    });
    assert.deepEqual((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows, [{ n: 0n }]);
  });
});
