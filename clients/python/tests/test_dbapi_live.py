"""PEP 249 behaviour against the server: connecting, cursors, errors, transactions."""

import unittest
from contextlib import closing

import boyodb
from boyodb.protocol import Transport
from support import LiveTestCase, connect, server, tls_context, tls_options, unique_name

PASSWORD = "Pw-3f9c2a7b51d4e8-9x"
ANY = object()


class ModuleTest(unittest.TestCase):
    def test_globals(self):
        self.assertEqual(boyodb.apilevel, "2.0")
        self.assertIn(boyodb.threadsafety, (0, 1, 2, 3))
        self.assertEqual(boyodb.paramstyle, "pyformat")

    def test_exception_hierarchy(self):
        self.assertTrue(issubclass(boyodb.Error, Exception))
        self.assertTrue(issubclass(boyodb.Warning, Exception))
        self.assertTrue(issubclass(boyodb.InterfaceError, boyodb.Error))
        self.assertTrue(issubclass(boyodb.DatabaseError, boyodb.Error))
        for name in ("DataError", "OperationalError", "IntegrityError", "InternalError",
                     "ProgrammingError", "NotSupportedError"):
            self.assertTrue(issubclass(getattr(boyodb, name), boyodb.DatabaseError), name)
            self.assertIs(getattr(boyodb.Connection, name), getattr(boyodb, name))

    def test_type_objects(self):
        self.assertEqual("DECIMAL(10,2)", boyodb.NUMBER)
        self.assertEqual(boyodb.STRING, "TEXT")
        self.assertNotEqual(boyodb.STRING, "TEXT[]")
        self.assertEqual(boyodb.DATETIME, "TIMESTAMPTZ")
        self.assertEqual(boyodb.BINARY, "BYTEA")
        self.assertNotEqual(boyodb.ROWID, "BIGINT")


class ConnectTest(LiveTestCase):
    def test_login_answers(self):
        self.assertEqual(self.conn.user, server()[2])
        self.assertFalse(self.conn.closed)
        self.assertEqual(self.conn.cluster_status()["nodes"][0]["role"], "leader")

    def test_wrong_password_and_unknown_user(self):
        name = unique_name("login_user")
        self.conn.autocommit = True  # Roles cannot be created inside a block.
        self.cur.execute(f"CREATE USER {name} WITH PASSWORD %s", (PASSWORD,))
        host, port, _, _ = server()
        for user in (name, unique_name("nobody")):
            with self.subTest(user=user):
                with self.assertRaises(boyodb.OperationalError) as caught:
                    boyodb.connect(host=host, port=port, user=user, password="wrong",
                                   **tls_options())
                self.assertEqual(caught.exception.sqlstate, "28P01")
                self.assertIn("password authentication failed", str(caught.exception))
        with closing(boyodb.connect(host=host, port=port, user=name, password=PASSWORD,
                                    **tls_options())) as conn:
            self.assertEqual(conn.user, name)

    def test_request_before_login_is_refused(self):
        host, port, _, _ = server()
        transport = Transport(host, port, timeout=60, tls_context=tls_context())
        self.addCleanup(transport.close)
        transport.send_json({"op": "query", "sql": "SELECT 1"})
        with self.assertRaises(boyodb.OperationalError) as caught:
            transport.receive_json()
        self.assertEqual(caught.exception.sqlstate, "28000")

    def test_connect_refused(self):
        with self.assertRaises(boyodb.OperationalError):
            boyodb.connect(host="127.0.0.1", port=1, user="x", password="y", timeout=10,
                           **tls_options())

    def test_database(self):
        name = unique_name("db")
        self.assertEqual(self.conn.create_database(name), "CREATE DATABASE")
        conn = self.other_connection(database=name, autocommit=True)
        cur = conn.cursor()
        cur.execute("CREATE TABLE in_db (a INT)")
        cur.execute(f"SELECT count(*) FROM {name}.in_db")
        self.assertEqual(cur.fetchone(), (0,))
        with self.assertRaises(boyodb.ProgrammingError) as caught:
            connect(database=unique_name("missing"))
        self.assertEqual(caught.exception.sqlstate, "3F000")

    def test_close(self):
        cur = self.conn.cursor()
        cur.execute("SELECT 1")
        self.conn.close()
        self.assertTrue(self.conn.closed)
        self.assertTrue(cur.closed)
        with self.assertRaises(boyodb.InterfaceError):
            cur.execute("SELECT 1")
        with self.assertRaises(boyodb.InterfaceError):
            self.conn.cursor()
        with self.assertRaises(boyodb.InterfaceError):
            self.conn.commit()
        self.conn.close()  # Closing twice is harmless.


