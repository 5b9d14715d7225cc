// Tests for the hits generator and the query files. Run: node --test bench/sql/hits/generate_test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const generator = path.join(here, 'generate.mjs');
const ROWS = 20000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hits-gen-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function gen(name, rows = ROWS, extra = []) {
  const out = path.join(tmp, name);
  execFileSync(process.execPath, [generator, '--rows', String(rows), '--out', out, ...extra], { stdio: 'pipe' });
  return fs.readFileSync(out);
}

// RFC 4180 parser that also reports which fields were quoted.
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false, i = 0;
  const quotedFlags = [];
  let rowQuoted = [];
  while (i < text.length) {
    const c = text[i];
    if (field === '' && !quoted && c === '"' && (i === 0 || text[i - 1] === ',' || text[i - 1] === '\n')) {
      quoted = true; i++;
      for (;;) {
        const j = text.indexOf('"', i);
        if (j < 0) throw new Error('unterminated quoted field');
        field += text.slice(i, j);
        if (text[j + 1] === '"') { field += '"'; i = j + 2; } else { i = j + 1; break; }
      }
      continue;
    }
    if (c === ',') { row.push(field); rowQuoted.push(quoted); field = ''; quoted = false; i++; continue; }
    if (c === '\n') {
      row.push(field); rowQuoted.push(quoted);
      rows.push(row); quotedFlags.push(rowQuoted);
      row = []; rowQuoted = []; field = ''; quoted = false; i++; continue;
    }
    if (c === '\r') throw new Error('CR outside quotes');
    field += c; i++;
  }
  if (field !== '' || row.length) throw new Error('last line does not end in a newline');
  return { rows, quotedFlags };
}

const first = gen('a.csv');
const second = gen('b.csv');
const { rows: all, quotedFlags } = parseCsv(first.toString('utf8'));
const header = all[0];
const data = all.slice(1);
const col = Object.fromEntries(header.map((h, i) => [h, i]));
const values = (name) => data.map((r) => r[col[name]]);

function schemaColumns(file) {
  const sql = fs.readFileSync(path.join(here, file), 'utf8').replace(/--[^\n]*/g, '');
  const body = sql.match(/CREATE TABLE hits\s*\(\n([\s\S]*?)\n\)/)[1];
  return body.split(',').map((s) => s.trim()).filter((s) => s && !/^(PRIMARY|ORDER|PARTITION)/i.test(s))
    .map((s) => s.split(/\s+/)[0]);
}

function counts(arr) {
  const m = new Map();
  for (const v of arr) m.set(v, (m.get(v) || 0) + 1);
  return m;
}

test('same --rows gives byte-identical output', () => {
  assert.equal(first.length, second.length);
  assert.ok(first.equals(second), 'outputs differ');
  const other = gen('c.csv', ROWS, ['--seed', '2']);
  assert.ok(!first.equals(other), 'another seed gives the same output');
});

test('header, row count and field count', () => {
  assert.deepEqual(header, schemaColumns('schema.sql'));
  assert.deepEqual(header, schemaColumns('schema_clickhouse.sql'));
  assert.ok(header.length >= 20);
  assert.equal(data.length, ROWS);
  for (const r of data) assert.equal(r.length, header.length);
  const small = parseCsv(gen('zero.csv', 0).toString('utf8')).rows;
  assert.deepEqual(small, [header]);
});

