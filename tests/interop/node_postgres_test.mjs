// node-postgres (`pg`) against boyodb-server's PostgreSQL wire protocol: SCRAM login, the
// extended query protocol (Parse/Bind/Describe/Execute/Sync) with parameters of every type,
// named prepared statements, portals suspended by a row limit (pg-cursor), COPY FROM STDIN and
// TO STDOUT (pg-copy-streams), errors with their SQLSTATE. node-postgres reads every DataRow value as UTF-8 text, so its `binary` mode cannot
// carry binary values: tests/unit/server/pgwire checks our binary format byte by byte.
// Run by tests/support/with_server.py, which starts the server and names it in BOYODB_HOST,
// BOYODB_PG_PORT, BOYODB_USER and BOYODB_PASSWORD.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';

import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import Cursor from 'pg-cursor';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const config = {
  host: process.env.BOYODB_HOST,
  port: Number(process.env.BOYODB_PG_PORT),
  user: process.env.BOYODB_USER,
  password: process.env.BOYODB_PASSWORD,
  database: 'postgres',
};
// Under `with_server.py --tls` the server takes only TLS with a client certificate.
if (process.env.BOYODB_TLS_CA) {
  config.ssl = {
    ca: readFileSync(process.env.BOYODB_TLS_CA),
    cert: readFileSync(process.env.BOYODB_TLS_CERT),
    key: readFileSync(process.env.BOYODB_TLS_KEY),
  };
}

let client;

before(async () => {
  client = new pg.Client(config);
  await client.connect();
});

after(async () => {
  await client.end();
});

// The error a promise rejects with.
async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected the statement to fail');
}

test('the connection is encrypted exactly when the server has TLS', () => {
  assert.equal(client.connection.stream.encrypted === true, Boolean(config.ssl));
  if (config.ssl) assert.equal(client.connection.stream.getProtocol(), 'TLSv1.3');
});

test('a wrong password is refused with 28P01', async () => {
  const refused = new pg.Client({ ...config, password: 'Not-the-password-1' });
  const error = await failure(refused.connect());
  assert.equal(error.code, '28P01');
  assert.match(error.message, /password authentication failed for user/);
});

test('parameters of every type go in and come back as node-postgres parses them', async () => {
  await client.query(`CREATE TABLE every_type (
      b BOOLEAN, i2 SMALLINT, i4 INT, i8 BIGINT, f4 REAL, f8 DOUBLE PRECISION,
      n NUMERIC(10, 2), t TEXT, v VARCHAR(20), raw BYTEA, d DATE, tm TIME, ts TIMESTAMP,
      tz TIMESTAMPTZ, iv INTERVAL, u UUID, j JSON, ia INT[], ta TEXT[])`);
  const values = [
    true, -7, 123456, '9007199254740993', 1.5, 2.25, '12.34', "it's", 'short',
    Buffer.from([0, 1, 254, 255]), '2024-02-29', '12:34:56', '2024-01-02 03:04:05.123456',
    new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)), '3 days 04:00:00',
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', { k: [1, 2] }, [1, 2, 3], ['a', 'b c'],
  ];
  const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
  const inserted = await client.query(`INSERT INTO every_type VALUES (${placeholders})`, values);
  assert.equal(inserted.command, 'INSERT');
  assert.equal(inserted.rowCount, 1);
  await client.query(`INSERT INTO every_type (i4) VALUES ($1)`, [null]);

  const result = await client.query('SELECT * FROM every_type WHERE i4 = $1', [123456]);
  assert.equal(result.rowCount, 1);
  const row = result.rows[0];
  assert.equal(row.b, true);
  assert.equal(row.i2, -7);
  assert.equal(row.i4, 123456);
  assert.equal(row.i8, '9007199254740993');
  assert.equal(row.f4, 1.5);
  assert.equal(row.f8, 2.25);
  assert.equal(row.n, '12.34');
  assert.equal(row.t, "it's");
  assert.equal(row.v, 'short');
  assert.deepEqual(row.raw, Buffer.from([0, 1, 254, 255]));
  assert.deepEqual(row.d, new Date(2024, 1, 29));
  assert.equal(row.tm, '12:34:56');
  assert.deepEqual(row.ts, new Date(2024, 0, 2, 3, 4, 5, 123));
  assert.deepEqual(row.tz, new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)));
  assert.equal(row.iv.days, 3);
  assert.equal(row.iv.hours, 4);
  assert.equal(row.u, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  assert.deepEqual(row.j, { k: [1, 2] });
  assert.deepEqual(row.ia, [1, 2, 3]);
  assert.deepEqual(row.ta, ['a', 'b c']);
  // The types RowDescription announced, by OID.
  const oids = Object.fromEntries(result.fields.map((f) => [f.name, f.dataTypeID]));
  assert.deepEqual(oids, {
    b: 16, i2: 21, i4: 23, i8: 20, f4: 700, f8: 701, n: 1700, t: 25, v: 25, raw: 17, d: 1082,
    tm: 1083, ts: 1114, tz: 1184, iv: 1186, u: 2950, j: 114, ia: 1007, ta: 1009,
  });

  const nulls = await client.query('SELECT * FROM every_type WHERE i4 IS NULL');
  assert.equal(nulls.rowCount, 1);
  assert.ok(Object.values(nulls.rows[0]).every((value) => value === null));
});