class CursorTest(LiveTestCase):
    def setUp(self):
        super().setUp()
        self.conn.autocommit = True
        self.table = unique_name("cur")
        self.cur.execute(f"CREATE TABLE {self.table} (id BIGINT NOT NULL, name TEXT, "
                         "price DECIMAL(8,2))")

    def test_ddl_and_rowcount(self):
        self.assertEqual(self.cur.statusmessage, "CREATE TABLE")
        self.assertIsNone(self.cur.description)
        self.cur.execute(f"INSERT INTO {self.table} VALUES (1, 'a', 1.5), (2, 'b', NULL)")
        self.assertEqual(self.cur.rowcount, 2)
        self.assertEqual(self.cur.statusmessage, "INSERT 0 2")
        self.cur.execute(f"UPDATE {self.table} SET name = 'c' WHERE id = 2")
        self.assertEqual(self.cur.rowcount, 1)
        self.cur.execute(f"SELECT * FROM {self.table}")
        self.assertEqual(self.cur.rowcount, 2)
        self.cur.execute(f"DELETE FROM {self.table}")
        self.assertEqual(self.cur.rowcount, 2)
        self.cur.execute(f"ALTER TABLE {self.table} ADD COLUMN extra INT")
        self.cur.execute(f"DROP TABLE {self.table}")
        self.assertEqual(self.cur.statusmessage, "DROP TABLE")
        with self.assertRaises(boyodb.ProgrammingError):
            self.cur.fetchall()

    def test_description(self):
        self.cur.execute(f"SELECT id, name, price, price::double precision AS d FROM {self.table}")
        self.assertEqual(self.cur.description, [
            # Result columns are all nullable in the schema the server sends.
            ("id", "BIGINT", None, None, None, None, True),
            ("name", "TEXT", None, None, None, None, True),
            ("price", "DECIMAL(8,2)", None, None, 8, 2, True),
            ("d", "DOUBLE PRECISION", None, None, None, None, True),
        ])
        self.assertEqual(self.cur.description[0][1], boyodb.NUMBER)
        self.assertEqual(self.cur.description[1][1], boyodb.STRING)
        self.assertEqual(self.cur.fetchall(), [])

    def test_executemany_fetchmany_iteration(self):
        rows = [(i, f"n{i}", None if i % 2 else f"{i}.25") for i in range(10)]
        self.cur.executemany(f"INSERT INTO {self.table} VALUES (%s, %s, %s)", rows)
        self.assertEqual(self.cur.rowcount, 10)
        self.cur.executemany(f"INSERT INTO {self.table} (id) VALUES (%(id)s)",
                             [{"id": 100}, {"id": 101}])
        self.assertEqual(self.cur.rowcount, 2)
        self.cur.execute(f"SELECT id, name FROM {self.table} WHERE id < 10 ORDER BY id")
        self.assertEqual(self.cur.arraysize, 1)
        self.assertEqual(self.cur.fetchmany(), [(0, "n0")])
        self.cur.arraysize = 4
        self.assertEqual(self.cur.fetchmany(), [(i, f"n{i}") for i in range(1, 5)])
        self.assertEqual(self.cur.fetchmany(2), [(5, "n5"), (6, "n6")])
        self.assertEqual(self.cur.fetchone(), (7, "n7"))
        self.assertEqual(list(self.cur), [(8, "n8"), (9, "n9")])
        self.assertIsNone(self.cur.fetchone())
        self.assertEqual(self.cur.fetchmany(5), [])
        self.assertEqual(self.cur.fetchall(), [])

    def test_interleaved_cursors(self):
        # The second cursor's request makes the first one's unread stream move into memory.
        first = self.conn.cursor()
        first.execute("SELECT g FROM generate_series(1, 150000) g")
        self.assertEqual(first.fetchone(), (1,))
        second = self.conn.cursor()
        second.execute("SELECT 'other'")
        self.assertEqual(second.fetchall(), [("other",)])
        self.assertEqual(sum(1 for _ in first), 149999)

    def test_cursor_close_mid_stream(self):
        cur = self.conn.cursor()
        cur.execute("SELECT g FROM generate_series(1, 150000) g")
        cur.fetchone()
        with cur:
            pass
        self.assertTrue(cur.closed)
        with self.assertRaises(boyodb.InterfaceError):
            cur.fetchone()
        self.assertEqual(self.scalar("SELECT 7"), 7)

    def test_multiple_statements_keep_the_last_result(self):
        self.cur.execute("SELECT 1; SELECT 2 AS two")
        self.assertEqual(self.cur.description[0][0], "two")
        self.assertEqual(self.cur.fetchall(), [(2,)])

    def test_setinputsizes_are_accepted(self):
        self.cur.setinputsizes([None])
        self.cur.setoutputsize(10)
        self.cur.setoutputsize(10, 0)


