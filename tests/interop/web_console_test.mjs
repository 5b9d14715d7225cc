// The HTTP listener's web console against a real boyodb-server: its page, script and style
// are served with a strict Content-Security-Policy, and its script, run in node's vm with a
// stand-in for the page's elements and node's own fetch, queries the server through
// POST /query and shows rows (exact values, HTML escaped, NULL marked), command tags, and
// errors with their SQLSTATE, bad logins included.
// Run by tests/support/with_server.py, which names the server in BOYODB_HOST,
// BOYODB_HTTP_PORT, BOYODB_USER and BOYODB_PASSWORD.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import vm from 'node:vm';

const base = `http://${process.env.BOYODB_HOST}:${process.env.BOYODB_HTTP_PORT}`;

// The page's elements the script touches, by id.
function element(value = '') {
  return {
    value, innerHTML: '', textContent: '', listeners: {},
    addEventListener(type, listener) { this.listeners[type] = listener; },
  };
}

let page;
let console_;

before(async () => {
  const script = await (await fetch(base + '/console.js')).text();
  page = {
    user: element(process.env.BOYODB_USER), password: element(process.env.BOYODB_PASSWORD),
    database: element(''), sql: element(''), run: element(), status: element(),
    result: element(),
  };
  const context = vm.createContext({
    document: { getElementById: (id) => page[id] },
    fetch: (url, init) => fetch(base + url, init),
    btoa, TextEncoder,
  });
  vm.runInContext(script, context);
  console_ = context.boyodbConsole;
});

async function run(sql, changes = {}) {
  page.sql.value = sql;
  for (const [id, value] of Object.entries(changes)) page[id].value = value;
  await console_.run();
  return page.result.innerHTML;
}

test('the page, its script and its style are served with a strict policy', async () => {
  const expected = {
    '/': 'text/html', '/console.js': 'text/javascript', '/console.css': 'text/css',
  };
  for (const [path, type] of Object.entries(expected)) {
    const response = await fetch(base + path);
    assert.equal(response.status, 200, path);
    assert.ok(response.headers.get('content-type').startsWith(type), path);
    assert.match(response.headers.get('content-security-policy'), /script-src 'self'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  }
  const html = await (await fetch(base + '/')).text();
  for (const id of ['user', 'password', 'database', 'sql', 'run', 'status', 'result']) {
    assert.match(html, new RegExp(`id="${id}"`), id);
  }
  assert.equal((await fetch(base + '/', { method: 'POST' })).status, 405);
  // Clicking Run runs the query.
  assert.equal(typeof page.run.listeners.click, 'function');
});

test('rows show exactly, escaped, with NULL marked', async () => {
  const html = await run(
    "SELECT 12345678901234567 AS big, '<b>&\"x\"</b>' AS markup, NULL::text AS nothing, " +
    "E'tab\\there' AS tab, 2.50::numeric(5,2) AS price");
  assert.equal(html,
    '<table><thead><tr><th>big</th><th>markup</th><th>nothing</th><th>tab</th>' +
    '<th>price</th></tr></thead><tbody><tr><td>12345678901234567</td>' +
    '<td>&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;</td><td class="null">NULL</td>' +
    '<td>tab\there</td><td>2.50</td></tr></tbody></table>');
  assert.match(page.status.textContent, /^1 row, \d+ ms$/);
});

test('statements without rows show their command tag, and the last result is shown', async () => {
  assert.equal(await run('CREATE TABLE console_t (a int)'), '<p>CREATE TABLE</p>');
  assert.equal(await run('INSERT INTO console_t VALUES (1), (2); SELECT sum(a) FROM console_t'),
    '<table><thead><tr><th>sum</th></tr></thead><tbody><tr><td>3</td></tr></tbody></table>');
  assert.match(page.status.textContent, /^1 row/);
});

test('errors show their message and SQLSTATE', async () => {
  assert.equal(await run('SELECT nope'),
    '<div class="error">ERROR:  column &quot;nope&quot; does not exist\nSQLSTATE: 42703\n' +
    'at character 8</div>');
  const refused = await run('SELECT 1', { password: 'not-the-password' });
  assert.match(refused, /SQLSTATE: 28P01/);
  page.password.value = process.env.BOYODB_PASSWORD;
  assert.match(await run('SELECT 1', { database: 'nowhere' }), /SQLSTATE: 3F000/);
  page.database.value = '';
});

test('the database field chooses the database', async () => {
  await run('CREATE SCHEMA console_db');
  assert.equal(await run('SELECT current_schema()', { database: 'console_db' }),
    '<table><thead><tr><th>current_schema</th></tr></thead><tbody><tr><td>console_db</td>' +
    '</tr></tbody></table>');
  page.database.value = '';
});