test('a named prepared statement is parsed once and run with new parameters', async () => {
  await client.query('CREATE TABLE prepared_rows (id INT, name TEXT)');
  const insert = { name: 'insert_row', text: 'INSERT INTO prepared_rows VALUES ($1, $2)' };
  for (let id = 1; id <= 5; ++id) {
    await client.query({ ...insert, values: [id, `name ${id}`] });
  }
  const select = {
    name: 'rows_above',
    text: 'SELECT id, name FROM prepared_rows WHERE id > $1 ORDER BY id',
  };
  const first = await client.query({ ...select, values: [3] });
  assert.deepEqual(first.rows, [{ id: 4, name: 'name 4' }, { id: 5, name: 'name 5' }]);
  const second = await client.query({ ...select, values: [0], rowMode: 'array' });
  assert.equal(second.rows.length, 5);
  assert.deepEqual(second.rows[0], [1, 'name 1']);
});

test('a cursor reads a large result a few rows at a time through a suspended portal', async () => {
  const cursor = client.query(new Cursor('SELECT g FROM generate_series(1, $1) AS s(g)', [2500]));
  let total = 0;
  let expected = 1;
  for (;;) {
    const rows = await cursor.read(1000);
    if (rows.length === 0) break;
    assert.ok(rows.length <= 1000);
    for (const row of rows) assert.equal(Number(row.g), expected++);
    total += rows.length;
  }
  await cursor.close();
  assert.equal(total, 2500);
});

test('errors carry their SQLSTATE and position, and the connection goes on', async () => {
  const syntax = await failure(client.query('SELEC $1', [1]));
  assert.equal(syntax.code, '42601');
  assert.equal(syntax.position, '1');
  const missing = await failure(client.query('SELECT a FROM nope WHERE a = $1', [1]));
  assert.equal(missing.code, '42P01');
  assert.equal(missing.position, '15');
  const division = await failure(client.query('SELECT 1 / $1::INT', [0]));
  assert.equal(division.code, '22012');
  const badValue = await failure(client.query('SELECT $1::INT + 1', ['twelve']));
  assert.equal(badValue.code, '22P02');
  const result = await client.query('SELECT $1::TEXT AS still_here', ['yes']);
  assert.equal(result.rows[0].still_here, 'yes');
});

test('a failed transaction block refuses statements until ROLLBACK', async () => {
  await client.query('CREATE TABLE block_rows (id INT)');
  await client.query('BEGIN');
  await client.query('INSERT INTO block_rows VALUES ($1)', [1]);
  const failed = await failure(client.query('SELECT 1 / $1::INT', [0]));
  assert.equal(failed.code, '22012');
  const refused = await failure(client.query('SELECT $1::INT', [1]));
  assert.equal(refused.code, '25P02');
  await client.query('ROLLBACK');
  const count = await client.query('SELECT count(*) AS n FROM block_rows');
  assert.equal(count.rows[0].n, '0');

  await client.query('BEGIN');
  await client.query('INSERT INTO block_rows VALUES ($1), ($2)', [1, 2]);
  await client.query('COMMIT');
  const committed = await client.query('SELECT count(*) AS n FROM block_rows');
  assert.equal(committed.rows[0].n, '2');
});

test('COPY FROM STDIN loads a stream and COPY TO STDOUT reads it back', async () => {
  await client.query('CREATE TABLE copied (id INT, name TEXT, amount NUMERIC(8, 2))');
  const lines = [];
  for (let i = 1; i <= 5000; ++i) lines.push(`${i}\tname ${i}\t${(i / 4).toFixed(2)}\n`);
  lines.push('5001\t\\N\t\\N\n');
  // Many small CopyData messages, as a stream writes them.
  await pipeline(Readable.from(lines), client.query(copyFrom('COPY copied FROM STDIN')));
  const count = await client.query('SELECT count(*) AS n, sum(amount) AS total FROM copied');
  assert.deepEqual(count.rows[0], { n: '5001', total: '3125625.00' });

  let csv = '';
  await pipeline(
    client.query(copyTo('COPY (SELECT * FROM copied WHERE id > 4998 ORDER BY id) TO STDOUT (FORMAT csv, HEADER true)')),
    new Writable({
      write(chunk, _encoding, done) {
        csv += chunk.toString();
        done();
      },
    }));
  assert.equal(csv, 'id,name,amount\n4999,name 4999,1249.75\n5000,name 5000,1250.00\n5001,,\n');
});

test('a COPY whose data is bad adds nothing and the connection goes on', async () => {
  await client.query('CREATE TABLE copied_bad (id INT)');
  const error = await failure(
    pipeline(Readable.from(['1\n', 'two\n']), client.query(copyFrom('COPY copied_bad FROM STDIN'))));
  assert.equal(error.code, '22P02');
  assert.match(error.where, /line 2/);
  const count = await client.query('SELECT count(*) AS n FROM copied_bad');
  assert.equal(count.rows[0].n, '0');
});
