// Tests of the ClickHouse configuration and answer parsing (no server): node --test bench/sql/runner/
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import {
  clickHouseConfig, clickHouseKind, findClickHouseServer, parseTsvWithNamesAndTypes, unescapeTsvField,
} from './clickhouse.mjs';

const CONFIG = { dir: '/tmp/run & co/clickhouse', httpPort: 41001, tcpPort: 41002, threads: 3, maxMemoryBytes: 1000 };

function element(xml, name) {
  const matches = [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
  return matches.length === 1 ? matches[0] : matches;
}

test('the server listens on 127.0.0.1 only, on the given HTTP and TCP ports and no other', () => {
  const { config } = clickHouseConfig(CONFIG);
  assert.equal(element(config, 'listen_host'), '127.0.0.1');
  assert.equal(element(config, 'http_port'), '41001');
  assert.equal(element(config, 'tcp_port'), '41002');
  for (const other of ['interserver_http_port', 'https_port', 'tcp_port_secure', 'mysql_port', 'postgresql_port']) {
    assert.equal(config.includes(`<${other}>`), false, other);
  }
});

test('every path of the server is inside its directory, XML-escaped', () => {
  const { config } = clickHouseConfig(CONFIG);
  const dir = '/tmp/run &#38; co/clickhouse';
  assert.equal(element(config, 'path'), `${dir}/data/`);
  assert.equal(element(config, 'tmp_path'), `${dir}/tmp/`);
  assert.equal(element(config, 'user_files_path'), `${dir}/user_files/`);
  assert.equal(element(config, 'format_schema_path'), `${dir}/format_schemas/`);
  assert.equal(element(config, 'users_config'), `${dir}/users.xml`);
  assert.equal(element(config, 'log'), `${dir}/log/clickhouse-server.log`);
  assert.equal(element(config, 'errorlog'), `${dir}/log/clickhouse-server.err.log`);
  assert.equal(element(config, 'timezone'), 'UTC');
});

test('the default user has no password, local networks only, and the thread count', () => {
  const { users } = clickHouseConfig(CONFIG);
  assert.equal(element(users, 'max_threads'), '3');
  assert.equal(element(users, 'max_memory_usage'), '1000');
  assert.match(users, /<users>\s*<default>\s*<password><\/password>/);
  assert.deepEqual(element(users, 'ip'), ['127.0.0.1', '::1']);
});

test('TSV fields: \\N is NULL, escapes are decoded', () => {
  assert.equal(unescapeTsvField('\\N'), null);
  assert.equal(unescapeTsvField('a\\tb\\nc\\\\d\\\'e'), "a\tb\nc\\d'e");
  assert.equal(unescapeTsvField('plain'), 'plain');
  assert.equal(unescapeTsvField(''), '');
});

test('a TabSeparatedWithNamesAndTypes answer becomes columns with kinds and rows', () => {
  const text = 'k\tn\td\tt\tx\n'
    + 'String\tNullable(UInt64)\tDate\tDateTime\tDecimal(18, 2)\n'
    + 'a\\tb\t\\N\t2020-01-02\t2020-01-02 03:04:05\t12.50\n';
  const { columns, rows } = parseTsvWithNamesAndTypes(text);
  assert.deepEqual(columns, [
    { name: 'k', kind: 'string' }, { name: 'n', kind: 'number' }, { name: 'd', kind: 'date' },
    { name: 't', kind: 'timestamp' }, { name: 'x', kind: 'number' },
  ]);
  assert.deepEqual(rows, [['a\tb', null, '2020-01-02', '2020-01-02 03:04:05', '12.50']]);
  assert.deepEqual(parseTsvWithNamesAndTypes('c\nUInt8\n').rows, []);
  assert.throws(() => parseTsvWithNamesAndTypes('Code: 47'), /not a TabSeparatedWithNamesAndTypes answer/);
});

test('ClickHouse types map to kinds', () => {
  assert.equal(clickHouseKind('Float64'), 'number');
  assert.equal(clickHouseKind('Int16'), 'number');
  assert.equal(clickHouseKind('LowCardinality(String)'), 'string');
  assert.equal(clickHouseKind('FixedString(2)'), 'string');
  assert.equal(clickHouseKind("DateTime('UTC')"), 'timestamp');
  assert.equal(clickHouseKind('Nullable(Nothing)'), 'null');
  assert.equal(clickHouseKind('Array(UInt8)'), 'other');
});

test('clickhouse-server is found on PATH before the Debian location', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clickhouse-find-'));
  try {
    const fake = join(dir, 'clickhouse-server');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    assert.equal(findClickHouseServer(`/nonexistent:${dir}`), fake);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
