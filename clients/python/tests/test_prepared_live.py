"""Prepared statements against the server: types, values, transactions, errors."""

import datetime
import decimal
import ipaddress
import unittest
from contextlib import closing

import boyodb
from support import LiveTestCase, connect, unique_name
from test_types_live import SQL_TYPES

UTC = datetime.timezone.utc

# (declared type, value sent as a parameter, value expected back): every type of the column
# round trip, and values that would be dangerous if they became part of the SQL.
PARAMETER_TYPES = SQL_TYPES + [
    ("TEXT", "'); DROP TABLE nope; --", "'); DROP TABLE nope; --"),
    ("TEXT", "$1 %s ? :name", "$1 %s ? :name"),
    ("IPV4", ipaddress.IPv4Address("10.0.0.1"), ipaddress.IPv4Address("10.0.0.1")),
    ("IPV6", ipaddress.IPv6Address("::1"), ipaddress.IPv6Address("::1")),
    ("TEXT[]", ['a"b', "c\\d", None, "NULL", ""], ['a"b', "c\\d", None, "NULL", ""]),
    ("INTEGER[][]", [[1, 2], [3, None]], [[1, 2], [3, None]]),
]


class PrepareTest(LiveTestCase):
    def setUp(self):
        super().setUp()
        self.conn.autocommit = True

    def prepare(self, sql, parameter_types=None):
        statement = self.conn.prepare(sql, parameter_types)
        self.addCleanup(statement.close)
        return statement

    def test_inferred_parameter_types(self):
        statement = self.prepare("SELECT $1 + 1 AS a, $2 = 'x' AS b")
        self.assertEqual(statement.parameter_types, ["INTEGER", "TEXT"])
        self.assertEqual(statement.description, [
            ("a", "INTEGER", None, None, None, None, None),
            ("b", "BOOLEAN", None, None, None, None, None),
        ])
        self.cur.execute(statement, (41, "x"))
        self.assertEqual(self.cur.fetchall(), [(42, True)])
        self.assertEqual(self.cur.statusmessage, "SELECT 1")
        self.assertEqual(self.cur.query, "SELECT $1 + 1 AS a, $2 = 'x' AS b")

    def test_declared_parameter_types(self):
        statement = self.prepare("SELECT $1 AS price, $2 AS n", ["DECIMAL(10,2)", None])
        self.assertEqual(statement.parameter_types, ["DECIMAL(10,2)", "TEXT"])
        self.assertEqual(statement.description[0], ("price", "DECIMAL(10,2)", None, None, 10, 2,
                                                    None))
        self.assertEqual(statement.description[0][1], boyodb.NUMBER)
        self.cur.execute(statement, [decimal.Decimal("2.5"), "n"])
        self.assertEqual(self.cur.description[0], ("price", "DECIMAL(10,2)", None, None, 10, 2,
                                                   True))
        self.assertEqual(self.cur.fetchone(), (decimal.Decimal("2.50"), "n"))

    def test_every_type_round_trips(self):
        for type_name, value, expected in PARAMETER_TYPES:
            with self.subTest(type=type_name, value=value):
                statement = self.prepare("SELECT $1 AS v", [type_name])
                self.cur.execute(statement, (value,))
                (got,) = self.cur.fetchone()
                self.assertEqual(got, expected)
                self.assertIs(type(got), type(expected))
                self.cur.execute(statement, (None,))
                self.assertEqual(self.cur.fetchall(), [(None,)])

    def test_types_come_from_the_columns_a_statement_writes(self):
        table = unique_name("prep_types")
        columns = ", ".join(f"c{i} {type_name}"
                            for i, (type_name, _, _) in enumerate(PARAMETER_TYPES))
        self.cur.execute(f"CREATE TABLE {table} (id INT, {columns})")
        placeholders = ", ".join(f"${i}" for i in range(1, len(PARAMETER_TYPES) + 2))
        insert = self.prepare(f"INSERT INTO {table} VALUES ({placeholders})")
        self.assertIsNone(insert.description)
        self.assertEqual(insert.parameter_types[:4], ["INTEGER", "BOOLEAN", "TINYINT", "SMALLINT"])
        self.cur.execute(insert, [1] + [value for _, value, _ in PARAMETER_TYPES])
        self.assertEqual(self.cur.rowcount, 1)
        self.cur.execute(insert, [2] + [None] * len(PARAMETER_TYPES))
        self.cur.execute(f"SELECT * FROM {table} ORDER BY id")
        full, empty = self.cur.fetchall()
        self.assertEqual(list(full[1:]), [expected for _, _, expected in PARAMETER_TYPES])
        self.assertEqual(empty, (2,) + (None,) * len(PARAMETER_TYPES))

    def test_insert_then_select_many_times(self):
        table = unique_name("prep_rows")
        self.cur.execute(f"CREATE TABLE {table} (id BIGINT, name TEXT, at TIMESTAMPTZ)")
        start = datetime.datetime(2024, 1, 1, tzinfo=UTC)
        rows = [(i, f"n'{i}", start + datetime.timedelta(hours=i)) for i in range(200)]
        with self.conn.prepare(f"INSERT INTO {table} VALUES ($1, $2, $3)") as insert:
            self.cur.executemany(insert, rows)
        self.assertEqual(self.cur.rowcount, 200)
        by_id = self.prepare(f"SELECT name, at FROM {table} WHERE id = $1")
        for number, name, at in rows:
            self.cur.execute(by_id, (number,))
            self.assertEqual(self.cur.fetchall(), [(name, at)])
        self.assertEqual(by_id.execute((1000,)).fetchall(), [])

    def test_large_result_streams(self):
        series = self.prepare("SELECT g FROM generate_series(1, $1) g")
        first = self.conn.cursor()
        first.execute(series, (150000,))
        self.assertEqual(first.fetchone(), (1,))
        # A second request while the first result streams: it moves into memory.
        self.assertEqual(series.execute((2,)).fetchall(), [(1,), (2,)])
        self.assertEqual(sum(1 for _ in first), 149999)

    def test_base64_results(self):
        with closing(connect(binary=False, autocommit=True)) as conn:
            with conn.prepare("SELECT $1 || 'b' AS s", ["TEXT"]) as statement:
                self.assertEqual(statement.execute(("a",)).fetchall(), [("ab",)])

    def test_statement_without_parameters_or_rows(self):
        table = unique_name("prep_ddl")
        create = self.prepare(f"CREATE TABLE {table} (a INT)")
        self.assertEqual((create.parameter_types, create.description), ([], None))
        self.cur.execute(create)
        self.assertEqual(self.cur.statusmessage, "CREATE TABLE")
        self.assertIsNone(self.cur.description)


