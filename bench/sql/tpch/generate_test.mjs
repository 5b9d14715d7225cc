// Tests for the TPC-H generator: node --test bench/sql/tpch/generate_test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import {
  generate, ALL_TABLES, COLORS, SEGMENTS, PRIORITIES, INSTRUCTIONS, MODES, REGIONS, NATIONS,
} from './generate.mjs';

const SF = 0.01;
let dirA, dirB, dirC;
const data = {}; // table -> { header: [...], rows: [[...]] }

// RFC 4180 line parser (the generator never writes newlines inside fields)
function parseLine(line) {
  const out = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        assert.ok(q >= 0, 'unterminated quote: ' + line);
        s += line.slice(i, q);
        if (line[q + 1] === '"') { s += '"'; i = q + 2; } else { i = q + 1; break; }
      }
      out.push(s);
    } else {
      const c = line.indexOf(',', i);
      const e = c < 0 ? line.length : c;
      out.push(line.slice(i, e));
      i = e;
    }
    if (i >= line.length) break;
    assert.equal(line[i], ',', 'expected comma at ' + i + ' in ' + line);
    i++;
    if (i === line.length) { out.push(''); break; }
  }
  return out;
}

function load(dir, table) {
  const text = fs.readFileSync(path.join(dir, table + '.csv'), 'utf8');
  assert.ok(text.endsWith('\n'), table + ' ends with newline');
  const lines = text.slice(0, -1).split('\n');
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => {
    const r = parseLine(l);
    assert.equal(r.length, header.length, `${table}: field count in "${l}"`);
    return r;
  });
  return { header, rows, col: Object.fromEntries(header.map((h, i) => [h, i])) };
}

function sha(file) { return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'); }

const dayNum = (s) => Date.parse(s + 'T00:00:00Z') / 86400000;
const isDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(s + 'T00:00:00Z').toISOString().startsWith(s);
const cents = (s) => { assert.match(s, /^-?\d+\.\d{2}$/); return Math.round(Number(s) * 100); };

before(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tpch-test-'));
  dirA = path.join(base, 'a'); dirB = path.join(base, 'b'); dirC = path.join(base, 'c');
  generate({ scale: SF, out: dirA });
  generate({ scale: SF, out: dirB });
  generate({ scale: SF, out: dirC, tables: ['lineitem', 'supplier'] });
  for (const t of ALL_TABLES) data[t] = load(dirA, t);
});
after(() => { fs.rmSync(path.dirname(dirA), { recursive: true, force: true }); });

test('deterministic: two runs give identical bytes', () => {
  for (const t of ALL_TABLES) assert.equal(sha(path.join(dirA, t + '.csv')), sha(path.join(dirB, t + '.csv')), t);
});

test('tables can be generated independently with identical output', () => {
  assert.deepEqual(fs.readdirSync(dirC).sort(), ['lineitem.csv', 'supplier.csv']);
  for (const t of ['lineitem', 'supplier']) assert.equal(sha(path.join(dirA, t + '.csv')), sha(path.join(dirC, t + '.csv')), t);
});

test('headers use the spec column names', () => {
  assert.deepEqual(data.lineitem.header.slice(0, 4), ['l_orderkey', 'l_partkey', 'l_suppkey', 'l_linenumber']);
  assert.equal(data.lineitem.header.length, 16);
  assert.equal(data.orders.header.length, 9);
  assert.equal(data.part.header.length, 9);
  assert.equal(data.partsupp.header.length, 5);
  assert.equal(data.customer.header.length, 8);
  assert.equal(data.supplier.header.length, 7);
  assert.equal(data.nation.header.length, 4);
  assert.equal(data.region.header.length, 3);
});