class ErrorTest(LiveTestCase):
    def setUp(self):
        super().setUp()
        self.conn.autocommit = True

    def check(self, sql, error_class, sqlstate, position=None):
        with self.assertRaises(error_class) as caught:
            self.cur.execute(sql)
        self.assertEqual(caught.exception.sqlstate, sqlstate)
        self.assertEqual(caught.exception.pgcode, sqlstate)
        if position is not ANY:
            self.assertEqual(caught.exception.position, position)
        return caught.exception

    def test_sqlstate_classes(self):
        error = self.check("SELECT * FROM nope", boyodb.ProgrammingError, "42P01", 15)
        self.assertIn('relation "nope" does not exist', str(error))
        self.check("SELECT 1 +", boyodb.ProgrammingError, "42601", 11)
        self.check("SELECT 1/0", boyodb.DataError, "22012")
        # The server points at the cast (20) where PostgreSQL points at the literal (8).
        error = self.check("SELECT '2020-13-01'::date", boyodb.DataError, "22008", ANY)
        self.assertIn(error.position, (8, 20))
        self.check("SELECT 'NaN'::numeric", boyodb.NotSupportedError, "0A000", 13)
        table = unique_name("uq")
        self.cur.execute(f"CREATE TABLE {table} (a INT)")
        self.cur.execute(f"CREATE UNIQUE INDEX {table}_a ON {table} (a)")
        self.cur.execute(f"INSERT INTO {table} VALUES (1)")
        self.check(f"INSERT INTO {table} VALUES (1)", boyodb.IntegrityError, "23505")

    def test_error_context(self):
        table = unique_name("ctx")
        self.cur.execute(f"CREATE TABLE {table} (a INT, b INT)")
        with self.assertRaises(boyodb.DataError) as caught:
            self.conn.ingest_csv(table, "1,2\n3,x\n")
        self.assertTrue(caught.exception.context)
        self.assertIn("CONTEXT", str(caught.exception))

    def test_connection_survives_errors(self):
        with self.assertRaises(boyodb.ProgrammingError):
            self.cur.execute("SELEKT")
        self.assertEqual(self.scalar("SELECT 5"), 5)

    def test_client_side_errors(self):
        with self.assertRaises(boyodb.ProgrammingError):
            self.cur.execute("SELECT %s, %s", (1,))
        with self.assertRaises(boyodb.DataError):
            self.cur.execute("SELECT %s", ("nul\0",))


