"""Unit tests of parameter quoting, pyformat substitution and prepared statements' parameter
values (no server needed)."""

import datetime
import decimal
import ipaddress
import unittest
import uuid

import boyodb
from boyodb.literals import format_query, parameter_value, quote


class QuoteTest(unittest.TestCase):
    def test_scalars(self):
        self.assertEqual(quote(None), "NULL")
        self.assertEqual(quote(True), "TRUE")
        self.assertEqual(quote(False), "FALSE")
        self.assertEqual(quote(42), "42")
        self.assertEqual(quote(-42), " -42")
        self.assertEqual(quote(2**70), str(2**70))
        self.assertEqual(quote(1.5), "1.5")
        self.assertEqual(quote(-1e100), " -1e+100")
        self.assertEqual(quote(float("nan")), "'NaN'::double precision")
        self.assertEqual(quote(float("inf")), "'Infinity'::double precision")
        self.assertEqual(quote(float("-inf")), "'-Infinity'::double precision")
        self.assertEqual(quote(decimal.Decimal("-1.50")), " -1.50")
        self.assertEqual(quote(decimal.Decimal("NaN")), "'NaN'::numeric")

    def test_strings(self):
        self.assertEqual(quote("it's"), "'it''s'")
        # standard_conforming_strings: backslashes are ordinary characters.
        self.assertEqual(quote("a\\b"), "'a\\b'")
        self.assertEqual(quote("é\n"), "'é\n'")
        with self.assertRaises(boyodb.DataError):
            quote("a\0b")

    def test_bytes(self):
        self.assertEqual(quote(b"\x00\xffA"), "'\\x00ff41'::bytea")
        self.assertEqual(quote(bytearray(b"")), "'\\x'::bytea")
        self.assertEqual(quote(memoryview(b"\x01")), "'\\x01'::bytea")

    def test_dates_and_times(self):
        self.assertEqual(quote(datetime.date(2024, 2, 29)), "'2024-02-29'::date")
        self.assertEqual(quote(datetime.time(1, 2, 3, 4)), "'01:02:03.000004'::time")
        self.assertEqual(quote(datetime.datetime(2024, 1, 2, 3, 4, 5)),
                         "'2024-01-02 03:04:05'::timestamp")
        aware = datetime.datetime(2024, 1, 2, 3, 4, 5, 6,
                                  tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
        self.assertEqual(quote(aware), "'2024-01-02 03:04:05.000006+02:00'::timestamptz")
        self.assertEqual(quote(datetime.datetime.max), "'infinity'::timestamp")
        self.assertEqual(quote(datetime.datetime.min), "'-infinity'::timestamp")
        self.assertEqual(quote(datetime.datetime.max.replace(tzinfo=datetime.timezone.utc)),
                         "'infinity'::timestamptz")
        self.assertEqual(quote(datetime.date.max), "'infinity'::date")
        self.assertEqual(quote(datetime.date.min), "'-infinity'::date")
        with self.assertRaises(boyodb.NotSupportedError):
            quote(datetime.time(1, tzinfo=datetime.timezone.utc))

    def test_intervals(self):
        self.assertEqual(quote(datetime.timedelta(days=-1, seconds=5, microseconds=7)),
                         "'0 months -1 days 5000007 microseconds'::interval")
        self.assertEqual(quote(boyodb.Interval(14, 3, 5000)),
                         "'14 months 3 days 5 microseconds'::interval")
        with self.assertRaises(boyodb.DataError):
            quote(boyodb.Interval(0, 0, 1))

    def test_other_types(self):
        value = uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
        self.assertEqual(quote(value), "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid")
        self.assertEqual(quote(ipaddress.IPv4Address("10.0.0.1")), "'10.0.0.1'::ipv4")
        self.assertEqual(quote(ipaddress.IPv6Address("::1")), "'::1'::ipv6")
        self.assertEqual(quote([1, None, "x"]), "ARRAY[1, NULL, 'x']")
        self.assertEqual(quote([[1, 2], [3, 4]]), "ARRAY[ARRAY[1, 2], ARRAY[3, 4]]")
        self.assertEqual(quote([]), "'{}'")
        self.assertEqual(quote((1, "a")), "(1, 'a')")
        self.assertEqual(quote({"a": "it's"}), "'{\"a\": \"it''s\"}'::json")
        self.assertEqual(quote(boyodb.Json([1, 2])), "'[1, 2]'::json")
        with self.assertRaises(boyodb.ProgrammingError):
            quote(object())
        with self.assertRaises(boyodb.ProgrammingError):
            quote(())


class FormatQueryTest(unittest.TestCase):
    def test_positional(self):
        self.assertEqual(format_query("SELECT %s, %s", (1, "a")), "SELECT 1, 'a'")
        self.assertEqual(format_query("SELECT %s", [None]), "SELECT NULL")

    def test_named(self):
        self.assertEqual(format_query("SELECT %(a)s + %(a)s, %(b)s", {"a": 1, "b": "x", "c": 3}),
                         "SELECT 1 + 1, 'x'")

    def test_percent(self):
        self.assertEqual(format_query("SELECT 'a%%' LIKE %s", ("a",)), "SELECT 'a%' LIKE 'a'")
        # No parameters: the query goes as it is, % and all (as in psycopg2).
        self.assertEqual(format_query("SELECT '100%'", None), "SELECT '100%'")

    def test_placeholder_inside_quotes_is_replaced(self):
        # Like psycopg2, every %s is a placeholder, quoted or not.
        self.assertEqual(format_query("SELECT '%s'", ("x",)), "SELECT ''x''")

    def test_negative_number_after_minus(self):
        self.assertEqual(format_query("SELECT 1-%s", (-1,)), "SELECT 1- -1")

    def test_errors(self):
        with self.assertRaises(boyodb.ProgrammingError):
            format_query("SELECT %s, %s", (1,))
        with self.assertRaises(boyodb.ProgrammingError):
            format_query("SELECT %s", (1, 2))
        with self.assertRaises(boyodb.ProgrammingError):
            format_query("SELECT %(a)s", {"b": 1})
        with self.assertRaises(boyodb.ProgrammingError):
            format_query("SELECT %(a)s", (1,))
        with self.assertRaises(boyodb.ProgrammingError):
            format_query("SELECT %s", {"a": 1})
        with self.assertRaises(boyodb.ProgrammingError):
            format_query("SELECT %d", (1,))
        with self.assertRaises(boyodb.ProgrammingError):
            format_query("SELECT 5 %", ())
        with self.assertRaises(TypeError):
            format_query("SELECT %s", "abc")


class ParameterValueTest(unittest.TestCase):
    """The JSON values of prepared statements' parameters: the text inside quote()'s quotes."""

    def test_json_scalars(self):
        self.assertIsNone(parameter_value(None))
        self.assertIs(parameter_value(True), True)
        self.assertIs(parameter_value(False), False)
        self.assertEqual(parameter_value(-42), -42)
        self.assertEqual(parameter_value(1.5), 1.5)

    def test_numbers_json_cannot_carry_exactly_go_as_text(self):
        self.assertEqual(parameter_value(2**64 - 1), 2**64 - 1)
        self.assertEqual(parameter_value(-2**63), -2**63)
        self.assertEqual(parameter_value(2**64), str(2**64))
        self.assertEqual(parameter_value(-2**63 - 1), str(-2**63 - 1))
        self.assertEqual(parameter_value(float("nan")), "NaN")
        self.assertEqual(parameter_value(float("inf")), "Infinity")
        self.assertEqual(parameter_value(float("-inf")), "-Infinity")
        self.assertEqual(parameter_value(decimal.Decimal("-1.50")), "-1.50")
        self.assertEqual(parameter_value(decimal.Decimal("NaN")), "NaN")

    def test_text_forms(self):
        aware = datetime.datetime(2024, 1, 2, 3, 4, 5, 6,
                                  tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
        cases = [
            ("it's a \\ \"quote\"", "it's a \\ \"quote\""),
            (b"\x00\xffA", "\\x00ff41"),
            (bytearray(b""), "\\x"),
            (datetime.date(2024, 2, 29), "2024-02-29"),
            (datetime.date.max, "infinity"),
            (datetime.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02 03:04:05"),
            (aware, "2024-01-02 03:04:05.000006+02:00"),
            (datetime.datetime.min, "-infinity"),
            (datetime.time(1, 2, 3, 4), "01:02:03.000004"),
            (datetime.timedelta(days=-1, seconds=5, microseconds=7),
             "0 months -1 days 5000007 microseconds"),
            (boyodb.Interval(14, 3, 5000), "14 months 3 days 5 microseconds"),
            (uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
             "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            (ipaddress.IPv4Address("10.0.0.1"), "10.0.0.1"),
            (ipaddress.IPv6Address("::1"), "::1"),
            ({"a": "it's"}, '{"a": "it\'s"}'),
            (boyodb.Json([1, 2]), "[1, 2]"),
        ]
        for value, text in cases:
            with self.subTest(value=value):
                self.assertEqual(parameter_value(value), text)

    def test_arrays(self):
        self.assertEqual(parameter_value([]), "{}")
        self.assertEqual(parameter_value([1, None, True, 1.5]), '{"1",NULL,"true","1.5"}')
        self.assertEqual(parameter_value(['a"b', "c\\d", "NULL", ""]),
                         '{"a\\"b","c\\\\d","NULL",""}')
        self.assertEqual(parameter_value([[1, 2], [3, None]]), '{{"1","2"},{"3",NULL}}')
        self.assertEqual(parameter_value([b"\x01"]), '{"\\\\x01"}')

    def test_refused_values(self):
        with self.assertRaises(boyodb.DataError):
            parameter_value("a\0b")
        with self.assertRaises(boyodb.NotSupportedError):
            parameter_value(datetime.time(1, tzinfo=datetime.timezone.utc))
        with self.assertRaises(boyodb.DataError):
            parameter_value(boyodb.Interval(0, 0, 1))
        with self.assertRaises(boyodb.ProgrammingError):
            parameter_value((1, 2))
        with self.assertRaises(boyodb.ProgrammingError):
            parameter_value(object())


if __name__ == "__main__":
    unittest.main()