test('cardinalities follow clause 4.2.5 for SF 0.01', () => {
  assert.equal(data.region.rows.length, 5);
  assert.equal(data.nation.rows.length, 25);
  assert.equal(data.supplier.rows.length, 10000 * SF);
  assert.equal(data.part.rows.length, 200000 * SF);
  assert.equal(data.partsupp.rows.length, 800000 * SF);
  assert.equal(data.customer.rows.length, 150000 * SF);
  assert.equal(data.orders.rows.length, 1500000 * SF);
  // lineitem: 1..7 lines per order, so about 4 * orders (spec: ~6,000,000 * SF)
  const n = data.lineitem.rows.length;
  assert.ok(n > 3.9 * 15000 && n < 4.1 * 15000, 'lineitem count ' + n);
});

function uniq(rows, f, what) {
  const s = new Set();
  for (const r of rows) { const k = f(r); assert.ok(!s.has(k), 'duplicate ' + what + ' ' + k); s.add(k); }
  return s;
}

test('primary keys are unique and dense where the spec says so', () => {
  for (const [t, n] of [['region', 5], ['nation', 25], ['supplier', 100], ['customer', 1500], ['part', 2000]]) {
    const keys = uniq(data[t].rows, (r) => Number(r[0]), t);
    for (let k = t === 'region' || t === 'nation' ? 0 : 1, c = 0; c < n; k++, c++) assert.ok(keys.has(k), t + ' key ' + k);
  }
  uniq(data.partsupp.rows, (r) => r[0] + '|' + r[1], 'partsupp');
  uniq(data.orders.rows, (r) => r[0], 'orders');
  uniq(data.lineitem.rows, (r) => r[0] + '|' + r[3], 'lineitem');
});

test('order keys are sparse: first 8 of every 32', () => {
  data.orders.rows.forEach((r, i) => {
    const k = Number(r[0]);
    assert.ok((k - 1) % 32 < 8, 'sparse key ' + k);
    assert.equal(k, Math.floor(i / 8) * 32 + (i % 8) + 1);
  });
});

test('foreign keys are valid', () => {
  const regions = new Set(data.region.rows.map((r) => r[0]));
  const nations = new Set(data.nation.rows.map((r) => r[0]));
  const supp = new Set(data.supplier.rows.map((r) => r[0]));
  const cust = new Set(data.customer.rows.map((r) => r[0]));
  const part = new Set(data.part.rows.map((r) => r[0]));
  const ps = new Set(data.partsupp.rows.map((r) => r[0] + '|' + r[1]));
  const orders = new Set(data.orders.rows.map((r) => r[0]));
  for (const r of data.nation.rows) assert.ok(regions.has(r[2]));
  for (const r of data.supplier.rows) assert.ok(nations.has(r[3]));
  for (const r of data.customer.rows) assert.ok(nations.has(r[3]));
  for (const r of data.partsupp.rows) { assert.ok(part.has(r[0])); assert.ok(supp.has(r[1])); }
  // every part has exactly 4 distinct suppliers
  const perPart = new Map();
  for (const r of data.partsupp.rows) perPart.set(r[0], (perPart.get(r[0]) || 0) + 1);
  assert.equal(perPart.size, part.size);
  for (const v of perPart.values()) assert.equal(v, 4);
  for (const r of data.orders.rows) {
    assert.ok(cust.has(r[1]), 'o_custkey ' + r[1]);
    assert.notEqual(Number(r[1]) % 3, 0, 'o_custkey multiple of 3: ' + r[1]);
  }
  for (const r of data.lineitem.rows) {
    assert.ok(orders.has(r[0]), 'l_orderkey ' + r[0]);
    assert.ok(ps.has(r[1] + '|' + r[2]), 'l_partkey/l_suppkey not in partsupp ' + r[1] + '/' + r[2]);
  }
  // about one third of customers never order (Q13/Q22 depend on it)
  const ordering = new Set(data.orders.rows.map((r) => r[1]));
  for (const c of ordering) assert.notEqual(Number(c) % 3, 0);
});

