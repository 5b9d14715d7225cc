"""Idle-session timeout and rate limits of boyodb-server, as clients meet them.

Run under tests/support/with_server.py with the server started with
  --idle-session-timeout 2 --max-requests-per-second 5 --max-connections-per-second 20
  --max-login-attempts-per-minute 30
Every client here comes from 127.0.0.1, so the tests share its connection and login budgets:
they run in the order of their names, and each waits for what it needs to refill.
"""

import os
import socket
import sys
import time
import unittest

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from native_frames import exchange, receive_response  # noqa: E402

HOST = os.environ["BOYODB_HOST"]
NATIVE_PORT = int(os.environ["BOYODB_PORT"])
PG_PORT = int(os.environ["BOYODB_PG_PORT"])
USER = os.environ["BOYODB_USER"]
PASSWORD = os.environ["BOYODB_PASSWORD"]
IDLE_SECONDS = 2


class NativeConnection:
    def __init__(self):
        self.sock = socket.create_connection((HOST, NATIVE_PORT), timeout=30)

    def receive(self):
        return receive_response(self.sock)

    def ask(self, request):
        return exchange(self.sock, request)

    def login(self):
        return self.ask({"op": "login", "user": USER, "password": PASSWORD})

    def close(self):
        self.sock.close()


class LimitsTest(unittest.TestCase):
    def test_1_an_idle_native_connection_is_ended_with_57P05(self):
        connection = NativeConnection()
        try:
            self.assertEqual(connection.login()["status"], "ok")
            # Busy time does not count: a request longer than the timeout still answers.
            answer = connection.ask({"op": "query", "sql": "SELECT pg_sleep(3)"})
            self.assertEqual(answer["status"], "ok", answer)
            time.sleep(IDLE_SECONDS + 1.5)
            farewell = connection.receive()
            self.assertEqual(farewell["code"], "57P05", farewell)
            self.assertIn("idle-session timeout", farewell["message"])
            with self.assertRaises((ConnectionError, OSError)):
                connection.ask({"op": "query", "sql": "SELECT 1"})
        finally:
            connection.close()

    def test_2_an_idle_postgres_session_is_ended_with_57P05(self):
        connection = psycopg2.connect(host=HOST, port=PG_PORT, user=USER, password=PASSWORD,
                                      dbname="postgres", connect_timeout=30)
        try:
            cursor = connection.cursor()
            cursor.execute("SELECT 1")
            connection.rollback()
            time.sleep(IDLE_SECONDS + 1.5)
            # Read what the server sent on its own, before the client writes anything (a write
            # to a closed connection could reset it and lose the message): an ErrorResponse.
            raw = socket.socket(fileno=os.dup(connection.fileno()))
            raw.settimeout(10)
            try:
                message = raw.recv(4096)
            finally:
                raw.close()
            self.assertEqual(message[:1], b"E", message)
            self.assertIn(b"SFATAL", message)
            self.assertIn(b"C57P05", message)
            self.assertIn(b"idle-session timeout", message)
        finally:
            connection.close()

    def test_3_requests_beyond_the_users_rate_get_53400_and_come_back(self):
        time.sleep(1.5)  # let the user's bucket refill
        connection = NativeConnection()
        try:
            self.assertEqual(connection.login()["status"], "ok")
            codes = [connection.ask({"op": "query", "sql": "SELECT 1"}).get("code")
                     for _ in range(12)]
            self.assertIn("53400", codes)
            self.assertEqual(codes[0], None)
            time.sleep(1.0)
            self.assertEqual(connection.ask({"op": "query", "sql": "SELECT 1"})["status"], "ok")
        finally:
            connection.close()

    def test_4_connections_beyond_the_addresses_rate_are_closed(self):
        opened, refused = [], 0
        try:
            for _ in range(80):
                connection = NativeConnection()
                opened.append(connection)
            for connection in opened:
                try:
                    connection.ask({"op": "cluster_status"})
                except (ConnectionError, OSError):
                    refused += 1
        finally:
            for connection in opened:
                connection.close()
        self.assertGreater(refused, 0)
        self.assertLess(refused, 80)

    def test_5_login_attempts_beyond_the_addresses_rate_get_53400(self):
        time.sleep(3)  # the connection budget refills
        codes = []
        # 32 of the 40 connections the address may open at once; the budget of 30 logins runs
        # out on the way.
        for _ in range(32):
            connection = NativeConnection()
            try:
                codes.append(connection.login().get("code"))
            finally:
                connection.close()
        self.assertIn("53400", codes)
        self.assertIsNone(codes[0])
        with self.assertRaisesRegex(psycopg2.OperationalError, "too many login attempts"):
            psycopg2.connect(host=HOST, port=PG_PORT, user=USER, password=PASSWORD,
                             dbname="postgres", connect_timeout=30)


if __name__ == "__main__":
    unittest.main(verbosity=2)