test('quoting: empty strings are quoted, special characters are quoted', () => {
  const text = ['Title', 'URL', 'Referer', 'SearchPhrase', 'MobilePhoneModel'].map((n) => col[n]);
  let sawComma = false, sawQuote = false;
  quotedFlags.slice(1).forEach((q, r) => {
    for (const c of text) {
      const v = data[r][c];
      if (v === '') assert.ok(q[c], `empty ${header[c]} not quoted in row ${r}`);
      if (/[",\n\r]/.test(v)) assert.ok(q[c]);
      if (v.includes(',')) sawComma = true;
      if (v.includes('"')) sawQuote = true;
    }
    for (let c = 0; c < header.length; c++) if (!text.includes(c)) assert.ok(!q[c]);
  });
  assert.ok(sawComma && sawQuote, 'no field exercised quoting');
});

test('WatchID: unique 64-bit integers', () => {
  const ids = values('WatchID');
  assert.equal(new Set(ids).size, ids.length);
  let negative = 0;
  for (const v of ids) {
    assert.match(v, /^-?\d+$/);
    const b = BigInt(v);
    assert.ok(b >= -(2n ** 63n) && b < 2n ** 63n);
    if (b < 0n) negative++;
  }
  assert.ok(negative > ids.length * 0.4 && negative < ids.length * 0.6, 'WatchID not spread over 64 bits');
});

test('EventTime and EventDate: format, July 2013, arrival order', () => {
  let prev = '';
  for (const r of data) {
    const t = r[col.EventTime], d = r[col.EventDate];
    assert.match(t, /^2013-07-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/);
    assert.equal(d, t.slice(0, 10));
    assert.ok(t >= prev, 'EventTime goes backwards');
    prev = t;
  }
  assert.ok(data[0][col.EventDate] === '2013-07-01' && data[data.length - 1][col.EventDate] === '2013-07-31');
  // a daily cycle: afternoons are busier than nights
  const hours = counts(values('EventTime').map((t) => t.slice(11, 13)));
  assert.ok(hours.get('14') > 2 * hours.get('03'));
});

test('integer columns: types and ranges', () => {
  const ranges = {
    CounterID: [0, 2 ** 31 - 1], ClientIP: [-(2 ** 31), 2 ** 31 - 1], RegionID: [0, 2 ** 31 - 1],
    IsRefresh: [0, 1], IsLink: [0, 1], IsDownload: [0, 1], DontCountHits: [0, 1],
    ResolutionWidth: [0, 4096], ResolutionHeight: [0, 4096], WindowClientWidth: [0, 4096],
    WindowClientHeight: [0, 4096], MobilePhone: [0, 255], TraficSourceID: [-1, 10],
    SearchEngineID: [0, 100], AdvEngineID: [0, 100],
  };
  for (const [name, [lo, hi]] of Object.entries(ranges)) {
    for (const v of values(name)) {
      assert.match(v, /^-?\d+$/, `${name}=${v}`);
      const n = Number(v);
      assert.ok(n >= lo && n <= hi, `${name}=${v} out of [${lo}, ${hi}]`);
    }
  }
  for (const name of ['UserID', 'URLHash', 'RefererHash']) {
    for (const v of values(name)) {
      assert.match(v, /^\d+$/);
      assert.ok(BigInt(v) < 2n ** 63n);
    }
  }
  data.forEach((r) => {
    assert.ok(Number(r[col.WindowClientWidth]) <= Number(r[col.ResolutionWidth]));
    assert.ok(Number(r[col.WindowClientHeight]) <= Number(r[col.ResolutionHeight]));
  });
});

test('skew: empty search phrases, zero engines, dominant values', () => {
  const share = (name, pred) => values(name).filter(pred).length / data.length;
  const emptyPhrase = share('SearchPhrase', (v) => v === '');
  assert.ok(emptyPhrase > 0.82 && emptyPhrase < 0.92, `empty SearchPhrase share ${emptyPhrase}`);
  assert.ok(share('AdvEngineID', (v) => v === '0') > 0.96);
  assert.ok(share('SearchEngineID', (v) => v === '0') > 0.8);
  assert.ok(share('MobilePhoneModel', (v) => v === '') > 0.8);
  assert.ok(share('IsRefresh', (v) => v === '1') < 0.15);
  assert.ok(share('Referer', (v) => v === '') > 0.2);

  // SearchEngineID is set for (almost) every search phrase
  const withPhrase = data.filter((r) => r[col.SearchPhrase] !== '');
  assert.ok(withPhrase.filter((r) => r[col.SearchEngineID] !== '0').length > 0.9 * withPhrase.length);

  // the top UserID holds far more rows than the median one
  const users = [...counts(values('UserID')).values()].sort((a, b) => a - b);
  const median = users[users.length >> 1], topUser = users[users.length - 1];
  assert.ok(topUser >= 20 * median, `top user ${topUser}, median ${median}`);
  assert.ok(users.length > ROWS / 20, `only ${users.length} users`);

  // a few dominant counters and regions; CounterID 62 (ClickBench's Q36..Q42) is the top one
  const top = (name) => [...counts(values(name)).entries()].sort((a, b) => b[1] - a[1]);
  const counters = top('CounterID');
  assert.equal(counters[0][0], '62');
  assert.ok(counters[0][1] > 0.1 * ROWS && counters[0][1] < 0.5 * ROWS);
  assert.ok(top('RegionID')[0][1] > 0.1 * ROWS);

  // Zipf-like URL popularity: the top URL is much more frequent than the 100th
  const urls = top('URL');
  assert.ok(urls[0][1] > 20 * urls[99][1], `top URL ${urls[0][1]}, 100th ${urls[99][1]}`);
  assert.ok(top('Referer').length > 500);
});

test('hashes are functions of the strings, and planted query literals occur', () => {
  for (const [s, h] of [['URL', 'URLHash'], ['Referer', 'RefererHash']]) {
    const m = new Map();
    for (const r of data) {
      const k = r[col[s]], v = r[col[h]];
      if (m.has(k)) assert.equal(m.get(k), v, `${h} of ${k}`);
      else m.set(k, v);
    }
    assert.equal(new Set(m.values()).size, m.size, `${h} collides`);
  }
  const where = (pred) => data.filter(pred).length;
  assert.ok(where((r) => r[col.UserID] === '435090932899640449') > 0, 'Q19 user missing');
  assert.ok(where((r) => r[col.CounterID] === '62' && ['-1', '6'].includes(r[col.TraficSourceID]) &&
    r[col.RefererHash] === '3594120000172545465') > 0, 'Q40 rows missing');
  assert.ok(where((r) => r[col.CounterID] === '62' && r[col.URLHash] === '2868770270353813622') > 0, 'Q41 rows missing');
  assert.ok(where((r) => r[col.URL].includes('google')) > 0);
  assert.ok(where((r) => r[col.Title].includes('Google') && !r[col.URL].includes('.google.') &&
    r[col.SearchPhrase] !== '') > 0, 'Q22 rows missing');
  const referer = /^https?:\/\/(?:www\.)?([^/]+)\/.*$/;
  assert.ok(values('Referer').filter((v) => v !== '').every((v) => referer.test(v)));
  assert.ok(values('URL').every((v) => /^[\x20-\x7e]*$/.test(v)), 'URL not ASCII (length() differs by system)');
});

// Rough identifier scan: words outside string literals that are not SQL keywords, functions or
// the queries' aliases must be columns of schema.sql.
const KEYWORDS = new Set(`select from where group by order having limit offset as and or not in like
  desc asc case when then else end distinct count sum avg min max length extract minute
  regexp_replace date_trunc hits toFloat64 toMinute toStartOfMinute replaceRegexpOne`
  .split(/\s+/).filter(Boolean).map((s) => s.toLowerCase()));
const ALIASES = new Set(['u', 'c', 'm', 'k', 'l', 'src', 'dst', 'pageviews']);

function identifiers(sql) {
  const noStrings = sql.replace(/'(?:[^']|'')*'/g, "''");
  return noStrings.match(/[A-Za-z_][A-Za-z0-9_]*/g) || [];
}

for (const file of ['queries.sql', 'queries_clickhouse.sql']) {
  test(`${file}: 43 queries, one a line, over schema.sql's columns`, () => {
    const columns = schemaColumns('schema.sql');
    const lower = new Set(columns.map((c) => c.toLowerCase()));
    const lines = fs.readFileSync(path.join(here, file), 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 43);
    const used = new Set();
    lines.forEach((q, n) => {
      assert.match(q, /^SELECT .*;$/, `Q${n}`);
      for (const id of identifiers(q)) {
        const l = id.toLowerCase();
        if (KEYWORDS.has(l) || ALIASES.has(l)) continue;
        assert.ok(lower.has(l), `Q${n} uses ${id}, which is not in schema.sql`);
        // ClickHouse names are case-sensitive: spell them as the schema does
        assert.ok(columns.includes(id), `Q${n} spells ${id} differently from schema.sql`);
        used.add(l);
      }
    });
    assert.ok(used.size >= 20);
  });
}

test('the ClickHouse queries are the same queries, rewritten', () => {
  const pg = fs.readFileSync(path.join(here, 'queries.sql'), 'utf8').split('\n');
  const ch = fs.readFileSync(path.join(here, 'queries_clickhouse.sql'), 'utf8').split('\n');
  const cols = (q) => identifiers(q).filter((id) => !KEYWORDS.has(id.toLowerCase())).sort().join(' ');
  pg.forEach((q, n) => assert.equal(cols(ch[n]), cols(q), `Q${n}`));
  const chText = ch.join('\n');
  for (const absent of ['REGEXP_REPLACE', 'DATE_TRUNC', 'OFFSET', 'extract(', 'AVG(UserID)']) {
    assert.ok(!chText.includes(absent), `queries_clickhouse.sql uses ${absent}`);
  }
});
