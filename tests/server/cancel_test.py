"""PostgreSQL cancel requests against boyodb-server, sent by psycopg2 (libpq's PQcancel).

Run under tests/support/with_server.py. A statement that scans a large table slowly is
cancelled by a CancelRequest naming the connection's BackendKeyData: it fails with 57014 long
before it would have finished, and the connection goes on. So are a long pg_sleep and work on
rows a sort already holds. A cancel that arrives while the connection is idle cancels nothing
later.
"""

import os
import threading
import time
import unittest

import psycopg2

ROWS = 300_000
SECONDS_PER_ROW = 0.0002  # the whole scan would take a minute


def connect():
    connection = psycopg2.connect(host=os.environ["BOYODB_HOST"],
                                  port=int(os.environ["BOYODB_PG_PORT"]),
                                  user=os.environ["BOYODB_USER"],
                                  password=os.environ["BOYODB_PASSWORD"], dbname="postgres",
                                  connect_timeout=30)
    connection.autocommit = True
    return connection


class CancelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        connection = connect()
        connection.cursor().execute(
            f"CREATE TABLE big AS SELECT g FROM generate_series(1, {ROWS}) AS s(g)")
        connection.close()

    def test_a_cancel_request_stops_the_running_statement(self):
        connection = connect()
        try:
            cursor = connection.cursor()
            threading.Timer(1.0, connection.cancel).start()
            start = time.monotonic()
            with self.assertRaises(psycopg2.Error) as raised:
                cursor.execute(
                    f"SELECT count(*) FROM big WHERE pg_sleep({SECONDS_PER_ROW}) IS NULL")
            elapsed = time.monotonic() - start
            self.assertEqual(raised.exception.pgcode, "57014")
            self.assertIn("canceling statement due to user request", str(raised.exception))
            # Noticed at the next chunk the scan reads, well before the minute it would take.
            self.assertLess(elapsed, 45)
            cursor.execute("SELECT 1")
            self.assertEqual(cursor.fetchall(), [(1,)])
        finally:
            connection.close()

    def cancel_after(self, seconds, sql):
        """Runs `sql`, cancelling it after `seconds`; returns how long it ran until 57014."""
        connection = connect()
        try:
            cursor = connection.cursor()
            threading.Timer(seconds, connection.cancel).start()
            start = time.monotonic()
            with self.assertRaises(psycopg2.Error) as raised:
                cursor.execute(sql)
            self.assertEqual(raised.exception.pgcode, "57014")
            cursor.execute("SELECT 2")
            self.assertEqual(cursor.fetchall(), [(2,)])
            return time.monotonic() - start
        finally:
            connection.close()

    def test_a_cancel_ends_a_sleep(self):
        self.assertLess(self.cancel_after(0.5, "SELECT pg_sleep(60)"), 10)

    def test_a_cancel_stops_work_on_rows_already_read(self):
        # The sleeps run in the projection after the sort, over rows no scan reads any more.
        self.assertLess(self.cancel_after(
            1.0, f"SELECT pg_sleep({SECONDS_PER_ROW * 10}) FROM (SELECT g FROM big ORDER BY g DESC) s"),
            45)

    def test_a_cancel_while_idle_cancels_nothing_later(self):
        connection = connect()
        try:
            connection.cancel()
            time.sleep(0.5)
            cursor = connection.cursor()
            cursor.execute("SELECT count(*) FROM big WHERE g <= 10")
            self.assertEqual(cursor.fetchall(), [(10,)])
        finally:
            connection.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