test('region and nation contents', () => {
  assert.deepEqual(data.region.rows.map((r) => r[1]), REGIONS);
  assert.deepEqual(data.nation.rows.map((r) => [r[1], Number(r[2])]), NATIONS);
  for (const r of [...data.region.rows, ...data.nation.rows]) {
    const c = r[r.length - 1];
    assert.ok(c.length >= 31 && c.length <= 115, 'comment length ' + c.length);
  }
});

test('supplier and customer columns', () => {
  let complaints = 0, recommends = 0;
  for (const r of data.supplier.rows) {
    assert.equal(r[1], 'Supplier#' + r[0].padStart(9, '0'));
    assert.ok(r[2].length >= 10 && r[2].length <= 40);
    assert.match(r[4], /^\d{2}-\d{3}-\d{3}-\d{4}$/);
    assert.equal(Number(r[4].slice(0, 2)), Number(r[3]) + 10);
    const b = cents(r[5]); assert.ok(b >= -99999 && b <= 999999);
    assert.ok(r[6].length >= 25 && r[6].length <= 100, 's_comment length ' + r[6].length);
    if (/Customer.*Complaints/.test(r[6])) complaints++;
    if (/Customer.*Recommends/.test(r[6])) recommends++;
  }
  assert.equal(complaints, 1); // round(5 * SF) with a minimum of 1
  assert.equal(recommends, 1);
  for (const r of data.customer.rows) {
    assert.equal(r[1], 'Customer#' + r[0].padStart(9, '0'));
    assert.ok(r[2].length >= 10 && r[2].length <= 40);
    assert.match(r[4], /^\d{2}-\d{3}-\d{3}-\d{4}$/);
    assert.equal(Number(r[4].slice(0, 2)), Number(r[3]) + 10);
    const b = cents(r[5]); assert.ok(b >= -99999 && b <= 999999);
    assert.ok(SEGMENTS.includes(r[6]));
    assert.ok(r[7].length >= 29 && r[7].length <= 116);
  }
});

