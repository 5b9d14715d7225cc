"""TLS: the options, and a server on mutual TLS (with_server.py --tls) taking and refusing
connections. The tests against a TLS server are skipped unless BOYODB_TLS_CA is set; the
test of a TLS client against a plain server runs only when it is not."""

import os
import unittest
from contextlib import closing

import boyodb
from support import connect, server, tls_options

# Every certificate argument cleared, for tests that pass only some of them.
NO_TLS_FILES = {"tls_ca": None, "tls_cert": None, "tls_key": None}


class TlsOptionsTest(unittest.TestCase):
    def test_certificate_files_need_tls(self):
        # Connecting in the clear when the caller meant TLS would send the password unguarded.
        for files in ({"tls_ca": "ca.pem"}, {"tls_cert": "c.pem"}, {"tls_key": "c.key"}):
            with self.subTest(files=files):
                with self.assertRaises(boyodb.ProgrammingError):
                    boyodb.connect(port=1, **files)

    def test_key_needs_a_certificate(self):
        with self.assertRaises(boyodb.ProgrammingError):
            boyodb.connect(port=1, tls=True, tls_key="client.key")

    def test_unreadable_ca_file(self):
        missing = os.path.join(os.path.dirname(__file__), "no-such-ca.pem")
        with self.assertRaises(boyodb.OperationalError) as caught:
            boyodb.connect(port=1, tls=True, tls_ca=missing)
        self.assertIn("could not load the TLS CA file", str(caught.exception))


class TlsServerTest(unittest.TestCase):
    """Against with_server.py --tls: TLS 1.3 and a client certificate signed by its CA."""

    def setUp(self):
        if server() is None or not tls_options():
            self.skipTest("BOYODB_TLS_CA is not set: the server is not on TLS")

    def refusal(self, **options):
        with self.assertRaises(boyodb.OperationalError) as caught:
            connect(timeout=30, **options).close()
        return str(caught.exception)

    def test_client_certificate_connects_with_tls13(self):
        with closing(connect()) as conn:
            self.assertEqual(conn.tls_version, "TLSv1.3")
            cur = conn.cursor()
            cur.execute("SELECT %s || 'b'", ("a",))
            self.assertEqual(cur.fetchall(), [("ab",)])
        self.assertIsNone(conn.tls_version)

    def test_certificate_names_localhost_too(self):
        with closing(connect(host="localhost")) as conn:
            self.assertEqual(conn.tls_version, "TLSv1.3")

    def test_without_client_certificate_is_refused(self):
        message = self.refusal(tls_cert=None, tls_key=None)
        self.assertIn("requires a client certificate", message)

    def test_certificate_of_another_ca_is_refused(self):
        message = self.refusal(tls_cert=os.environ["BOYODB_TLS_ROGUE_CERT"],
                               tls_key=os.environ["BOYODB_TLS_ROGUE_KEY"])
        self.assertIn("TLS connection to", message)
        self.assertIn("client certificate", message)

    def test_server_certificate_must_verify(self):
        # The system's CAs did not sign the test server's certificate.
        message = self.refusal(tls_ca=None)
        self.assertIn("could not verify the TLS certificate", message)

    def test_plain_tcp_is_refused(self):
        message = self.refusal(tls=False, **NO_TLS_FILES)
        self.assertIn("tls=True", message)


class PlainServerTest(unittest.TestCase):
    """Against a server without TLS."""

    def setUp(self):
        if server() is None or tls_options():
            self.skipTest("needs a server without TLS")

    def test_plain_connection_has_no_tls_version(self):
        with closing(connect()) as conn:
            self.assertIsNone(conn.tls_version)

    def test_tls_client_is_refused(self):
        with self.assertRaises(boyodb.OperationalError) as caught:
            connect(tls=True, timeout=30).close()
        self.assertIn("TLS", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
