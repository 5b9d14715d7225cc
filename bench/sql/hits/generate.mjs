#!/usr/bin/env node
// Generates a ClickBench-style `hits` table as CSV (a 26-column subset of ClickBench's 105
// columns, with ClickBench's names and PostgreSQL types; see README.md for the distributions).
//
// Usage: node generate.mjs --rows N --out FILE.csv [--seed S]
//
// Deterministic: the same --rows and --seed give byte-identical output. Everything is drawn from
// a seeded 32-bit PRNG (sfc32); pooled values (users, URLs, referers, phrases, titles) are derived
// from a PRNG seeded by (pool, rank), so they do not depend on the order in which rows touch them.
// Node.js 20, standard library only.

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = { rows: null, out: null, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--rows') opts.rows = Number(val());
    else if (a === '--out') opts.out = val();
    else if (a === '--seed') opts.seed = Number(val());
    else if (a === '--help' || a === '-h') opts.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// PRNG and hashing (32-bit integer arithmetic only)

function mix32(x) {
  // murmur3 fmix32
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function hash2(a, b) {
  return mix32((Math.imul(a ^ 0x9e3779b9, 0x01000193) + mix32(b + 0x7f4a7c15)) | 0);
}

// sfc32: small fast counter PRNG, 32-bit state words.
class Rng {
  constructor(a, b, c, d) {
    this.a = a | 0; this.b = b | 0; this.c = c | 0; this.d = d | 0;
    for (let i = 0; i < 12; i++) this.u32();
  }
  static seeded(k1, k2) {
    return new Rng(hash2(k1, 0x1234567), hash2(k2, 0x89abcdef), hash2(k1 ^ k2, 0xdeadbeef), k2 ^ 0x5bd1e995);
  }
  u32() {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  // uniform in [0, 1)
  next() { return this.u32() / 4294967296; }
  int(n) { return Math.floor(this.next() * n); }
  chance(p) { return this.next() < p; }
}

// 64-bit string hash as two 32-bit lanes -> non-negative 63-bit decimal string.
function strHash63(s, seed) {
  let h1 = (0x811c9dc5 ^ seed) >>> 0, h2 = (0x01000193 + seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  h1 = mix32(h1 ^ s.length); h2 = mix32(h2 + h1);
  return ((BigInt(h1 & 0x7fffffff) << 32n) | BigInt(h2)).toString();
}

// 4-round Feistel permutation of 64-bit values (two 32-bit halves): a bijection, so distinct
// inputs give distinct outputs.
function feistel64(hi, lo, key) {
  let l = hi >>> 0, r = lo >>> 0;
  for (let round = 0; round < 4; round++) {
    const f = hash2(r, key + round * 0x3c6ef372);
    const nl = r;
    r = (l ^ f) >>> 0;
    l = nl;
  }
  return [l, r];
}

// ---------------------------------------------------------------------------------------------
// Zipf-like (Zipf-Mandelbrot) sampling over ranks 0..n-1 with p(k) ~ 1/(k+1+q)^s:
// a precomputed CDF and binary search.

class Zipf {
  constructor(n, s, q = 0) {
    this.n = n;
    const cdf = new Float64Array(n);
    let acc = 0;
    for (let k = 0; k < n; k++) {
      acc += Math.pow(k + 1 + q, -s);
      cdf[k] = acc;
    }
    for (let k = 0; k < n; k++) cdf[k] /= acc;
    cdf[n - 1] = 1;
    this.cdf = cdf;
  }
  sample(u) {
    const cdf = this.cdf;
    let lo = 0, hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) hi = mid; else lo = mid + 1;
    }
    return lo;
  }
}

// Weighted choice over a small fixed table.
class Weighted {
  constructor(pairs) {
    this.values = pairs.map((p) => p[0]);
    let acc = 0;
    const total = pairs.reduce((s, p) => s + p[1], 0);
    this.cdf = pairs.map((p) => (acc += p[1] / total));
    this.cdf[this.cdf.length - 1] = 1;
  }
  pick(u) {
    const cdf = this.cdf;
    let i = 0;
    while (cdf[i] <= u) i++;
    return this.values[i];
  }
}

// ---------------------------------------------------------------------------------------------
// CSV

function csvField(s) {
  if (s === '') return '""'; // a quoted empty field is an empty string; unquoted empty is NULL
  if (/[",\r\n]/.test(s)) return '"' + s.replace(/"/g, '""') + '"';
  return s;
}

const pad2 = (n) => (n < 10 ? '0' : '') + n;

// ---------------------------------------------------------------------------------------------
// Vocabulary and fixed tables

const BASE_WORDS = (
  'buy cheap online free download video music news weather map car cars phone phones ' +
  'price sale used new best review how to make recipe recipes game games movie movies ' +
  'watch series hotel hotels flight flights ticket tickets bank credit loan job jobs work ' +
  'apartment rent house city moscow london paris berlin school university course courses ' +
  'book books photo photos wallpaper android iphone ipad samsung nokia windows linux ' +
  'kitchen garden dress shoes women men kids toys sport football hockey tennis bike ' +
  'translate dictionary english russian german lyrics song songs radio tv channel live ' +
  'forum blog shop store delivery pizza sushi coffee tea market stock exchange rate dollar ' +
  'euro ruble horoscope love dating mail search google yandex youtube wiki history ' +
  'science health doctor clinic pharmacy diet fitness yoga travel tour tours beach sea'
).split(/\s+/);

const CYRILLIC_WORDS = (
  'купить скачать бесплатно смотреть онлайн погода новости карта фильм фильмы сериал ' +
  'музыка игры цена квартира работа москва отзывы рецепт авто машины телефон одежда ' +
  'билеты гостиница кредит банк школа книга фото обои курс доллар евро гороскоп'
).split(/\s+/);

const SYLLABLES = 'ka ro mi tel san vo li pa ne dor stan ber gu fi lo mar zen ta ki po ru sha vel'.split(' ');
const TLDS = new Weighted([['ru', 45], ['com', 25], ['net', 8], ['org', 6], ['ua', 6], ['by', 4], ['kz', 3], ['info', 3]]);
const SECTIONS = ['news', 'catalog', 'search', 'item', 'video', 'forum', 'blog', 'article', 'photo', 'user', 'product', 'category', 'page', 'music', 'games'];

const POPULAR_DOMAINS = [
  'yandex.ru', 'mail.ru', 'vk.com', 'avito.ru', 'google.ru', 'google.com', 'odnoklassniki.ru',
  'youtube.com', 'auto.ru', 'kinopoisk.ru', 'wikipedia.org', 'livejournal.com', 'rambler.ru',
  'maps.google.com', 'news.yandex.ru', 'market.yandex.ru', 'irr.ru', 'hh.ru', 'lenta.ru', 'rbc.ru',
];

const MOBILE_MODELS = [
  'iPad', 'iPhone', 'GT-I9300', 'GT-I9100', 'GT-N7100', 'Lumia 920', 'HTC One', 'Nexus 7',
  'Galaxy Tab 2', 'GT-S5830', 'Xperia Z', 'Lenovo A820', 'GT-P5100', 'MI 2S', 'Desire HD',
  'Optimus L7', 'iPod', 'Kindle Fire', 'GT-I8190', 'Nokia 5800', 'SonyEricsson W995', 'Explay',
];

// (width, height, mobile?) weights
const RESOLUTIONS = new Weighted([
  [[1920, 1080, 0], 22], [[1366, 768, 0], 20], [[1280, 1024, 0], 9], [[1280, 800, 0], 6],
  [[1440, 900, 0], 6], [[1600, 900, 0], 6], [[1024, 768, 0], 5], [[1680, 1050, 0], 5],
  [[1920, 1200, 0], 3], [[2560, 1440, 0], 1], [[1360, 768, 0], 2], [[1280, 720, 0], 2],
  [[0, 0, 0], 2],
  [[360, 640, 1], 4], [[768, 1024, 1], 3], [[320, 568, 1], 2], [[375, 667, 1], 1], [[414, 736, 1], 1],
]);

const SEARCH_ENGINES = [2, 3, 1, 13, 4, 5, 6, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];
const ADV_ENGINES = [2, 27, 13, 45, 44, 3, 52, 50, 41, 4, 48, 49, 7, 1, 5, 6];
const LINK_SOURCES = new Weighted([[-1, 45], [0, 25], [6, 15], [4, 7], [5, 3], [7, 2], [8, 1], [9, 1], [10, 1]]);

// Literals used by ClickBench's queries, planted so those queries select rows.
const TOP_COUNTER_ID = 62;            // Q36..Q42 filter CounterID = 62
const PLANTED_USER_ID = '435090932899640449'; // Q19 point lookup
const PLANTED_USER_RANK = 1000;
const PLANTED_REFERER_HASH = '3594120000172545465'; // Q40: hash of the most popular referer
const PLANTED_URL_HASH = '2868770270353813622';     // Q41: hash of the most popular URL

// ---------------------------------------------------------------------------------------------
// Generator

export const COLUMNS = [
  'WatchID', 'Title', 'EventTime', 'EventDate', 'CounterID', 'ClientIP', 'RegionID', 'UserID',
  'URL', 'Referer', 'IsRefresh', 'ResolutionWidth', 'ResolutionHeight', 'MobilePhone',
  'MobilePhoneModel', 'TraficSourceID', 'SearchEngineID', 'SearchPhrase', 'AdvEngineID',
  'WindowClientWidth', 'WindowClientHeight', 'IsLink', 'IsDownload', 'DontCountHits',
  'RefererHash', 'URLHash',
];

function clampInt(x, lo, hi) { return Math.max(lo, Math.min(hi, Math.floor(x))); }

export function generate({ rows, seed = 1, write }) {
  const S = seed >>> 0;
  const rng = Rng.seeded(S, 0x51ed27);

  // Pool sizes scale with the row count (ClickBench: ~17.6M users and ~6M phrases in 100M rows).
  const nUsers = clampInt(rows / 6, 2000, 4_000_000);
  const nUrls = clampInt(rows / 5, 1000, 4_000_000);
  const nReferers = clampInt(rows / 10, 1000, 2_000_000);
  const nPhrases = clampInt(rows / 16, 500, 2_000_000);
  const nCounters = clampInt(rows / 1000, 200, 20_000);
  const nRegions = 5000;
  const nDomains = 3000;
  const nWords = 4000;

  const zUser = new Zipf(nUsers, 1.0, 50);
  const zUrl = new Zipf(nUrls, 1.0, 2);
  const zReferer = new Zipf(nReferers, 1.0, 1);
  const zPhrase = new Zipf(nPhrases, 0.95, 5);
  const zCounter = new Zipf(nCounters, 1.2);
  const zRegion = new Zipf(nRegions, 1.3);
  const zDomain = new Zipf(nDomains, 1.05);
  const zWord = new Zipf(nWords, 1.0, 3);
  const zModel = new Zipf(MOBILE_MODELS.length, 1.1);
  const zSearchEngine = new Zipf(SEARCH_ENGINES.length, 1.5);
  const zAdv = new Zipf(ADV_ENGINES.length, 1.4);

  // --- vocabulary and domains (fixed tables derived from the seed)
  const vr = Rng.seeded(S, 0xa0c4b);
  const words = [];
  const seenWords = new Set();
  const addWord = (w) => { if (!seenWords.has(w)) { seenWords.add(w); words.push(w); } };
  // interleave English and Cyrillic words among the most frequent ranks
  for (let i = 0; i < BASE_WORDS.length; i++) {
    addWord(BASE_WORDS[i]);
    if (i % 4 === 3 && i / 4 < CYRILLIC_WORDS.length) addWord(CYRILLIC_WORDS[(i - 3) / 4]);
  }
  for (const w of CYRILLIC_WORDS) addWord(w);
  while (words.length < nWords) {
    let w = '';
    const k = 2 + vr.int(3);
    for (let j = 0; j < k; j++) w += SYLLABLES[vr.int(SYLLABLES.length)];
    addWord(w);
  }

  const domains = [...POPULAR_DOMAINS];
  const seenDomains = new Set(domains);
  while (domains.length < nDomains) {
    let d = '';
    const k = 2 + vr.int(3);
    for (let j = 0; j < k; j++) d += SYLLABLES[vr.int(SYLLABLES.length)];
    if (vr.chance(0.2)) d = words[vr.int(200)].replace(/[^a-z]/g, '') + '-' + d;
    d += '.' + TLDS.pick(vr.next());
    if (vr.chance(0.1)) d = ['m', 'news', 'shop', 'forum', 'mobile'][vr.int(5)] + '.' + d;
    if (!seenDomains.has(d)) { seenDomains.add(d); domains.push(d); }
  }

  const counterIds = new Int32Array(nCounters);
  {
    const seen = new Set([TOP_COUNTER_ID]);
    counterIds[0] = TOP_COUNTER_ID;
    for (let i = 1; i < nCounters;) {
      const id = 1 + vr.int(1_999_999);
      if (!seen.has(id)) { seen.add(id); counterIds[i++] = id; }
    }
  }
  const regionIds = new Int32Array(nRegions);
  {
    const fixed = [229, 2, 208, 1, 34, 158, 184, 107, 42, 47, 225, 39, 10, 35, 54, 213];
    const seen = new Set(fixed);
    fixed.forEach((v, i) => { regionIds[i] = v; });
    for (let i = fixed.length; i < nRegions;) {
      const id = 1 + vr.int(20000);
      if (!seen.has(id)) { seen.add(id); regionIds[i++] = id; }
    }
  }

  const phraseWords = (r, n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += (i ? ' ' : '') + words[zWord.sample(r.next())];
    return s;
  };
  const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

  // --- users: id, ip, device, all derived from the rank
  const userCache = new Array(nUsers).fill(null);
  const user = (k) => {
    let u = userCache[k];
    if (u !== null) return u;
    const r = Rng.seeded(S ^ 0x05e7, k);
    let id;
    if (k === PLANTED_USER_RANK) id = PLANTED_USER_ID;
    else {
      const [hi, lo] = feistel64(0, k, S ^ 0x0ddba11);
      id = ((BigInt(hi & 0x7fffffff) << 32n) | BigInt(lo)).toString();
    }
    // Neighbouring ranks share an address now and then (NAT).
    const ip = hash2(S ^ 0x1b, r.chance(0.3) ? k >>> 2 : k) | 0;
    const [w, h, mobile] = RESOLUTIONS.pick(r.next());
    let phone = 0, model = '""';
    if (mobile || r.chance(0.01)) {
      phone = 1 + zModel.sample(r.next()) + (r.chance(0.3) ? 100 : 0);
      model = csvField(MOBILE_MODELS[(phone - 1) % 100]);
    } else if (r.chance(0.03)) {
      phone = 1 + r.int(50); // a phone number known, its model not
    }
    const region = regionIds[zRegion.sample(r.next())];
    const ww = w === 0 ? 0 : Math.max(0, w - (mobile ? 0 : r.int(60)));
    const wh = h === 0 ? 0 : Math.max(0, h - (mobile ? 60 : 90 + r.int(160)));
    u = { id, ip, w, h, phone, model, region, ww, wh };
    userCache[k] = u;
    return u;
  };

  // --- URLs: "https://[www.]domain/section/slug-<rank36>[.html|?id=..]" with a title
  const makeUrl = (r, rank, pool) => {
    const domain = domains[zDomain.sample(r.next())];
    const scheme = r.chance(0.8) ? 'https://' : 'http://';
    const www = r.chance(0.3) && domain.split('.').length === 2 ? 'www.' : '';
    const section = SECTIONS[r.int(SECTIONS.length)];
    const slug = words[zWord.sample(r.next())].replace(/[^a-z]/g, '') || 'p';
    let tail = `/${section}/${slug}-${pool}${rank.toString(36)}`;
    const t = r.next();
    if (t < 0.4) tail += '.html';
    else if (t < 0.7) tail += `?id=${r.int(100000)}&from=${words[r.int(100)].replace(/[^a-z]/g, '') || 'x'}`;
    else if (t < 0.8) tail += '/';
    return { url: scheme + www + domain + tail, domain };
  };

  const urlCache = new Array(nUrls).fill(null);
  const urlEntry = (k) => {
    let e = urlCache[k];
    if (e !== null) return e;
    const r = Rng.seeded(S ^ 0x0a11, k);
    const { url, domain } = makeUrl(r, k, 'u');
    let title = '';
    if (!r.chance(0.08)) {
      title = capitalize(phraseWords(r, 2 + r.int(6)));
      if (domain.includes('google')) title += ' - Google';
      else if (r.chance(0.03)) title = 'Google: ' + title;
      const q = r.next();
      if (q < 0.03) title = `"${title}"`;
      else if (q < 0.08) title += ', ' + phraseWords(r, 1 + r.int(3));
      title += ' — ' + domain;
    }
    e = {
      url: csvField(url),
      title: csvField(title),
      hash: k === 0 ? PLANTED_URL_HASH : strHash63(url, S),
    };
    urlCache[k] = e;
    return e;
  };
  const emptyUrlHash = strHash63('', S);

  const refCache = new Array(nReferers).fill(null);
  const refEntry = (k) => {
    let e = refCache[k];
    if (e !== null) return e;
    const r = Rng.seeded(S ^ 0x0ef1, k);
    const { url } = makeUrl(r, k, 'r');
    e = { url: csvField(url), hash: k === 0 ? PLANTED_REFERER_HASH : strHash63(url, S) };
    refCache[k] = e;
    return e;
  };
  const emptyRefererHash = strHash63('', S ^ 1);

  const phraseCache = new Array(nPhrases).fill(null);
  const phrase = (k) => {
    let p = phraseCache[k];
    if (p !== null) return p;
    const r = Rng.seeded(S ^ 0x9a5e, k);
    let s = phraseWords(r, 1 + Math.min(5, Math.floor(-Math.log(1 - r.next()) * 1.5)));
    if (r.chance(0.2)) s += ' ' + (1 + r.int(2020));
    p = csvField(s);
    phraseCache[k] = p;
    return p;
  };

  // --- time: rows are in arrival order over July 2013 with a daily cycle and quieter weekends
  const DAYS = 31;
  const hourWeights = new Float64Array(DAYS * 24 + 1);
  for (let h = 0; h < DAYS * 24; h++) {
    const day = Math.floor(h / 24), hour = h % 24;
    const weekday = (1 + day) % 7; // 2013-07-01 was a Monday: 1
    const weekend = weekday === 6 || weekday === 0 ? 0.75 : 1.0;
    const daily = 0.25 + Math.pow(Math.sin(Math.PI * Math.max(0, hour - 5) / 19), 2);
    hourWeights[h + 1] = hourWeights[h] + weekend * daily;
  }
  const totalWeight = hourWeights[DAYS * 24];
  const dateStr = [];
  for (let d = 1; d <= DAYS; d++) dateStr.push(`2013-07-${pad2(d)}`);
  let hourPtr = 0, lastSecond = -1, lastTimeStr = '';

  // --- rows
  const header = COLUMNS.join(',') + '\n';
  let chunk = header;
  const FLUSH = 1 << 20;

  for (let i = 0; i < rows; i++) {
    // time
    const target = ((i + 0.5) / rows) * totalWeight;
    while (hourPtr < DAYS * 24 - 1 && hourWeights[hourPtr + 1] <= target) hourPtr++;
    const frac = (target - hourWeights[hourPtr]) / (hourWeights[hourPtr + 1] - hourWeights[hourPtr]);
    const second = hourPtr * 3600 + Math.min(3599, Math.floor(frac * 3600));
    const day = Math.floor(hourPtr / 24);
    if (second !== lastSecond) {
      lastSecond = second;
      const sod = second % 86400;
      lastTimeStr = `${dateStr[day]} ${pad2(Math.floor(sod / 3600))}:${pad2(Math.floor(sod / 60) % 60)}:${pad2(sod % 60)}`;
    }

    // identity
    const [whi, wlo] = feistel64(i / 4294967296 >>> 0, i >>> 0, S ^ 0x3a7c);
    const watchId = BigInt.asIntN(64, (BigInt(whi) << 32n) | BigInt(wlo)).toString();
    const u = user(zUser.sample(rng.next()));
    const counterId = counterIds[zCounter.sample(rng.next())];
    const regionId = rng.chance(0.85) ? u.region : regionIds[zRegion.sample(rng.next())];
    const clientIp = rng.chance(0.9) ? u.ip : (rng.u32() | 0);

    // page
    let urlField, titleField, urlHash;
    if (rng.chance(0.002)) { urlField = '""'; titleField = '""'; urlHash = emptyUrlHash; }
    else {
      const e = urlEntry(zUrl.sample(rng.next()));
      urlField = e.url; titleField = e.title; urlHash = e.hash;
    }

    // search / advertising / referer
    let searchEngineId = 0, phraseField = '""';
    if (rng.chance(0.13)) {
      phraseField = phrase(zPhrase.sample(rng.next()));
      searchEngineId = rng.chance(0.97) ? SEARCH_ENGINES[zSearchEngine.sample(rng.next())] : 0;
    } else if (rng.chance(0.005)) {
      searchEngineId = SEARCH_ENGINES[zSearchEngine.sample(rng.next())];
    }
    const advEngineId = rng.chance(0.02) ? ADV_ENGINES[zAdv.sample(rng.next())] : 0;
    let refField, refHash;
    if (rng.chance(searchEngineId !== 0 ? 0.1 : 0.38)) { refField = '""'; refHash = emptyRefererHash; }
    else {
      const e = refEntry(zReferer.sample(rng.next()));
      refField = e.url; refHash = e.hash;
    }
    let traficSource;
    if (advEngineId !== 0) traficSource = 3;
    else if (searchEngineId !== 0) traficSource = 2;
    else if (refField === '""') traficSource = rng.chance(0.9) ? 1 : 0;
    else traficSource = LINK_SOURCES.pick(rng.next());

    // window and flags
    let ww = u.ww, wh = u.wh;
    if (ww !== 0 && rng.chance(0.25)) {
      ww = Math.max(0, ww - rng.int(400));
      wh = Math.max(0, wh - rng.int(300));
    }
    const isRefresh = rng.chance(0.09) ? 1 : 0;
    const dontCount = rng.chance(0.04) ? 1 : 0;
    const isLink = rng.chance(0.015) ? 1 : 0;
    const isDownload = rng.chance(0.005) ? 1 : 0;

    chunk += watchId + ',' + titleField + ',' + lastTimeStr + ',' + dateStr[day] + ',' +
      counterId + ',' + clientIp + ',' + regionId + ',' + u.id + ',' +
      urlField + ',' + refField + ',' + isRefresh + ',' + u.w + ',' + u.h + ',' + u.phone + ',' +
      u.model + ',' + traficSource + ',' + searchEngineId + ',' + phraseField + ',' + advEngineId + ',' +
      ww + ',' + wh + ',' + isLink + ',' + isDownload + ',' + dontCount + ',' +
      refHash + ',' + urlHash + '\n';
    if (chunk.length >= FLUSH) { write(chunk); chunk = ''; }
  }
  if (chunk.length) write(chunk);
}

// ---------------------------------------------------------------------------------------------

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`generate.mjs: ${e.message}`);
    process.exit(2);
  }
  if (opts.help || !Number.isInteger(opts.rows) || opts.rows < 0 || !opts.out ||
      !Number.isInteger(opts.seed)) {
    console.error('usage: node generate.mjs --rows N --out FILE.csv [--seed S]');
    process.exit(opts.help ? 0 : 2);
  }
  const fd = fs.openSync(opts.out, 'w');
  const t0 = process.hrtime.bigint();
  try {
    generate({ rows: opts.rows, seed: opts.seed, write: (s) => fs.writeSync(fd, s) });
  } finally {
    fs.closeSync(fd);
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.error(`generate.mjs: ${opts.rows} rows -> ${opts.out} in ${secs.toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
