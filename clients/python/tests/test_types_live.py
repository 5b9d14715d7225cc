"""Every BoyoDB type through the server: parameters in, Arrow results out, ingest helpers."""

import datetime
import decimal
import ipaddress
import math
import unittest
import uuid

import boyodb
from boyodb.arrow import types as t
from boyodb.arrow.writer import write_stream
from support import LiveTestCase, unique_name

UTC = datetime.timezone.utc
PLUS2 = datetime.timezone(datetime.timedelta(hours=2))

# (column type, value sent as a parameter, value expected back)
SQL_TYPES = [
    ("BOOLEAN", True, True),
    ("TINYINT", -128, -128),
    ("SMALLINT", 32767, 32767),
    ("INTEGER", -2**31, -2**31),
    ("BIGINT", 2**63 - 1, 2**63 - 1),
    ("UINT8", 255, 255),
    ("UINT16", 65535, 65535),
    ("UINT32", 2**32 - 1, 2**32 - 1),
    ("UINT64", 2**64 - 1, 2**64 - 1),
    ("REAL", 1.5, 1.5),
    ("DOUBLE PRECISION", -2.5e-300, -2.5e-300),
    ("DECIMAL(38,4)", decimal.Decimal("-1234567890123456789012345678901234.5678"),
     decimal.Decimal("-1234567890123456789012345678901234.5678")),
    ("DECIMAL(10,2)", decimal.Decimal("1.5"), decimal.Decimal("1.50")),
    ("TEXT", "it's a \\ \"quoted\" %s ünïcode ☃", "it's a \\ \"quoted\" %s ünïcode ☃"),
    ("JSON", {"a": [1, 2.5, None, "x'y"], "b": {"c": True}},
     {"a": [1, 2.5, None, "x'y"], "b": {"c": True}}),
    ("BYTEA", b"\x00\x01'\\\xff", b"\x00\x01'\\\xff"),
    ("DATE", datetime.date(2024, 2, 29), datetime.date(2024, 2, 29)),
    ("TIME", datetime.time(23, 59, 58, 999999), datetime.time(23, 59, 58, 999999)),
    ("TIMESTAMP", datetime.datetime(1900, 1, 2, 3, 4, 5, 6),
     datetime.datetime(1900, 1, 2, 3, 4, 5, 6)),
    ("TIMESTAMPTZ", datetime.datetime(2024, 5, 6, 7, 8, 9, 10, tzinfo=PLUS2),
     datetime.datetime(2024, 5, 6, 5, 8, 9, 10, tzinfo=UTC)),
    ("INTERVAL", datetime.timedelta(days=-3, seconds=5, microseconds=7),
     datetime.timedelta(days=-3, seconds=5, microseconds=7)),
    ("INTERVAL", boyodb.Interval(14, -3, 7000), boyodb.Interval(14, -3, 7000)),
    ("UUID", uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
     uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")),
    ("INTEGER[]", [1, None, 3], [1, None, 3]),
    ("TEXT[]", ["a'b", None, ""], ["a'b", None, ""]),
    ("INTEGER[][]", [[1, 2], [3, 4]], [[1, 2], [3, 4]]),
]


class ParameterRoundTripTest(LiveTestCase):
    def setUp(self):
        super().setUp()
        self.conn.autocommit = True
        self.table = unique_name("types")
        columns = ", ".join(f"c{i} {type_name}" for i, (type_name, _, _) in enumerate(SQL_TYPES))
        self.cur.execute(f"CREATE TABLE {self.table} (id INT, {columns})")

    def test_every_type_with_nulls(self):
        placeholders = ", ".join(["%s"] * (len(SQL_TYPES) + 1))
        sent = [1] + [value for _, value, _ in SQL_TYPES]
        self.cur.execute(f"INSERT INTO {self.table} VALUES ({placeholders})", sent)
        self.cur.execute(f"INSERT INTO {self.table} VALUES ({placeholders})",
                         [2] + [None] * len(SQL_TYPES))
        self.cur.execute(f"SELECT * FROM {self.table} ORDER BY id")
        self.assertEqual([d[0] for d in self.cur.description],
                         ["id"] + [f"c{i}" for i in range(len(SQL_TYPES))])
        full, empty = self.cur.fetchall()
        for (type_name, _, expected), got in zip(SQL_TYPES, full[1:]):
            with self.subTest(type=type_name):
                self.assertEqual(got, expected)
                self.assertIs(type(got), type(expected))
        self.assertEqual(empty, (2,) + (None,) * len(SQL_TYPES))

    def test_named_parameters_in_where(self):
        self.cur.execute(f"INSERT INTO {self.table} (id, c13) VALUES (%(id)s, %(text)s)",
                         {"id": 5, "text": "50%"})
        self.cur.execute(f"SELECT id FROM {self.table} WHERE c13 LIKE '%%\\%%' AND id IN %s",
                         ((4, 5),))
        self.assertEqual(self.cur.fetchall(), [(5,)])

    def test_special_floats(self):
        self.cur.execute("SELECT %s, %s, %s, %s::real",
                         (float("nan"), float("inf"), float("-inf"), float("inf")))
        nan, inf, minus_inf, real_inf = self.cur.fetchone()
        self.assertTrue(math.isnan(nan))
        self.assertEqual((inf, minus_inf, real_inf), (math.inf, -math.inf, math.inf))

    def test_empty_array_parameter(self):
        self.cur.execute(f"INSERT INTO {self.table} (id, c23) VALUES (1, %s)", ([],))
        self.assertEqual(self.scalar(f"SELECT c23 FROM {self.table}"), [])

    def test_ip_address_parameters(self):
        self.assertEqual(self.scalar("SELECT %s", (ipaddress.IPv4Address("10.1.2.3"),)),
                         ipaddress.IPv4Address("10.1.2.3"))
        self.assertEqual(self.scalar("SELECT %s", (ipaddress.IPv6Address("fe80::1"),)),
                         ipaddress.IPv6Address("fe80::1"))


class ResultValueTest(LiveTestCase):
    def test_infinity_and_out_of_range_sentinels(self):
        self.cur.execute("SELECT 'infinity'::timestamp, '-infinity'::timestamp, "
                         "'infinity'::timestamptz, '-infinity'::timestamptz, "
                         "'infinity'::date, '-infinity'::date, '24:00:00'::time")
        self.assertEqual(self.cur.fetchone(), (
            datetime.datetime.max, datetime.datetime.min,
            datetime.datetime.max.replace(tzinfo=UTC), datetime.datetime.min.replace(tzinfo=UTC),
            datetime.date.max, datetime.date.min, datetime.time.max))
        # The sentinels go back as 'infinity' literals.
        self.cur.execute("SELECT %s = 'infinity'::timestamp, %s = '-infinity'::date",
                         (datetime.datetime.max, datetime.date.min))
        self.assertEqual(self.cur.fetchone(), (True, True))

    def test_interval_forms(self):
        self.cur.execute("SELECT '1 day 02:00:00.5'::interval, '1 year 2 mons'::interval, "
                         "'-1 mons'::interval")
        self.assertEqual(self.cur.fetchone(), (
            datetime.timedelta(days=1, hours=2, microseconds=500000),
            boyodb.Interval(14, 0, 0), boyodb.Interval(-1, 0, 0)))

    def test_json_as_text_on_request(self):
        conn = self.other_connection(json_loads=None)
        cur = conn.cursor()
        cur.execute("""SELECT '{"a": 1}'::json, 'null'::json""")
        self.assertEqual(cur.fetchone(), ('{"a": 1}', "null"))
        self.cur.execute("""SELECT 'null'::json, '"x"'::json""")
        self.assertEqual(self.cur.fetchone(), (None, "x"))

    def test_base64_results_match_binary_frames(self):
        sql = ("SELECT g, g::text, CASE WHEN g % 3 = 0 THEN NULL ELSE g * 1.5 END, "
               "ARRAY[g, NULL] FROM generate_series(1, 3000) g")
        self.cur.execute(sql)
        binary_rows = self.cur.fetchall()
        cur = self.other_connection(binary=False).cursor()
        cur.execute(sql)
        self.assertEqual(cur.fetchall(), binary_rows)
        self.assertEqual(len(binary_rows), 3000)

    def test_large_result_streams_in_batches(self):
        sql = "SELECT g, 'row ' || g::text FROM generate_series(1, 200000) g"
        result = self.conn.execute_query(sql)
        sizes = [batch.num_rows for batch in result.reader]
        self.assertGreater(len(sizes), 1)
        self.assertEqual(sum(sizes), 200000)
        result.frames.discard_rest()
        self.cur.execute(sql)
        self.assertEqual(self.cur.rowcount, 200000)
        count = total = 0
        for number, text in self.cur:
            count += 1
            total += number
            if number == 123456:
                self.assertEqual(text, "row 123456")
        self.assertEqual((count, total), (200000, 200000 * 200001 // 2))

    def test_low_cardinality_text(self):
        # Segments dictionary-encode such a column; the server decodes it in the projection
        # today, and the reader takes either form (dictionaries: test_ipc_decoder.py).
        conn = self.other_connection(autocommit=True)
        cur = conn.cursor()
        table = unique_name("lowcard")
        cur.execute(f"CREATE TABLE {table} (id INT, color TEXT)")
        cur.execute(f"INSERT INTO {table} SELECT g, CASE g % 4 WHEN 0 THEN 'red' WHEN 1 THEN "
                    "'green' WHEN 2 THEN NULL ELSE 'blue' END FROM generate_series(1, 100000) g")
        cur.execute(f"SELECT color, count(*) FROM {table} GROUP BY color ORDER BY color")
        self.assertEqual(cur.fetchall(),
                         [("blue", 25000), ("green", 25000), ("red", 25000), (None, 25000)])
        cur.execute(f"SELECT id, color FROM {table} ORDER BY id")
        colors = ["red", "green", None, "blue"]
        self.assertEqual(cur.fetchall(), [(i, colors[i % 4]) for i in range(1, 100001)])


class IngestTest(LiveTestCase):
    COLUMNS = [("id", "INT"), ("v4", "IPV4"), ("v6", "IPV6"), ("m", "MAP(TEXT, BIGINT)"),
               ("s", "STRUCT(x INT, y TEXT)"), ("tags", "TEXT[]"), ("j", "JSON"),
               ("ts", "TIMESTAMPTZ"), ("iv", "INTERVAL"), ("d", "DECIMAL(12,3)"),
               ("u", "UUID"), ("b", "BYTEA"), ("dt", "DATE"), ("tm", "TIME")]

    def setUp(self):
        super().setUp()
        self.conn.autocommit = True
        self.table = unique_name("ingest")
        self.assertEqual(self.conn.create_table(self.table, self.COLUMNS), "CREATE TABLE")

    def test_ingest_rows_every_type(self):
        full = (1, ipaddress.IPv4Address("192.168.1.20"), ipaddress.IPv6Address("2001:db8::7"),
                {"a": 1, "b": None}, {"x": 5, "y": "why"}, ["p", None],
                [1, {"k": "v"}], datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
                boyodb.Interval(1, 2, 3000), decimal.Decimal("-12.345"),
                uuid.UUID(int=2**128 - 1), b"\x00raw", datetime.date(1999, 12, 31),
                datetime.time(12, 0, 0, 1))
        partial = (2, None, None, {}, {"x": None, "y": None}, [], None, None, None, None, None,
                   None, None, None)
        nulls = (3,) + (None,) * (len(self.COLUMNS) - 1)
        self.assertEqual(self.conn.ingest_rows(self.table, [full, partial, nulls]), 3)
        self.cur.execute(f"SELECT * FROM {self.table} ORDER BY id")
        self.assertEqual(self.cur.fetchall(), [full, partial, nulls])
        self.cur.execute(f"SELECT v4::text, v6::text FROM {self.table} WHERE id = 1")
        self.assertEqual(self.cur.fetchone(), ("192.168.1.20", "2001:db8::7"))

    def test_ingest_ipc_and_csv(self):
        table = unique_name("ingest_small")
        self.cur.execute(f"CREATE TABLE {table} (id BIGINT, b BYTEA)")
        fields = [t.Field("id", t.DataType(t.INT, bit_width=64, signed=True)),
                  t.Field("b", t.DataType(t.BINARY))]
        stream = write_stream(fields, [(10, None), (11, b"")])
        self.assertEqual(self.conn.ingest_ipc(table, stream), 2)
        self.assertEqual(self.conn.ingest_csv(table, "id;b\n12;\\x41\n13;NULL\n",
                                              header=True, delimiter=";", null="NULL"), 2)
        self.cur.execute(f"SELECT id, b FROM {table} ORDER BY id")
        self.assertEqual(self.cur.fetchall(), [(10, None), (11, b""), (12, b"A"), (13, None)])

    def test_explain(self):
        self.assertIn(self.table, self.conn.explain(f"SELECT * FROM {self.table}"))


if __name__ == "__main__":
    unittest.main()
