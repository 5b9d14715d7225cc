// TLS: the option's checks (no server needed), scripted servers that answer the wrong way,
// and, under with_server.py --tls, a server with TLS 1.3 and mutual TLS on: the client
// certificate works, and every kind of refusal is a BoyoError that says why.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { describe, test } from 'node:test';
import { BoyoError, Pool, connect } from '../dist/index.js';
import { connectClient, connectOptions, needsServer, needsTlsServer, tlsFiles } from '../test-support/server.mjs';

/** Rejects unless `promise` rejects with a BoyoError of `code` whose message matches `pattern`. */
function assertBoyoError(promise, code, pattern) {
  return assert.rejects(promise, (error) => {
    assert.ok(error instanceof BoyoError, `not a BoyoError: ${error}`);
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

/** A plain TCP server that runs `onConnection(socket)` for each client; closed by `close()`. */
async function scriptedServer(onConnection) {
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    onConnection(socket);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const PLAIN = { host: '127.0.0.1', user: 'u', password: 'p', timeoutMs: 5000 };

describe('tls options', () => {
  test('cert without key (or key without cert) is a TypeError', async () => {
    await assert.rejects(connect({ ...PLAIN, port: 1, tls: { cert: 'client.pem' } }), TypeError);
    await assert.rejects(connect({ ...PLAIN, port: 1, tls: { key: 'client.key' } }), /cert and key go together/);
  });

  test('a PEM file that cannot be read is 08006 naming the option and the path', async () => {
    await assertBoyoError(
      connect({ ...PLAIN, port: 1, tls: { ca: '/nonexistent/ca.pem' } }),
      '08006', /^cannot read the tls option ca from \/nonexistent\/ca\.pem: .*ENOENT/,
    );
  });

  test('a plain server that answers a TLS client with something else: 08006, not TLS', async () => {
    const server = await scriptedServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n')));
    try {
      await assertBoyoError(connect({ ...PLAIN, port: server.port, tls: true }), '08006', /did not answer with TLS/);
    } finally {
      await server.close();
    }
  });

  test('a TLS alert where a plain client expects a frame: 08006 at once, not a wait', async () => {
    // A TLS record: alert, version 3.3, length 2, fatal (2) unexpected_message (10); the
    // connection stays open, so only recognising the record ends the wait.
    const server = await scriptedServer((socket) => socket.once('data', () => socket.write(Buffer.from([0x15, 3, 3, 0, 2, 2, 10]))));
    try {
      await assertBoyoError(connect({ ...PLAIN, port: server.port }), '08006', /answered with TLS: connect with the tls option/);
    } finally {
      await server.close();
    }
  });

  test('a server that hangs up before answering: the message mentions TLS', async () => {
    const server = await scriptedServer((socket) => socket.once('data', () => socket.end()));
    try {
      await assertBoyoError(connect({ ...PLAIN, port: server.port }), '08006', /without answering; if it requires TLS/);
    } finally {
      await server.close();
    }
  });
});

describe('a plain server', { skip: needsServer || (tlsFiles.ca ? 'the server has TLS on' : false) }, () => {
  test('has no TLS: plain clients report null, a TLS client fails with 08006', async () => {
    const client = await connectClient();
    assert.equal(client.tlsProtocol, null);
    await client.close();
    await assertBoyoError(connectClient({ tls: true, timeoutMs: 5000 }), '08006', /did not answer with TLS/);
  });
});

describe('a server with mutual TLS', { skip: needsTlsServer }, () => {
  const withCertificate = (tls) => connectOptions({ tls: { ca: tlsFiles.ca, cert: tlsFiles.cert, key: tlsFiles.key, ...tls } });

  test('the client certificate is accepted over TLS 1.3', async () => {
    const client = await connect(withCertificate({}));
    assert.equal(client.tlsProtocol, 'TLSv1.3');
    assert.deepEqual((await client.query('SELECT current_user AS u')).rows, [{ u: 'admin' }]);
    await client.close();
  });

  test('PEM contents work as well as paths', async () => {
    const [ca, cert, key] = await Promise.all([readFile(tlsFiles.ca, 'utf8'), readFile(tlsFiles.cert), readFile(tlsFiles.key, 'utf8')]);
    const client = await connect(connectOptions({ tls: { ca, cert, key } }));
    assert.equal(client.tlsProtocol, 'TLSv1.3');
    await client.close();
  });

  test('a host name is checked against the certificate, and servername overrides it', async () => {
    // The certificate holds IP 127.0.0.1 and DNS localhost.
    const byName = await connect({ ...withCertificate({}), host: 'localhost' });
    assert.equal(byName.tlsProtocol, 'TLSv1.3');
    await byName.close();
    const named = await connect(withCertificate({ servername: 'localhost' }));
    await named.close();
    await assertBoyoError(connect(withCertificate({ servername: 'db.example.com' })), '08006',
      /certificate was not accepted: Hostname\/IP does not match/);
  });

  test('a server certificate from a CA the client does not trust is refused', async () => {
    // Default CAs: the test CA is not among them.
    await assertBoyoError(connect(connectOptions({ tls: { cert: tlsFiles.cert, key: tlsFiles.key } })), '08006',
      /certificate was not accepted: self-signed certificate in certificate chain/);
    // A CA that did not sign the server's certificate.
    await assertBoyoError(connect(withCertificate({ ca: tlsFiles.rogueCert })), '08006', /certificate was not accepted/);
  });

  test('no client certificate: refused with 08006', async () => {
    await assertBoyoError(connect(connectOptions({ tls: { ca: tlsFiles.ca } })), '08006',
      /^the TLS connection to the server failed: the server requires a client certificate/);
  });

  test('a client certificate from another CA: refused with 08006', async () => {
    await assertBoyoError(connect(withCertificate({ cert: tlsFiles.rogueCert, key: tlsFiles.rogueKey })), '08006',
      /^the TLS connection to the server failed: the server refused the client certificate \(tlsv1 alert unknown ca\)/);
  });

  test('plain TCP to the TLS server fails with 08006 within the timeout', async () => {
    // A hang would end in 57014 when timeoutMs runs out.
    await assertBoyoError(connect(connectOptions({ tls: false, timeoutMs: 5000 })), '08006', /tls option/);
  });

  test('pool connections use the same TLS settings', async () => {
    const pool = new Pool({ ...withCertificate({}), max: 3 });
    try {
      const protocols = await Promise.all(Array.from({ length: 3 }, () =>
        pool.withClient(async (client) => {
          await client.query('SELECT pg_sleep(0.05)');
          return client.tlsProtocol;
        })));
      assert.deepEqual(protocols, ['TLSv1.3', 'TLSv1.3', 'TLSv1.3']);
      assert.deepEqual((await pool.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
    } finally {
      await pool.end();
    }
  });

  test('after the refusals, the server still serves', async () => {
    const client = await connectClient();
    assert.deepEqual((await client.query('SELECT 2 AS two')).rows, [{ two: 2 }]);
    await client.close();
  });
});
