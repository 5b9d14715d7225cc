"""TLS 1.3 and mutual TLS on every listener of boyodb-server, as real clients meet them.

Run under tests/support/with_server.py --tls, which starts the server with a certificate and a
client CA and names the certificates in BOYODB_TLS_* (see its documentation). Each listener
must serve a client that presents a certificate the CA signed, over TLS 1.3, and refuse one
with no certificate, one with a certificate from another CA, one that offers only TLS 1.2 and
one that does not speak TLS at all. Clients: Python's ssl module for the native protocol and
HTTP, curl for HTTP, psql and psycopg2 for the PostgreSQL wire protocol.
"""

import json
import os
import socket
import ssl
import struct
import subprocess
import sys
import unittest

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from native_frames import exchange  # noqa: E402

HOST = os.environ["BOYODB_HOST"]
NATIVE_PORT = int(os.environ["BOYODB_PORT"])
HTTP_PORT = int(os.environ["BOYODB_HTTP_PORT"])
PG_PORT = int(os.environ["BOYODB_PG_PORT"])
USER = os.environ["BOYODB_USER"]
PASSWORD = os.environ["BOYODB_PASSWORD"]
CA = os.environ["BOYODB_TLS_CA"]
CERT, KEY = os.environ["BOYODB_TLS_CERT"], os.environ["BOYODB_TLS_KEY"]
ROGUE_CERT, ROGUE_KEY = os.environ["BOYODB_TLS_ROGUE_CERT"], os.environ["BOYODB_TLS_ROGUE_KEY"]
TIMEOUT = 30


def client_context(cert=CERT, key=KEY, maximum=None):
    context = ssl.create_default_context(cafile=CA)
    if cert:
        context.load_cert_chain(cert, key)
    if maximum:
        context.maximum_version = maximum
    return context


def tls_socket(port, context):
    raw = socket.create_connection((HOST, port), timeout=TIMEOUT)
    try:
        wrapped = context.wrap_socket(raw, server_hostname=HOST)
        # Under TLS 1.3 the server checks the client's certificate after the client's handshake
        # is done: a refusal arrives as an alert on the first read.
        return wrapped
    except Exception:
        raw.close()
        raise


def psql(*options, sslmode="verify-full", cert=CERT, key=KEY):
    connection = (f"host={HOST} port={PG_PORT} user={USER} dbname=postgres sslmode={sslmode} "
                  f"sslrootcert={CA} connect_timeout={TIMEOUT}")
    if cert:
        connection += f" sslcert={cert} sslkey={key}"
    else:
        # libpq would otherwise pick up ~/.postgresql/postgresql.crt if one exists.
        connection += " sslcert=/nonexistent sslkey=/nonexistent"
    environment = dict(os.environ, PGPASSWORD=PASSWORD)
    return subprocess.run(["psql", "-X", "-A", "-t", connection, *options], env=environment,
                          capture_output=True, text=True, timeout=120)


class NativeProtocolTest(unittest.TestCase):
    def test_a_client_with_a_signed_certificate_logs_in_over_tls13(self):
        with tls_socket(NATIVE_PORT, client_context()) as sock:
            self.assertEqual(sock.version(), "TLSv1.3")
            login = exchange(sock, {"op": "login", "user": USER, "password": PASSWORD})
            self.assertEqual(login["status"], "ok", login)
            answer = exchange(sock, {"op": "query", "sql": "SELECT 40 + 2 AS x"})
            self.assertEqual(answer["status"], "ok", answer)
            self.assertEqual(answer["command"], "SELECT 1")

    def assert_refused(self, context):
        with self.assertRaises((ssl.SSLError, ConnectionError, OSError)):
            with tls_socket(NATIVE_PORT, context) as sock:
                exchange(sock, {"op": "login", "user": USER, "password": PASSWORD})

    def test_a_client_without_a_certificate_is_refused(self):
        self.assert_refused(client_context(cert=None))

    def test_a_certificate_from_another_ca_is_refused(self):
        self.assert_refused(client_context(cert=ROGUE_CERT, key=ROGUE_KEY))

    def test_tls12_is_refused(self):
        self.assert_refused(client_context(maximum=ssl.TLSVersion.TLSv1_2))

    def test_plain_tcp_gets_no_answer(self):
        with socket.create_connection((HOST, NATIVE_PORT), timeout=TIMEOUT) as sock:
            with self.assertRaises((ConnectionError, OSError, struct.error, ValueError)):
                exchange(sock, {"op": "login", "user": USER, "password": PASSWORD})


