#include "server/http/web_console.h"

#include <array>

namespace boyodb::server::http {

namespace {

constexpr std::string_view kPage = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>BoyoDB console</title>
<link rel="stylesheet" href="/console.css">
<script src="/console.js" defer></script>
</head>
<body>
<header>
  <h1>BoyoDB</h1>
  <label>User <input id="user" autocomplete="username" value="admin"></label>
  <label>Password <input id="password" type="password" autocomplete="current-password"></label>
  <label>Database <input id="database" placeholder="default"></label>
</header>
<main>
  <textarea id="sql" spellcheck="false" placeholder="SELECT version()">SELECT version()</textarea>
  <div class="actions">
    <button id="run" type="button">Run</button>
    <span class="hint">Ctrl+Enter runs the statements; the last one's result is shown.</span>
    <span id="status" role="status"></span>
  </div>
  <div id="result"></div>
</main>
</body>
</html>
)html";

constexpr std::string_view kStyle = R"css(body { font-family: sans-serif; margin: 0; }
header { display: flex; gap: 1em; align-items: center; padding: 0.5em 1em;
         background: #1d3557; color: #fff; }
header h1 { font-size: 1.2em; margin: 0 1em 0 0; }
main { padding: 1em; }
textarea { width: 100%; height: 10em; font-family: monospace; font-size: 1em;
           box-sizing: border-box; }
.actions { margin: 0.5em 0; display: flex; gap: 1em; align-items: center; }
.hint { color: #666; font-size: 0.9em; }
#result { overflow: auto; max-height: 70vh; }
table { border-collapse: collapse; font-family: monospace; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; white-space: pre; }
th { background: #f1f1f1; position: sticky; top: 0; }
th small { color: #666; font-weight: normal; }
td.null { color: #999; font-style: italic; }
.error { color: #b00020; white-space: pre-wrap; font-family: monospace; }
)css";

// Results come as TSV (COPY's text format: exact values, \N for NULL) so numbers keep every
// digit, which JSON numbers in JavaScript would not; statements without rows and errors come
// as JSON.
constexpr std::string_view kScript = R"js('use strict';
(function () {
  const byId = (id) => document.getElementById(id);

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({
      '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'
    })[c]);
  }

  // One field of COPY's text format: \N is NULL; backslash escapes as COPY writes them.
  function copyField(field) {
    if (field === '\\N') return null;
    return field.replace(/\\(.)/g, (all, c) => ({
      't': '\t', 'n': '\n', 'r': '\r', 'b': '\b', 'f': '\f', 'v': '\v', '\\': '\\'
    })[c] ?? c);
  }

  // A TSV body with a header line: the column names and the rows.
  function parseTsv(body) {
    const lines = body.split('\n');
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    const columns = lines.length ? lines[0].split('\t').map(copyField) : [];
    const rows = lines.slice(1).map((line) => line.split('\t').map(copyField));
    return { columns, rows };
  }

  function renderTable(columns, rows) {
    const head = columns.map((name) => '<th>' + escapeHtml(name) + '</th>').join('');
    const body = rows.map((row) => '<tr>' + row.map((value) => value === null
      ? '<td class="null">NULL</td>'
      : '<td>' + escapeHtml(value) + '</td>').join('') + '</tr>').join('');
    return '<table><thead><tr>' + head + '</tr></thead><tbody>' + body + '</tbody></table>';
  }

  function renderError(error) {
    let text = 'ERROR:  ' + error.message + '\nSQLSTATE: ' + error.code;
    if (error.position) text += '\nat character ' + error.position;
    return '<div class="error">' + escapeHtml(text) + '</div>';
  }

  function credentials(user, password) {
    const bytes = new TextEncoder().encode(user + ':' + password);
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary);
  }

  async function run() {
    const status = byId('status');
    const result = byId('result');
    const database = byId('database').value.trim();
    const url = '/query?format=tsv' + (database ? '&database=' + encodeURIComponent(database) : '');
    status.textContent = 'running...';
    const started = Date.now();
    let response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'Authorization': 'Basic ' + credentials(byId('user').value, byId('password').value),
          'Content-Type': 'text/plain; charset=utf-8'
        },
        body: byId('sql').value
      });
    } catch (failure) {
      status.textContent = '';
      result.innerHTML = renderError({ message: 'the server did not answer: ' + failure.message,
                                       code: '08006' });
      return;
    }
    const elapsed = (Date.now() - started) + ' ms';
    const body = await response.text();
    if ((response.headers.get('Content-Type') || '').startsWith('text/tab-separated-values')) {
      const table = parseTsv(body);
      result.innerHTML = renderTable(table.columns, table.rows);
      status.textContent = table.rows.length + (table.rows.length === 1 ? ' row' : ' rows') +
                           ', ' + elapsed;
      return;
    }
    let answer;
    try {
      answer = JSON.parse(body);
    } catch (failure) {
      answer = { status: 'error', code: 'XX000', message: 'HTTP ' + response.status + ': ' + body };
    }
    if (answer.status === 'error') {
      result.innerHTML = renderError(answer);
      status.textContent = elapsed;
      return;
    }
    result.innerHTML = '<p>' + escapeHtml(answer.command || 'done') + '</p>';
    status.textContent = elapsed;
  }

  byId('run').addEventListener('click', run);
  byId('sql').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  globalThis.boyodbConsole = { run, parseTsv, renderTable };
})();
)js";

const std::array<std::pair<std::string_view, ConsoleFile>, 3> kFiles = {{
    {"/", {"text/html; charset=utf-8", kPage}},
    {"/console.js", {"text/javascript; charset=utf-8", kScript}},
    {"/console.css", {"text/css; charset=utf-8", kStyle}},
}};

}  // namespace

const ConsoleFile* FindConsoleFile(std::string_view path) {
  for (const auto& [file_path, file] : kFiles) {
    if (file_path == path) return &file;
  }
  return nullptr;
}

}  // namespace boyodb::server::http