test('part and partsupp columns', () => {
  const colors = new Set(COLORS);
  for (const r of data.part.rows) {
    const pk = Number(r[0]);
    const words = r[1].split(' ');
    assert.equal(words.length, 5);
    assert.equal(new Set(words).size, 5);
    for (const w of words) assert.ok(colors.has(w), w);
    const m = r[2].match(/^Manufacturer#([1-5])$/); assert.ok(m);
    assert.match(r[3], new RegExp('^Brand#' + m[1] + '[1-5]$'));
    assert.match(r[4], /^(STANDARD|SMALL|MEDIUM|LARGE|ECONOMY|PROMO) (ANODIZED|BURNISHED|PLATED|POLISHED|BRUSHED) (TIN|NICKEL|BRASS|STEEL|COPPER)$/);
    const size = Number(r[5]); assert.ok(size >= 1 && size <= 50);
    assert.match(r[6], /^(SM|LG|MED|JUMBO|WRAP) (CASE|BOX|BAG|JAR|PKG|PACK|CAN|DRUM)$/);
    assert.equal(cents(r[7]), 90000 + (Math.floor(pk / 10) % 20001) + 100 * (pk % 1000));
    assert.ok(r[8].length >= 5 && r[8].length <= 22);
  }
  for (const r of data.partsupp.rows) {
    const q = Number(r[2]); assert.ok(q >= 1 && q <= 9999);
    const c = cents(r[3]); assert.ok(c >= 100 && c <= 100000);
    assert.ok(r[4].length >= 49 && r[4].length <= 198);
  }
});

test('orders and lineitem columns and rules', () => {
  const START = dayNum('1992-01-01'), CURRENT = dayNum('1995-06-17'), END = dayNum('1998-12-31');
  const price = new Map(data.part.rows.map((r) => [r[0], cents(r[7])]));
  const L = data.lineitem.col;
  const byOrder = new Map();
  for (const r of data.lineitem.rows) {
    if (!byOrder.has(r[0])) byOrder.set(r[0], []);
    byOrder.get(r[0]).push(r);
  }
  const flags = new Set(), statuses = new Set();
  for (const o of data.orders.rows) {
    const [okey, , status, total, odate, prio, clerk, shipprio, comment] = o;
    assert.ok(isDate(odate));
    const od = dayNum(odate);
    assert.ok(od >= START && od <= END - 151, 'o_orderdate ' + odate);
    assert.ok(PRIORITIES.includes(prio));
    const ck = clerk.match(/^Clerk#(\d{9})$/); assert.ok(ck);
    assert.ok(Number(ck[1]) >= 1 && Number(ck[1]) <= Math.max(1, 1000 * SF));
    assert.equal(shipprio, '0');
    assert.ok(comment.length >= 19 && comment.length <= 78);
    const lines = byOrder.get(okey);
    assert.ok(lines && lines.length >= 1 && lines.length <= 7, 'lines per order');
    lines.forEach((l, i) => assert.equal(Number(l[L.l_linenumber]), i + 1));
    let sum = 0, nF = 0;
    for (const l of lines) {
      const qty = cents(l[L.l_quantity]);
      assert.equal(qty % 100, 0);
      assert.ok(qty >= 100 && qty <= 5000, 'l_quantity');
      const disc = cents(l[L.l_discount]); assert.ok(disc >= 0 && disc <= 10, 'l_discount');
      const tax = cents(l[L.l_tax]); assert.ok(tax >= 0 && tax <= 8, 'l_tax');
      const ext = cents(l[L.l_extendedprice]);
      assert.equal(ext, (qty / 100) * price.get(l[L.l_partkey]), 'l_extendedprice = qty * p_retailprice');
      for (const c of ['l_shipdate', 'l_commitdate', 'l_receiptdate']) assert.ok(isDate(l[L[c]]));
      const ship = dayNum(l[L.l_shipdate]), commit = dayNum(l[L.l_commitdate]), recv = dayNum(l[L.l_receiptdate]);
      assert.ok(ship - od >= 1 && ship - od <= 121, 'shipdate');
      assert.ok(commit - od >= 30 && commit - od <= 90, 'commitdate');
      assert.ok(recv - ship >= 1 && recv - ship <= 30, 'receiptdate');
      assert.ok(recv <= END + 151, 'within window');
      const rf = l[L.l_returnflag], ls = l[L.l_linestatus];
      if (recv <= CURRENT) assert.ok(rf === 'R' || rf === 'A', 'returnflag R/A'); else assert.equal(rf, 'N');
      assert.equal(ls, ship > CURRENT ? 'O' : 'F');
      flags.add(rf); statuses.add(ls);
      if (ls === 'F') nF++;
      assert.ok(INSTRUCTIONS.includes(l[L.l_shipinstruct]));
      assert.ok(MODES.includes(l[L.l_shipmode]));
      const c = l[L.l_comment]; assert.ok(c.length >= 10 && c.length <= 43);
      sum += Math.round((ext * (100 + tax) * (100 - disc)) / 10000);
    }
    assert.equal(status, nF === lines.length ? 'F' : nF === 0 ? 'O' : 'P', 'o_orderstatus');
    assert.equal(cents(total), sum, 'o_totalprice');
  }
  assert.equal(byOrder.size, data.orders.rows.length);
  assert.deepEqual([...flags].sort(), ['A', 'N', 'R']);
  assert.deepEqual([...statuses].sort(), ['F', 'O']);
  assert.deepEqual(new Set(data.orders.rows.map((o) => o[2])), new Set(['F', 'O', 'P']));
});

test('comments follow the text grammar (Q13 pattern occurs)', () => {
  const hits = data.orders.rows.filter((o) => /special.*requests/.test(o[8])).length;
  assert.ok(hits > 0, 'some o_comment match %special%requests%');
  assert.ok(hits < data.orders.rows.length / 10);
});