class HttpTest(unittest.TestCase):
    def curl(self, *options):
        return subprocess.run(
            ["curl", "-sS", "--max-time", str(TIMEOUT), "--cacert", CA, *options],
            capture_output=True, text=True, timeout=120)

    def test_curl_with_a_client_certificate_queries_over_tls13(self):
        done = self.curl("--tlsv1.3", "--cert", CERT, "--key", KEY, "-u", f"{USER}:{PASSWORD}",
                         "--data-binary", "SELECT 6 * 7 AS answer",
                         f"https://{HOST}:{HTTP_PORT}/query")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(json.loads(done.stdout)["rows"], [{"answer": 42}])

    def test_curl_without_a_certificate_is_refused(self):
        done = self.curl(f"https://{HOST}:{HTTP_PORT}/health")
        self.assertNotEqual(done.returncode, 0, done.stdout)

    def test_a_certificate_from_another_ca_is_refused(self):
        done = self.curl("--cert", ROGUE_CERT, "--key", ROGUE_KEY,
                         f"https://{HOST}:{HTTP_PORT}/health")
        self.assertNotEqual(done.returncode, 0, done.stdout)

    def test_tls12_is_refused(self):
        done = self.curl("--tls-max", "1.2", "--cert", CERT, "--key", KEY,
                         f"https://{HOST}:{HTTP_PORT}/health")
        self.assertNotEqual(done.returncode, 0, done.stdout)

    def test_plain_http_is_refused(self):
        done = self.curl(f"http://{HOST}:{HTTP_PORT}/health")
        self.assertNotEqual(done.returncode, 0, done.stdout)


class PostgresProtocolTest(unittest.TestCase):
    def test_psql_connects_with_verify_full_and_a_client_certificate(self):
        done = psql("-c", "SELECT 1 + 1", "-c", r"\conninfo")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue(done.stdout.startswith("2\n"), done.stdout)
        self.assertIn("SSL connection (protocol: TLSv1.3", done.stdout)

    def test_psql_without_a_certificate_is_refused(self):
        done = psql("-c", "SELECT 1", cert=None)
        self.assertNotEqual(done.returncode, 0, done.stdout)

    def test_psql_with_a_certificate_from_another_ca_is_refused(self):
        done = psql("-c", "SELECT 1", cert=ROGUE_CERT, key=ROGUE_KEY)
        self.assertNotEqual(done.returncode, 0, done.stdout)

    def test_psql_without_tls_is_refused_with_28000(self):
        done = psql("-c", "SELECT 1", sslmode="disable")
        self.assertNotEqual(done.returncode, 0, done.stdout)
        self.assertIn("accepts only TLS connections", done.stderr)

    def test_psycopg2_runs_statements_over_tls(self):
        connection = psycopg2.connect(
            host=HOST, port=PG_PORT, user=USER, password=PASSWORD, dbname="postgres",
            sslmode="verify-full", sslrootcert=CA, sslcert=CERT, sslkey=KEY,
            connect_timeout=TIMEOUT)
        try:
            cursor = connection.cursor()
            cursor.execute("CREATE TABLE over_tls (id INT, name TEXT)")
            cursor.execute("INSERT INTO over_tls VALUES (%s, %s)", (1, "secret"))
            connection.commit()
            cursor.execute("SELECT name FROM over_tls WHERE id = %s", (1,))
            self.assertEqual(cursor.fetchall(), [("secret",)])
            self.assertEqual(connection.info.ssl_attribute("protocol"), "TLSv1.3")
        finally:
            connection.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
