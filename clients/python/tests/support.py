"""Shared helpers: the server under test comes from the environment.

BOYODB_HOST, BOYODB_PORT (native protocol), BOYODB_USER and BOYODB_PASSWORD name a running
server (run-tests.sh is meant to run under the repository's tests/support/with_server.py,
which sets them). Without them the tests that need a server are skipped.
"""

import itertools
import os
import unittest

import boyodb

_names = itertools.count(1)


def server():
    """(host, port, user, password), or None when the environment names no server."""
    port = os.environ.get("BOYODB_PORT")
    if not port:
        return None
    return (os.environ.get("BOYODB_HOST", "127.0.0.1"), int(port),
            os.environ.get("BOYODB_USER", "admin"), os.environ.get("BOYODB_PASSWORD", ""))


def connect(**options):
    host, port, user, password = server()
    options.setdefault("timeout", 120)
    return boyodb.connect(host=host, port=port, user=user, password=password, **options)


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