class PreparedTransactionTest(LiveTestCase):
    def setUp(self):
        super().setUp()
        self.table = unique_name("prep_tx")
        with closing(connect(autocommit=True)) as setup:
            setup.cursor().execute(f"CREATE TABLE {self.table} (a INT)")
        self.watcher = self.other_connection(autocommit=True).cursor()
        self.insert = self.conn.prepare(f"INSERT INTO {self.table} VALUES ($1)")

    def visible(self):
        self.watcher.execute(f"SELECT count(*) FROM {self.table}")
        return self.watcher.fetchone()[0]

    def test_prepare_opens_no_block(self):
        self.assertFalse(self.conn.in_transaction)

    def test_execute_opens_the_block(self):
        self.cur.execute(self.insert, (1,))
        self.assertTrue(self.conn.in_transaction)
        self.assertEqual(self.visible(), 0)
        self.conn.commit()
        self.assertEqual(self.visible(), 1)
        self.cur.execute(self.insert, (2,))
        self.conn.rollback()
        self.assertEqual(self.visible(), 1)
        self.assertEqual(self.insert.execute((3,)).rowcount, 1)
        self.conn.commit()
        self.assertEqual(self.visible(), 2)

    def test_statement_outlives_a_failed_block(self):
        self.cur.execute(self.insert, (1,))
        with self.assertRaises(boyodb.DataError):
            self.cur.execute("SELECT 1/0")
        with self.assertRaises(boyodb.InternalError) as caught:
            self.cur.execute(self.insert, (2,))
        self.assertEqual(caught.exception.sqlstate, "25P02")
        self.conn.rollback()
        self.cur.execute(self.insert, (3,))
        self.conn.commit()
        self.assertEqual(self.visible(), 1)


