#!/usr/bin/env node
// BoyoDB TPC-H data generator (our own implementation of TPC-H spec clause 4.2).
//
// usage: node generate.mjs --scale 1 --out DIR [--tables lineitem,orders,...]
//
// Writes DIR/<table>.csv with a header line, RFC 4180 quoting, dates as
// YYYY-MM-DD and decimals with two digits. Output is a pure function of the
// scale factor: every column draws from its own seeded PRNG stream, so the
// same scale gives byte-identical files and any subset of tables can be
// generated on its own. See README.md for the spec mapping and simplifications.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------- PRNG ----
// xoshiro128** (32-bit state words, period 2^128 - 1), seeded by splitmix32
// from a FNV-1a hash of the stream name ("table.column").

function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function splitmix32(state) {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const GLOBAL_SEED = 'boyodb-tpch-v1';

export class Rng {
  constructor(name) {
    const sm = splitmix32(fnv1a(GLOBAL_SEED + ':' + name));
    this.a = sm(); this.b = sm(); this.c = sm(); this.d = sm();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }
  next() { // uniform uint32
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a; this.d ^= this.b; this.b ^= this.c; this.a ^= this.d;
    this.c ^= t; this.d = rotl(this.d, 11);
    return r;
  }
  // uniform integer in [lo, hi] (inclusive)
  int(lo, hi) {
    const range = hi - lo + 1;
    if (range <= 0x10000) return lo + Math.floor((this.next() * range) / 4294967296);
    // 53-bit uniform double for wide ranges
    const u = ((this.next() >>> 5) * 67108864 + (this.next() >>> 6)) / 9007199254740992;
    return lo + Math.floor(u * range);
  }
}
function rotl(x, k) { return (x << k) | (x >>> (32 - k)); }

// --------------------------------------------------------- distributions ----
// Clause 4.2.2.13 / 4.2.3 word lists. Weighted lists are [word, weight].

const NOUNS = [['packages', 40], ['requests', 40], ['accounts', 40], ['deposits', 40], ['foxes', 20],
  ['ideas', 20], ['theodolites', 20], ['pinto beans', 20], ['instructions', 20], ['dependencies', 10],
  ['excuses', 10], ['platelets', 10], ['asymptotes', 10], ['courts', 5], ['dolphins', 5],
  ['multipliers', 1], ['sauternes', 1], ['warthogs', 1], ['frets', 1], ['dinos', 1], ['attainments', 1],
  ['somas', 1], ['Tiresias', 1], ['patterns', 1], ['forges', 1], ['braids', 1], ['frays', 1],
  ['warhorses', 1], ['dugouts', 1], ['notornis', 1], ['epitaphs', 1], ['pearls', 1], ['tithes', 1],
  ['waters', 1], ['orbits', 1], ['gifts', 1], ['sheaves', 1], ['depths', 1], ['sentiments', 1],
  ['decoys', 1], ['realms', 1], ['pains', 1], ['grouches', 1], ['escapades', 1], ['hockey players', 1]];
const VERBS = [['sleep', 20], ['wake', 20], ['are', 20], ['cajole', 20], ['haggle', 20], ['nag', 10],
  ['use', 10], ['boost', 10], ['affix', 5], ['detect', 5], ['integrate', 5], ['maintain', 1], ['nod', 1],
  ['was', 1], ['lose', 1], ['sublate', 1], ['solve', 1], ['thrash', 1], ['promise', 1], ['engage', 1],
  ['hinder', 1], ['print', 1], ['x-ray', 1], ['breach', 1], ['eat', 1], ['grow', 1], ['impress', 1],
  ['mold', 1], ['poach', 1], ['serve', 1], ['run', 1], ['dazzle', 1], ['snooze', 1], ['doze', 1],
  ['unwind', 1], ['kindle', 1], ['play', 1], ['hang', 1], ['believe', 1], ['doubt', 1]];
const ADJECTIVES = [['special', 20], ['pending', 20], ['unusual', 20], ['express', 20], ['furious', 1],
  ['sly', 1], ['careful', 1], ['blithe', 1], ['quick', 1], ['fluffy', 1], ['slow', 1], ['quiet', 1],
  ['ruthless', 1], ['thin', 1], ['close', 1], ['dogged', 1], ['daring', 1], ['brave', 1], ['stealthy', 1],
  ['permanent', 1], ['enticing', 1], ['idle', 1], ['busy', 1], ['regular', 50], ['final', 40],
  ['ironic', 40], ['even', 30], ['bold', 20], ['silent', 10]];
const ADVERBS = [['sometimes', 1], ['always', 1], ['never', 1], ['furiously', 50], ['slyly', 50],
  ['carefully', 50], ['blithely', 40], ['quickly', 30], ['fluffily', 20], ['slowly', 1], ['quietly', 1],
  ['ruthlessly', 1], ['thinly', 1], ['closely', 1], ['doggedly', 1], ['daringly', 1], ['bravely', 1],
  ['stealthily', 1], ['permanently', 1], ['enticingly', 1], ['idly', 1], ['busily', 1], ['regularly', 1],
  ['finally', 1], ['ironically', 1], ['evenly', 1], ['boldly', 1], ['silently', 1]];
const PREPOSITIONS = [['about', 50], ['above', 50], ['according to', 50], ['across', 50], ['after', 50],
  ['against', 40], ['along', 40], ['alongside of', 30], ['among', 30], ['around', 20], ['at', 10],
  ['atop', 1], ['before', 1], ['behind', 1], ['beneath', 1], ['beside', 1], ['besides', 1], ['between', 1],
  ['beyond', 1], ['by', 1], ['despite', 1], ['during', 1], ['except', 1], ['for', 1], ['from', 1],
  ['in place of', 1], ['inside', 1], ['instead of', 1], ['into', 1], ['near', 1], ['of', 1], ['on', 1],
  ['outside', 1], ['over', 1], ['past', 1], ['since', 1], ['through', 1], ['throughout', 1], ['to', 1],
  ['toward', 1], ['under', 1], ['until', 1], ['up', 1], ['upon', 1], ['without', 1], ['with', 1],
  ['within', 1]];
const AUXILIARIES = ['do', 'may', 'might', 'shall', 'will', 'would', 'can', 'could', 'should', 'ought to',
  'must', 'will have to', 'shall have to', 'could have to', 'should have to', 'must have to', 'need to',
  'try to'].map((w) => [w, 1]);
const TERMINATORS = [['.', 50], [';', 1], [':', 1], ['?', 1], ['!', 1], ['--', 1]];
// sentence / noun phrase / verb phrase productions (N=noun phrase, V=verb
// phrase, P=prepositional phrase, T=terminator; J=adjective, D=adverb, X=aux)
const GRAMMAR = [['N V T', 3], ['N V P T', 3], ['N V N T', 3], ['N P V N T', 1], ['N P V P T', 1]];
const NP = [['N', 10], ['J N', 20], ['J, J N', 10], ['D J N', 50]];
const VP = [['V', 30], ['X V', 1], ['V D', 40], ['X V D', 1]];

export const COLORS = ['almond', 'antique', 'aquamarine', 'azure', 'beige', 'bisque', 'black', 'blanched',
  'blue', 'blush', 'brown', 'burlywood', 'burnished', 'chartreuse', 'chiffon', 'chocolate', 'coral',
  'cornflower', 'cornsilk', 'cream', 'cyan', 'dark', 'deep', 'dim', 'dodger', 'drab', 'firebrick', 'floral',
  'forest', 'frosted', 'gainsboro', 'ghost', 'goldenrod', 'green', 'grey', 'honeydew', 'hot', 'indian',
  'ivory', 'khaki', 'lace', 'lavender', 'lawn', 'lemon', 'light', 'lime', 'linen', 'magenta', 'maroon',
  'medium', 'metallic', 'midnight', 'mint', 'misty', 'moccasin', 'navajo', 'navy', 'olive', 'orange',
  'orchid', 'pale', 'papaya', 'peach', 'peru', 'pink', 'plum', 'powder', 'puff', 'purple', 'red', 'rose',
  'rosy', 'royal', 'saddle', 'salmon', 'sandy', 'seashell', 'sienna', 'sky', 'slate', 'smoke', 'snow',
  'spring', 'steel', 'tan', 'thistle', 'tomato', 'turquoise', 'violet', 'wheat', 'white', 'yellow'];
const TYPE_S1 = ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'];
const TYPE_S2 = ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'];
const TYPE_S3 = ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'];
const CONT_S1 = ['SM', 'LG', 'MED', 'JUMBO', 'WRAP'];
const CONT_S2 = ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'];
export const SEGMENTS = ['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'];
export const PRIORITIES = ['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'];
export const INSTRUCTIONS = ['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'];
export const MODES = ['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'];
export const REGIONS = ['AFRICA', 'AMERICA', 'ASIA', 'EUROPE', 'MIDDLE EAST'];
export const NATIONS = [['ALGERIA', 0], ['ARGENTINA', 1], ['BRAZIL', 1], ['CANADA', 1], ['EGYPT', 4],
  ['ETHIOPIA', 0], ['FRANCE', 3], ['GERMANY', 3], ['INDIA', 2], ['INDONESIA', 2], ['IRAN', 4], ['IRAQ', 4],
  ['JAPAN', 2], ['JORDAN', 4], ['KENYA', 0], ['MOROCCO', 0], ['MOZAMBIQUE', 0], ['PERU', 1], ['CHINA', 2],
  ['ROMANIA', 3], ['SAUDI ARABIA', 4], ['VIETNAM', 2], ['RUSSIA', 3], ['UNITED KINGDOM', 3],
  ['UNITED STATES', 1]];

// expand a weighted list into a lookup table: one uniform draw picks a word
function expand(list) {
  const out = [];
  for (const [w, n] of list) for (let i = 0; i < n; i++) out.push(w);
  return out;
}
const T_NOUN = expand(NOUNS), T_VERB = expand(VERBS), T_ADJ = expand(ADJECTIVES), T_ADV = expand(ADVERBS);
const T_PREP = expand(PREPOSITIONS), T_AUX = expand(AUXILIARIES), T_TERM = expand(TERMINATORS);
const T_GRAM = expand(GRAMMAR), T_NP = expand(NP), T_VP = expand(VP);

// ----------------------------------------------------------- text pool ----
// Clause 4.2.2.10/4.2.2.14: comments are substrings of a pool of sentences
// built from the grammar. The spec's pool is 300 MB; ours is TEXT_POOL_SIZE.
export const TEXT_POOL_SIZE = 10 * 1024 * 1024;

function pick(rng, table) { return table[rng.int(0, table.length - 1)]; }

function nounPhrase(rng) {
  switch (pick(rng, T_NP)) {
    case 'N': return pick(rng, T_NOUN);
    case 'J N': return pick(rng, T_ADJ) + ' ' + pick(rng, T_NOUN);
    case 'J, J N': return pick(rng, T_ADJ) + ', ' + pick(rng, T_ADJ) + ' ' + pick(rng, T_NOUN);
    default: return pick(rng, T_ADV) + ' ' + pick(rng, T_ADJ) + ' ' + pick(rng, T_NOUN);
  }
}
function verbPhrase(rng) {
  switch (pick(rng, T_VP)) {
    case 'V': return pick(rng, T_VERB);
    case 'X V': return pick(rng, T_AUX) + ' ' + pick(rng, T_VERB);
    case 'V D': return pick(rng, T_VERB) + ' ' + pick(rng, T_ADV);
    default: return pick(rng, T_AUX) + ' ' + pick(rng, T_VERB) + ' ' + pick(rng, T_ADV);
  }
}
function prepPhrase(rng) { return pick(rng, T_PREP) + ' the ' + nounPhrase(rng); }
function sentence(rng) {
  const parts = [];
  for (const sym of pick(rng, T_GRAM).split(' ')) {
    if (sym === 'N') parts.push(nounPhrase(rng));
    else if (sym === 'V') parts.push(verbPhrase(rng));
    else if (sym === 'P') parts.push(prepPhrase(rng));
  }
  // the terminator attaches to the last word
  return parts.join(' ') + pick(rng, T_TERM);
}

let textPool = null;
export function getTextPool() {
  if (textPool !== null) return textPool;
  const rng = new Rng('textpool');
  const chunks = [];
  let len = 0;
  while (len < TEXT_POOL_SIZE) {
    const s = sentence(rng);
    chunks.push(s);
    len += s.length + 1;
  }
  textPool = chunks.join(' ').slice(0, TEXT_POOL_SIZE);
  return textPool;
}

// text string [min,max]: offset random in [0, pool - max], length random in [min,max]
function text(rng, min, max) {
  const pool = textPool;
  const len = rng.int(min, max);
  const off = rng.int(0, pool.length - max);
  return pool.substring(off, off + len);
}

// random v-string [min,max] (clause 4.2.2.7): 64-symbol alphabet
const VCHARS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ,.';
function vstring(rng, min, max) {
  const len = rng.int(min, max);
  let s = '';
  for (let i = 0; i < len; i++) s += VCHARS[rng.next() & 63];
  return s;
}

// phone number (clause 4.2.2.9): country code = nationkey + 10
function phone(rng, nationkey) {
  return (nationkey + 10) + '-' + rng.int(100, 999) + '-' + rng.int(100, 999) + '-' + rng.int(1000, 9999);
}

// ---------------------------------------------------------- formatting ----
function pad9(n) { const s = String(n); return s.length >= 9 ? s : '000000000'.slice(s.length) + s; }
// money in integer cents -> "123.45"
function money(c) {
  const neg = c < 0;
  const a = neg ? -c : c;
  const f = a % 100;
  return (neg ? '-' : '') + ((a - f) / 100) + (f < 10 ? '.0' : '.') + f;
}
// RFC 4180: quote when the field contains a comma/quote/newline; we also
// quote fields with leading/trailing blanks so trimming CSV readers keep them.
function csv(s) {
  if (s.length === 0) return s;
  if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 ||
      s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) {
    return '"' + s.replace(/"/g, '""') + '"';
  }
  return s;
}

// dates: day numbers relative to 1992-01-01 with a precomputed string table
const DAY_MS = 86400000;
const EPOCH = Date.UTC(1992, 0, 1);
export const STARTDATE = 0; // 1992-01-01
export const CURRENTDATE = (Date.UTC(1995, 5, 17) - EPOCH) / DAY_MS; // 1995-06-17
export const ENDDATE = (Date.UTC(1998, 11, 31) - EPOCH) / DAY_MS; // 1998-12-31
const DATE_STR = [];
for (let d = 0; d <= ENDDATE + 200; d++) DATE_STR.push(new Date(EPOCH + d * DAY_MS).toISOString().slice(0, 10));

// ------------------------------------------------------------- writers ----
class CsvWriter {
  constructor(file, header) {
    this.fd = fs.openSync(file, 'w');
    this.buf = header + '\n';
    this.rows = 0;
  }
  row(line) {
    this.buf += line + '\n';
    this.rows++;
    if (this.buf.length > (1 << 20)) this.flush();
  }
  flush() { if (this.buf.length) { fs.writeSync(this.fd, this.buf); this.buf = ''; } }
  close() { this.flush(); fs.closeSync(this.fd); }
}

// ---------------------------------------------------------- cardinality ----
export function cardinalities(sf) {
  return {
    region: 5,
    nation: 25,
    supplier: Math.max(1, Math.floor(10000 * sf)),
    part: Math.max(1, Math.floor(200000 * sf)),
    customer: Math.max(1, Math.floor(150000 * sf)),
    orders: Math.max(1, Math.floor(1500000 * sf)),
    clerks: Math.max(1, Math.floor(1000 * sf)),
  };
}

// clause 4.2.3: retail price in cents
export function retailPriceCents(pk) {
  return 90000 + (Math.floor(pk / 10) % 20001) + 100 * (pk % 1000);
}
// clause 4.2.3: i-th supplier (i in 0..3) of a part; S = supplier count
export function partSupp(pk, i, S) {
  return ((pk + i * (Math.floor(S / 4) + Math.floor((pk - 1) / S))) % S) + 1;
}
// clause 4.2.3: sparse order keys, first 8 of every 32 keys are used
export function orderKey(i /* 1-based order index */) {
  const z = i - 1;
  return Math.floor(z / 8) * 32 + (z % 8) + 1;
}

// ---------------------------------------------------------------- tables ----
function genRegion(out) {
  const w = new CsvWriter(path.join(out, 'region.csv'), 'r_regionkey,r_name,r_comment');
  const rc = new Rng('region.r_comment');
  REGIONS.forEach((name, k) => w.row(k + ',' + name + ',' + csv(text(rc, 31, 115))));
  w.close();
  return w.rows;
}

function genNation(out) {
  const w = new CsvWriter(path.join(out, 'nation.csv'), 'n_nationkey,n_name,n_regionkey,n_comment');
  const rc = new Rng('nation.n_comment');
  NATIONS.forEach(([name, r], k) => w.row(k + ',' + name + ',' + r + ',' + csv(text(rc, 31, 114))));
  w.close();
  return w.rows;
}

function genSupplier(out, card, sf) {
  const S = card.supplier;
  const w = new CsvWriter(path.join(out, 'supplier.csv'),
    's_suppkey,s_name,s_address,s_nationkey,s_phone,s_acctbal,s_comment');
  const rAddr = new Rng('supplier.s_address'), rNat = new Rng('supplier.s_nationkey');
  const rPhone = new Rng('supplier.s_phone'), rBal = new Rng('supplier.s_acctbal');
  const rCom = new Rng('supplier.s_comment'), rSel = new Rng('supplier.bbb_select');
  const rBbb = new Rng('supplier.bbb_text');
  // exactly round(5*SF) (at least 1) complaint rows and as many recommend rows,
  // chosen by sequential selection sampling over all suppliers
  let needC = Math.min(S, Math.max(1, Math.round(5 * sf)));
  let needR = Math.min(S - needC, needC);
  for (let k = 1; k <= S; k++) {
    const nk = rNat.int(0, 24);
    let comment = text(rCom, 25, 100);
    const r = rSel.int(0, S - k); // S-k+1 remaining rows
    let tag = null;
    if (r < needC) { tag = 'Complaints'; needC--; } else if (r < needC + needR) { tag = 'Recommends'; needR--; }
    if (tag !== null) {
      // "Customer" ... tag at a random position, random text in between; length is kept
      const L = comment.length;
      const gap = rBbb.int(0, L - 18);
      const pos = rBbb.int(0, L - 18 - gap);
      comment = comment.slice(0, pos) + 'Customer' + comment.slice(pos + 8, pos + 8 + gap) + tag +
        comment.slice(pos + 18 + gap);
    }
    w.row(k + ',Supplier#' + pad9(k) + ',' + csv(vstring(rAddr, 10, 40)) + ',' + nk + ',' + phone(rPhone, nk) +
      ',' + money(rBal.int(-99999, 999999)) + ',' + csv(comment));
  }
  w.close();
  return w.rows;
}

function genCustomer(out, card) {
  const w = new CsvWriter(path.join(out, 'customer.csv'),
    'c_custkey,c_name,c_address,c_nationkey,c_phone,c_acctbal,c_mktsegment,c_comment');
  const rAddr = new Rng('customer.c_address'), rNat = new Rng('customer.c_nationkey');
  const rPhone = new Rng('customer.c_phone'), rBal = new Rng('customer.c_acctbal');
  const rSeg = new Rng('customer.c_mktsegment'), rCom = new Rng('customer.c_comment');
  for (let k = 1; k <= card.customer; k++) {
    const nk = rNat.int(0, 24);
    w.row(k + ',Customer#' + pad9(k) + ',' + csv(vstring(rAddr, 10, 40)) + ',' + nk + ',' + phone(rPhone, nk) +
      ',' + money(rBal.int(-99999, 999999)) + ',' + SEGMENTS[rSeg.int(0, 4)] + ',' + csv(text(rCom, 29, 116)));
  }
  w.close();
  return w.rows;
}

function genPart(out, card) {
  const w = new CsvWriter(path.join(out, 'part.csv'),
    'p_partkey,p_name,p_mfgr,p_brand,p_type,p_size,p_container,p_retailprice,p_comment');
  const rName = new Rng('part.p_name'), rMfgr = new Rng('part.p_mfgr'), rBrand = new Rng('part.p_brand');
  const rType = new Rng('part.p_type'), rSize = new Rng('part.p_size');
  const rCont = new Rng('part.p_container'), rCom = new Rng('part.p_comment');
  const colors = COLORS.slice();
  const nc = colors.length;
  for (let k = 1; k <= card.part; k++) {
    // five distinct colors: partial Fisher-Yates over the (persistent) array
    for (let i = 0; i < 5; i++) {
      const j = rName.int(i, nc - 1);
      const t = colors[i]; colors[i] = colors[j]; colors[j] = t;
    }
    const name = colors[0] + ' ' + colors[1] + ' ' + colors[2] + ' ' + colors[3] + ' ' + colors[4];
    const m = rMfgr.int(1, 5);
    const n = rBrand.int(1, 5);
    const type = TYPE_S1[rType.int(0, 5)] + ' ' + TYPE_S2[rType.int(0, 4)] + ' ' + TYPE_S3[rType.int(0, 4)];
    const cont = CONT_S1[rCont.int(0, 4)] + ' ' + CONT_S2[rCont.int(0, 7)];
    w.row(k + ',' + name + ',Manufacturer#' + m + ',Brand#' + m + n + ',' + type + ',' + rSize.int(1, 50) + ',' +
      cont + ',' + money(retailPriceCents(k)) + ',' + csv(text(rCom, 5, 22)));
  }
  w.close();
  return w.rows;
}

function genPartsupp(out, card) {
  const S = card.supplier;
  const w = new CsvWriter(path.join(out, 'partsupp.csv'),
    'ps_partkey,ps_suppkey,ps_availqty,ps_supplycost,ps_comment');
  const rQty = new Rng('partsupp.ps_availqty'), rCost = new Rng('partsupp.ps_supplycost');
  const rCom = new Rng('partsupp.ps_comment');
  for (let k = 1; k <= card.part; k++) {
    for (let i = 0; i < 4; i++) {
      w.row(k + ',' + partSupp(k, i, S) + ',' + rQty.int(1, 9999) + ',' + money(rCost.int(100, 100000)) + ',' +
        csv(text(rCom, 49, 198)));
    }
  }
  w.close();
  return w.rows;
}

// orders and lineitem come from one pass (o_totalprice / o_orderstatus depend
// on the order's lines); either file may be skipped.
function genOrdersLineitem(out, card, wantOrders, wantLineitem) {
  const S = card.supplier, P = card.part, C = card.customer;
  const ow = wantOrders ? new CsvWriter(path.join(out, 'orders.csv'),
    'o_orderkey,o_custkey,o_orderstatus,o_totalprice,o_orderdate,o_orderpriority,o_clerk,o_shippriority,o_comment') : null;
  const lw = wantLineitem ? new CsvWriter(path.join(out, 'lineitem.csv'),
    'l_orderkey,l_partkey,l_suppkey,l_linenumber,l_quantity,l_extendedprice,l_discount,l_tax,l_returnflag,' +
    'l_linestatus,l_shipdate,l_commitdate,l_receiptdate,l_shipinstruct,l_shipmode,l_comment') : null;
  const rCust = new Rng('orders.o_custkey'), rDate = new Rng('orders.o_orderdate');
  const rPrio = new Rng('orders.o_orderpriority'), rClerk = new Rng('orders.o_clerk');
  const rOCom = new Rng('orders.o_comment'), rLines = new Rng('lineitem.count');
  const rPart = new Rng('lineitem.l_partkey'), rSupp = new Rng('lineitem.l_suppkey');
  const rQty = new Rng('lineitem.l_quantity'), rDisc = new Rng('lineitem.l_discount');
  const rTax = new Rng('lineitem.l_tax'), rShip = new Rng('lineitem.l_shipdate');
  const rCommit = new Rng('lineitem.l_commitdate'), rRecv = new Rng('lineitem.l_receiptdate');
  const rFlag = new Rng('lineitem.l_returnflag'), rInstr = new Rng('lineitem.l_shipinstruct');
  const rMode = new Rng('lineitem.l_shipmode'), rLCom = new Rng('lineitem.l_comment');
  const custChoices = C - Math.floor(C / 3); // custkeys that are not multiples of 3
  const lastOrderDate = ENDDATE - 151;
  const PCT = []; for (let i = 0; i <= 10; i++) PCT.push(money(i));
  const QTY = []; for (let i = 0; i <= 50; i++) QTY.push(i + '.00');
  let lineRows = 0;
  for (let i = 1; i <= card.orders; i++) {
    const okey = orderKey(i);
    const j = rCust.int(0, custChoices - 1);
    const custkey = Math.floor(j / 2) * 3 + (j % 2) + 1;
    const odate = rDate.int(STARTDATE, lastOrderDate);
    const prio = PRIORITIES[rPrio.int(0, 4)];
    const clerk = 'Clerk#' + pad9(rClerk.int(1, card.clerks));
    const ocomment = text(rOCom, 19, 78);
    const nlines = rLines.int(1, 7);
    let total = 0, nF = 0;
    for (let ln = 1; ln <= nlines; ln++) {
      const pk = rPart.int(1, P);
      const sk = partSupp(pk, rSupp.int(0, 3), S);
      const qty = rQty.int(1, 50);
      const disc = rDisc.int(0, 10);
      const tax = rTax.int(0, 8);
      const ext = qty * retailPriceCents(pk);
      const ship = odate + rShip.int(1, 121);
      const commit = odate + rCommit.int(30, 90);
      const recv = ship + rRecv.int(1, 30);
      const flagDraw = rFlag.int(0, 1);
      const rflag = recv <= CURRENTDATE ? (flagDraw === 0 ? 'R' : 'A') : 'N';
      const lstatus = ship > CURRENTDATE ? 'O' : 'F';
      if (lstatus === 'F') nF++;
      // per-line charge rounded to cents, then summed
      total += Math.round((ext * (100 + tax) * (100 - disc)) / 10000);
      const instr = INSTRUCTIONS[rInstr.int(0, 3)];
      const mode = MODES[rMode.int(0, 6)];
      const lcomment = text(rLCom, 10, 43);
      if (lw) {
        lw.row(okey + ',' + pk + ',' + sk + ',' + ln + ',' + QTY[qty] + ',' + money(ext) + ',' + PCT[disc] + ',' +
          PCT[tax] + ',' + rflag + ',' + lstatus + ',' + DATE_STR[ship] + ',' + DATE_STR[commit] + ',' +
          DATE_STR[recv] + ',' + instr + ',' + mode + ',' + csv(lcomment));
      }
      lineRows++;
    }
    if (ow) {
      const status = nF === nlines ? 'F' : nF === 0 ? 'O' : 'P';
      ow.row(okey + ',' + custkey + ',' + status + ',' + money(total) + ',' + DATE_STR[odate] + ',' + prio + ',' +
        clerk + ',0,' + csv(ocomment));
    }
  }
  if (ow) ow.close();
  if (lw) lw.close();
  return { orders: card.orders, lineitem: lineRows };
}

export const ALL_TABLES = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'];

// generate the requested tables; returns { table: rowCount }
export function generate({ scale, out, tables = ALL_TABLES, log = () => {} }) {
  if (!(scale > 0)) throw new Error('scale must be > 0');
  for (const t of tables) if (!ALL_TABLES.includes(t)) throw new Error('unknown table: ' + t);
  fs.mkdirSync(out, { recursive: true });
  const card = cardinalities(scale);
  getTextPool();
  const counts = {};
  const timed = (name, fn) => {
    const t0 = process.hrtime.bigint();
    const r = fn();
    log(`${name}: ${JSON.stringify(r)} rows in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2)}s`);
    return r;
  };
  const want = new Set(tables);
  if (want.has('region')) counts.region = timed('region', () => genRegion(out));
  if (want.has('nation')) counts.nation = timed('nation', () => genNation(out));
  if (want.has('supplier')) counts.supplier = timed('supplier', () => genSupplier(out, card, scale));
  if (want.has('customer')) counts.customer = timed('customer', () => genCustomer(out, card));
  if (want.has('part')) counts.part = timed('part', () => genPart(out, card));
  if (want.has('partsupp')) counts.partsupp = timed('partsupp', () => genPartsupp(out, card));
  if (want.has('orders') || want.has('lineitem')) {
    const r = timed(want.has('orders') && want.has('lineitem') ? 'orders+lineitem' : want.has('orders') ? 'orders' : 'lineitem',
      () => genOrdersLineitem(out, card, want.has('orders'), want.has('lineitem')));
    if (want.has('orders')) counts.orders = r.orders;
    if (want.has('lineitem')) counts.lineitem = r.lineitem;
  }
  return counts;
}

function parseArgs(argv) {
  const args = { scale: 1, out: null, tables: ALL_TABLES };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) throw new Error('missing value for ' + a); return argv[++i]; };
    if (a === '--scale' || a === '-s') args.scale = Number(val());
    else if (a === '--out' || a === '-o') args.out = val();
    else if (a === '--tables' || a === '-t') args.tables = val().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--help' || a === '-h') args.help = true;
    else throw new Error('unknown argument: ' + a);
  }
  return args;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
    if (args.help || !args.out) {
      console.error('usage: node generate.mjs --scale SF --out DIR [--tables ' + ALL_TABLES.join(',') + ']');
      process.exit(args.help ? 0 : 2);
    }
    const t0 = Date.now();
    const counts = generate({ scale: args.scale, out: args.out, tables: args.tables, log: (m) => console.error(m) });
    console.error(`done in ${((Date.now() - t0) / 1000).toFixed(2)}s: ${JSON.stringify(counts)}`);
  } catch (e) {
    console.error('error: ' + e.message);
    process.exit(2);
  }
}