class TransactionTest(LiveTestCase):
    def setUp(self):
        super().setUp()
        self.table = unique_name("tx")
        with closing(connect(autocommit=True)) as setup:
            setup.cursor().execute(f"CREATE TABLE {self.table} (a INT)")
        self.watcher = self.other_connection(autocommit=True).cursor()

    def visible(self):
        self.watcher.execute(f"SELECT count(*) FROM {self.table}")
        return self.watcher.fetchone()[0]

    def test_implicit_block_and_commit(self):
        self.assertFalse(self.conn.autocommit)
        self.assertFalse(self.conn.in_transaction)
        self.cur.execute(f"INSERT INTO {self.table} VALUES (1)")
        self.assertTrue(self.conn.in_transaction)
        self.assertEqual(self.scalar(f"SELECT count(*) FROM {self.table}"), 1)
        self.assertEqual(self.visible(), 0)
        self.conn.commit()
        self.assertFalse(self.conn.in_transaction)
        self.assertEqual(self.visible(), 1)

    def test_rollback(self):
        self.cur.execute(f"INSERT INTO {self.table} VALUES (1)")
        self.conn.rollback()
        self.assertEqual(self.scalar(f"SELECT count(*) FROM {self.table}"), 0)
        self.conn.rollback()  # Nothing open: nothing sent.
        self.conn.commit()

    def test_error_aborts_the_block_until_rollback(self):
        self.cur.execute(f"INSERT INTO {self.table} VALUES (1)")
        with self.assertRaises(boyodb.DataError):
            self.cur.execute("SELECT 1/0")
        with self.assertRaises(boyodb.InternalError) as caught:
            self.cur.execute("SELECT 1")
        self.assertEqual(caught.exception.sqlstate, "25P02")
        self.conn.rollback()
        self.assertEqual(self.scalar(f"SELECT count(*) FROM {self.table}"), 0)

    def test_with_block_commits_or_rolls_back(self):
        with self.conn:
            self.cur.execute(f"INSERT INTO {self.table} VALUES (1)")
        self.assertEqual(self.visible(), 1)
        with self.assertRaises(ZeroDivisionError):
            with self.conn:
                self.cur.execute(f"INSERT INTO {self.table} VALUES (2)")
                raise ZeroDivisionError
        self.assertEqual(self.visible(), 1)
        self.assertFalse(self.conn.closed)

    def test_close_discards_the_block(self):
        self.cur.execute(f"INSERT INTO {self.table} VALUES (1)")
        self.conn.close()
        self.assertEqual(self.visible(), 0)

    def test_autocommit(self):
        self.conn.autocommit = True
        self.cur.execute(f"INSERT INTO {self.table} VALUES (1)")
        self.assertFalse(self.conn.in_transaction)
        self.assertEqual(self.visible(), 1)
        # An explicit block is followed through the command tags.
        self.cur.execute("BEGIN")
        self.assertTrue(self.conn.in_transaction)
        self.cur.execute(f"INSERT INTO {self.table} VALUES (2)")
        with self.assertRaises(boyodb.ProgrammingError):
            self.conn.autocommit = True
        self.conn.rollback()
        self.assertEqual(self.visible(), 1)
        self.cur.execute("START TRANSACTION")
        self.cur.execute(f"INSERT INTO {self.table} VALUES (3)")
        self.cur.execute("COMMIT")
        self.assertFalse(self.conn.in_transaction)
        self.assertEqual(self.visible(), 2)

    def test_ingest_joins_the_block(self):
        self.assertEqual(self.conn.ingest_csv(self.table, "a\n1\n2\n", header=True), 2)
        self.assertTrue(self.conn.in_transaction)
        self.assertEqual(self.visible(), 0)
        self.conn.commit()
        self.assertEqual(self.visible(), 2)


if __name__ == "__main__":
    unittest.main()