class PreparedErrorTest(LiveTestCase):
    def setUp(self):
        super().setUp()
        self.conn.autocommit = True
        self.statement = self.conn.prepare("SELECT $1 + 1 AS a", ["INTEGER"])
        self.addCleanup(self.statement.close)

    def assert_usable(self):
        self.cur.execute(self.statement, (1,))
        self.assertEqual(self.cur.fetchall(), [(2,)])
        self.assertEqual(self.scalar("SELECT 7"), 7)

    def test_unknown_name_after_close(self):
        with self.conn.prepare("SELECT 1") as statement:
            pass
        self.assertTrue(statement.closed)
        statement.close()  # Closing twice sends nothing.
        with self.assertRaises(boyodb.ProgrammingError) as caught:
            self.cur.execute(statement)
        self.assertEqual(caught.exception.sqlstate, "26000")
        self.assertIn(statement.name, str(caught.exception))
        self.assert_usable()

    def test_wrong_number_of_parameters(self):
        for parameters in ((), (1, 2), None):
            with self.subTest(parameters=parameters):
                with self.assertRaises(boyodb.ProgrammingError) as caught:
                    self.cur.execute(self.statement, parameters)
                self.assertIn("takes 1 parameters but", str(caught.exception))
        with self.assertRaises(TypeError):
            self.cur.execute(self.statement, {"a": 1})
        self.assert_usable()

    def test_bad_value(self):
        for value in ("x", 1.5, 2**31):
            with self.subTest(value=value):
                with self.assertRaises(boyodb.DataError) as caught:
                    self.cur.execute(self.statement, (value,))
                self.assertIn(caught.exception.sqlstate, ("22P02", "22003"))
                self.assertIn("parameter $1", str(caught.exception))
        with self.assertRaises(boyodb.ProgrammingError):
            self.cur.execute(self.statement, (object(),))
        self.assert_usable()

    def test_bad_value_in_a_block(self):
        self.conn.autocommit = False
        with self.assertRaises(boyodb.DataError) as caught:
            self.cur.execute(self.statement, ("x",))
        self.assertEqual(caught.exception.sqlstate, "22P02")
        self.conn.rollback()
        self.assert_usable()

    def test_prepare_errors(self):
        cases = [
            ("SELECT 1 +", None, boyodb.ProgrammingError, "42601"),
            ("SELECT 1; SELECT 2", None, boyodb.ProgrammingError, "42601"),
            ("SELECT * FROM nope", None, boyodb.ProgrammingError, "42P01"),
            ("SELECT $1 AS a", ["NO_SUCH_TYPE"], boyodb.ProgrammingError, "42704"),
            ("SELECT $2 AS a", None, boyodb.ProgrammingError, "42P18"),
        ]
        for sql, parameter_types, error_class, sqlstate in cases:
            with self.subTest(sql=sql):
                with self.assertRaises(error_class) as caught:
                    self.conn.prepare(sql, parameter_types)
                self.assertEqual(caught.exception.sqlstate, sqlstate)
        self.assert_usable()

    def test_statement_of_another_connection(self):
        other = self.other_connection()
        with self.assertRaises(boyodb.ProgrammingError):
            other.cursor().execute(self.statement, (1,))
        self.assert_usable()

    def test_close_after_the_connection(self):
        conn = connect()
        statement = conn.prepare("SELECT 1")
        conn.close()
        self.assertTrue(statement.closed)
        statement.close()  # The server forgot it with the session: nothing to send.
        with self.assertRaises(boyodb.InterfaceError):
            statement.execute()


if __name__ == "__main__":
    unittest.main()
