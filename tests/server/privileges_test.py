"""Privileges on tables, enforced alike on every protocol of boyodb-server.

Run under tests/support/with_server.py. As admin it creates a table and users: one granted the
built-in role readonly, one granted readwrite, one granted SELECT on the table WITH GRANT
OPTION, and one with nothing. Each user then reads, writes and creates through the PostgreSQL
protocol (psycopg2), the native protocol (its JSON frames over a socket) and HTTP (POST /query),
and every refusal is SQLSTATE 42501 on all three.
"""

import base64
import json
import os
import socket
import sys
import unittest
import urllib.error
import urllib.request

import psycopg2

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from native_frames import exchange  # noqa: E402

HOST = os.environ["BOYODB_HOST"]
NATIVE_PORT = int(os.environ["BOYODB_PORT"])
HTTP_PORT = int(os.environ["BOYODB_HTTP_PORT"])
PG_PORT = int(os.environ["BOYODB_PG_PORT"])
ADMIN_PASSWORD = os.environ["BOYODB_PASSWORD"]
PASSWORD = "Pr1vileged-pass"  # every test user's; contains none of their names


def pg_run(user, sql, password=PASSWORD):
    """Runs `sql` over the PostgreSQL protocol; returns (sqlstate or None, rows or None)."""
    connection = psycopg2.connect(host=HOST, port=PG_PORT, user=user, password=password,
                                  dbname="postgres", connect_timeout=30)
    connection.autocommit = True
    try:
        cursor = connection.cursor()
        cursor.execute(sql)
        return None, cursor.fetchall() if cursor.description else None
    except psycopg2.Error as error:
        return error.pgcode, None
    finally:
        connection.close()


def native_run(user, sql, password=PASSWORD):
    """Runs `sql` (a query, or a whole request object) over the native protocol; returns (code
    or None, response)."""
    with socket.create_connection((HOST, NATIVE_PORT), timeout=30) as sock:
        login = exchange(sock, {"op": "login", "user": user, "password": password})
        if login["status"] != "ok":
            return login["code"], login
        answer = exchange(sock, sql if isinstance(sql, dict) else {"op": "query", "sql": sql})
        return (None if answer["status"] == "ok" else answer["code"]), answer


def http_run(user, sql, password=PASSWORD):
    """Runs `sql` through POST /query; returns (code or None, response)."""
    credentials = base64.b64encode(f"{user}:{password}".encode()).decode()
    request = urllib.request.Request(
        f"http://{HOST}:{HTTP_PORT}/query", data=sql.encode(), method="POST",
        headers={"Authorization": "Basic " + credentials})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return None, json.loads(response.read())
    except urllib.error.HTTPError as error:
        answer = json.loads(error.read())
        return answer["code"], answer


PROTOCOLS = {"pgwire": pg_run, "native": native_run, "http": http_run}


class PrivilegesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        for statement in [
            "CREATE TABLE facts (id INT, note TEXT)",
            "INSERT INTO facts VALUES (1, 'one'), (2, 'two')",
            f"CREATE USER reader PASSWORD '{PASSWORD}'",
            "GRANT readonly TO reader",
            f"CREATE USER writer PASSWORD '{PASSWORD}'",
            "GRANT readwrite TO writer",
            f"CREATE USER delegate PASSWORD '{PASSWORD}'",
            "GRANT SELECT ON facts TO delegate WITH GRANT OPTION",
            f"CREATE USER nobody PASSWORD '{PASSWORD}'",
            f"CREATE USER builder PASSWORD '{PASSWORD}'",
            "GRANT CREATE ON SCHEMA public TO builder",
            "CREATE SCHEMA sales",
            "CREATE TABLE sales.orders (id INT)",
            "INSERT INTO sales.orders VALUES (1)",
            f"CREATE USER clerk PASSWORD '{PASSWORD}'",
            "GRANT SELECT ON sales.orders TO clerk",
            f"CREATE USER founder PASSWORD '{PASSWORD}' CREATEDB",
        ]:
            code, _ = pg_run("admin", statement, ADMIN_PASSWORD)
            assert code is None, (statement, code)

    def assert_everywhere(self, user, sql, expected_code):
        for protocol, run in PROTOCOLS.items():
            with self.subTest(protocol=protocol, user=user, sql=sql):
                code, answer = run(user, sql)
                self.assertEqual(code, expected_code, answer)

    def test_readonly_reads_and_cannot_write(self):
        self.assert_everywhere("reader", "SELECT count(*) FROM facts", None)
        self.assert_everywhere("reader", "INSERT INTO facts VALUES (9, 'nine')", "42501")
        self.assert_everywhere("reader", "DELETE FROM facts", "42501")
        self.assert_everywhere("reader", "UPDATE facts SET note = 'x'", "42501")
        self.assert_everywhere("reader", "DROP TABLE facts", "42501")
        self.assert_everywhere("reader", "CREATE TABLE mine (a INT)", "42501")
        _, rows = pg_run("admin", "SELECT count(*) FROM facts", ADMIN_PASSWORD)
        self.assertEqual(rows, [(2,)])

    def test_readwrite_writes_rows_but_not_the_schema(self):
        self.assert_everywhere("writer", "INSERT INTO facts VALUES (3, 'three')", None)
        self.assert_everywhere("writer", "DELETE FROM facts WHERE id = 3", None)
        self.assert_everywhere("writer", "ALTER TABLE facts ADD COLUMN extra INT", "42501")
        self.assert_everywhere("writer", "CREATE TABLE mine (a INT)", "42501")

    def test_a_user_without_grants_reads_nothing_even_through_a_subquery(self):
        self.assert_everywhere("nobody", "SELECT * FROM facts", "42501")
        self.assert_everywhere("nobody", "SELECT 1 WHERE EXISTS (SELECT 1 FROM facts)", "42501")
        self.assert_everywhere("nobody", "SELECT 1 + 1", None)

    def test_the_grant_option_lets_a_user_pass_on_only_what_it_holds(self):
        code, _ = pg_run("delegate", "GRANT SELECT ON facts TO nobody")
        self.assertIsNone(code)
        try:
            self.assert_everywhere("nobody", "SELECT count(*) FROM facts", None)
            code, _ = pg_run("delegate", "GRANT INSERT ON facts TO nobody")
            self.assertEqual(code, "42501")
        finally:
            code, _ = pg_run("delegate", "REVOKE SELECT ON facts FROM nobody")
            self.assertIsNone(code)
        self.assert_everywhere("nobody", "SELECT count(*) FROM facts", "42501")

    def test_a_creator_may_use_and_drop_its_own_table(self):
        self.assertEqual(pg_run("builder", "CREATE TABLE built (a INT)")[0], None)
        self.assert_everywhere("builder", "INSERT INTO built VALUES (1)", None)
        self.assert_everywhere("builder", "SELECT count(*) FROM built", None)
        self.assert_everywhere("reader", "SELECT count(*) FROM built", None)
        self.assert_everywhere("nobody", "SELECT count(*) FROM built", "42501")
        self.assertEqual(pg_run("builder", "DROP TABLE built")[0], None)
        # A later table of the same name does not inherit the old one's grants.
        self.assertEqual(pg_run("admin", "CREATE TABLE built (a INT)", ADMIN_PASSWORD)[0], None)
        self.assertEqual(pg_run("builder", "SELECT * FROM built")[0], "42501")

    def test_native_requests_that_bypass_sql_check_privileges_too(self):
        create = {"op": "create_table", "table": "made_natively",
                  "columns": [{"name": "a", "type": "INT"}]}
        self.assertEqual(native_run("reader", create)[0], "42501")
        self.assertEqual(native_run("reader", {"op": "create_database", "name": "nope"})[0],
                         "42501")
        ingest = {"op": "ingest_csv", "table": "facts", "csv": "7,seven\n"}
        self.assertEqual(native_run("reader", ingest)[0], "42501")
        self.assertEqual(native_run("builder", create)[0], None)
        self.assertEqual(native_run("builder", "SELECT count(*) FROM made_natively")[0], None)

    def test_only_role_managers_grant_roles(self):
        self.assertEqual(pg_run("delegate", "GRANT readwrite TO nobody")[0], "42501")
        self.assertEqual(pg_run("reader", "GRANT SELECT ON facts TO nobody")[0], "42501")

    def test_bad_grants_are_refused_with_postgres_codes(self):
        self.assertEqual(pg_run("admin", "GRANT SELECT ON nope TO reader", ADMIN_PASSWORD)[0],
                         "42P01")
        self.assertEqual(pg_run("admin", "GRANT SELECT ON facts TO ghost", ADMIN_PASSWORD)[0],
                         "42704")
        self.assertEqual(pg_run("admin", "GRANT FROB ON facts TO reader", ADMIN_PASSWORD)[0],
                         "42601")

    def test_a_schema_needs_usage_as_well_as_the_table_privilege(self):
        self.assert_everywhere("clerk", "SELECT count(*) FROM sales.orders", "42501")
        code, _ = pg_run("admin", "GRANT USAGE ON SCHEMA sales TO clerk", ADMIN_PASSWORD)
        self.assertIsNone(code)
        self.assert_everywhere("clerk", "SELECT count(*) FROM sales.orders", None)
        # Usage alone reads nothing, and the built-in roles use every schema.
        self.assert_everywhere("clerk", "INSERT INTO sales.orders VALUES (2)", "42501")
        self.assert_everywhere("reader", "SELECT count(*) FROM sales.orders", None)

    def test_a_schemas_creator_may_use_it(self):
        for statement in ["CREATE SCHEMA founded", "CREATE TABLE founded.t (a INT)",
                          "INSERT INTO founded.t VALUES (1)"]:
            code, _ = pg_run("founder", statement)
            self.assertIsNone(code, statement)
        self.assert_everywhere("founder", "SELECT count(*) FROM founded.t", None)
        self.assert_everywhere("nobody", "SELECT count(*) FROM founded.t", "42501")

    def test_wrong_passwords_are_refused_everywhere(self):
        self.assertEqual(native_run("reader", "SELECT 1", "Wrong-pass-1")[0], "28P01")
        self.assertEqual(http_run("reader", "SELECT 1", "Wrong-pass-1")[0], "28P01")
        with self.assertRaisesRegex(psycopg2.OperationalError, "password authentication failed"):
            pg_run("reader", "SELECT 1", "Wrong-pass-1")


if __name__ == "__main__":
    unittest.main(verbosity=2)
