"""Shared helpers: the server under test comes from the environment.

BOYODB_HOST, BOYODB_PORT (native protocol), BOYODB_USER and BOYODB_PASSWORD name a running
server (run-tests.sh is meant to run under the repository's tests/support/with_server.py,
which sets them). Without them the tests that need a server are skipped.

A server on mutual TLS (with_server.py --tls) also sets BOYODB_TLS_CA, BOYODB_TLS_CERT and
BOYODB_TLS_KEY: every connection of the tests then uses TLS with them.
"""

import itertools
import os
import unittest

import boyodb
from boyodb.tls import client_context

_names = itertools.count(1)


def server():
    """(host, port, user, password), or None when the environment names no server."""
    port = os.environ.get("BOYODB_PORT")
    if not port:
        return None
    return (os.environ.get("BOYODB_HOST", "127.0.0.1"), int(port),
            os.environ.get("BOYODB_USER", "admin"), os.environ.get("BOYODB_PASSWORD", ""))


def tls_options():
    """connect()'s TLS arguments for the server under test: none unless it is on TLS."""
    ca = os.environ.get("BOYODB_TLS_CA")
    if not ca:
        return {}
    return {"tls": True, "tls_ca": ca, "tls_cert": os.environ.get("BOYODB_TLS_CERT"),
            "tls_key": os.environ.get("BOYODB_TLS_KEY")}


def tls_context():
    """The SSLContext for a Transport to the server under test; None unless it is on TLS."""
    options = tls_options()
    if not options:
        return None
    return client_context(options["tls_ca"], options["tls_cert"], options["tls_key"])


def connect(**options):
    """A connection to the server under test; ``options`` override connect()'s arguments,
    the TLS ones included."""
    host, port, user, password = server()
    defaults = dict(host=host, port=port, user=user, password=password, timeout=120,
                    **tls_options())
    return boyodb.connect(**{**defaults, **options})


def unique_name(prefix):
    """A table name no other test uses (tests share one server)."""
    return f"{prefix}_{os.getpid()}_{next(_names)}"


class LiveTestCase(unittest.TestCase):
    """A test against the server: ``self.conn`` (autocommit off, as by default) and
    ``self.cur``; both are closed afterwards."""

    def setUp(self):
        if server() is None:
            self.skipTest("BOYODB_PORT is not set: no server to test against")
        self.conn = connect()
        self.addCleanup(self.conn.close)
        self.cur = self.conn.cursor()

    def other_connection(self, **options):
        conn = connect(**options)
        self.addCleanup(conn.close)
        return conn

    def scalar(self, sql, parameters=None):
        self.cur.execute(sql, parameters)
        return self.cur.fetchone()[0]
