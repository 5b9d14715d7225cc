#!/usr/bin/env python3
"""Write a sqllogictest file of random queries over a fixed schema, for differential testing.

Why
    tests/sql/ holds hand-written files, one per feature, and the public corpus is a sample.
    Neither says how BoyoDB does on SQL that nobody wrote with BoyoDB in mind.  This script
    writes such SQL: random but valid PostgreSQL queries (expressions nested a few levels deep,
    filters, GROUP BY and HAVING, joins of every kind, IN / EXISTS / scalar subqueries,
    correlated or not, set operations, window functions, DISTINCT, WITH, derived tables, ORDER BY
    with LIMIT and OFFSET) over two small tables with NULLs in every column but the key.

How it is used
    The output has no expected results.  scripts/complete-sql-tests.py fills them in from a
    real PostgreSQL 15, and the completed file is committed under tests/sql/generated/, so
    `make test` checks BoyoDB against PostgreSQL on every query.  The same seed always gives
    the same file (Python's random.Random is deterministic for a given seed and version).

        scripts/generate-random-queries.py --seed 1 --queries 300 \\
            > tests/sql/generated/random_queries_1.test
        scripts/complete-sql-tests.py tests/sql/generated/random_queries_1.test

    A file is regenerated, never edited by hand.  When BoyoDB disagrees with PostgreSQL on a
    generated query, the engine is fixed; the generator is not taught to avoid the query.

What the queries avoid, and why
    Only runtime errors PostgreSQL would raise (division by zero, integer overflow, bad casts):
    divisors are non-zero constants or NULLIF(x, 0), multipliers are small constants, and no
    text is cast to a number.  Every result is deterministic: `rowsort` unless the query orders
    all its rows by a unique key (ORDER BY ... LIMIT), window orders end with the key, and
    string_agg orders its input.  Floating-point types are left out, since their last digits
    are not comparable across engines; NUMERIC values are compared to three decimals (R).

Python 3 standard library only.
"""

import argparse
import random
import sys

DATA_SEED = 20261201
# No spaces: a result of only blanks cannot be written on a line of a sqllogictest file, and
# substrings of "a b" would give one.  The trim functions work on dots instead.
WORDS = ["apple", "Banana", "cherry", "", "date", "fig", "a.b", "APPLE", "kiwi", "lemon%",
         "mango_1", "..pad..", "Zed", "éclair"]


class Table:
    def __init__(self, name, columns, key):
        self.name = name
        self.columns = columns  # [(name, type)]
        self.key = key


G1 = Table("g1", [("id", "int"), ("a", "int"), ("b", "int"), ("c", "text"), ("d", "date"),
                  ("n", "numeric"), ("f", "bool")], "id")
G2 = Table("g2", [("id", "int"), ("a", "int"), ("x", "int"), ("s", "text"), ("d", "date")], "id")
TABLES = [G1, G2]

RESULT_LETTER = {"int": "I", "bigint": "I", "bool": "I", "text": "T", "date": "T",
                 "numeric": "R", "float": "R", "timestamp": "T", "interval": "T"}
# Types with no column of their own: expressions build them from the columns.
DERIVED_TYPES = ("float", "timestamp", "interval")


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


def random_value(rng, type_name):
    if type_name == "int":
        return str(rng.randint(-40, 60))
    if type_name == "text":
        return sql_text(rng.choice(WORDS))
    if type_name == "date":
        return "'2024-%02d-%02d'" % (rng.randint(1, 3), rng.randint(1, 28))
    if type_name == "numeric":
        return "%d.%02d" % (rng.randint(-99, 99), rng.randint(0, 99))
    if type_name == "bool":
        return rng.choice(["true", "false"])
    raise ValueError(type_name)


def table_rows(rng, table, count):
    rows = []
    for row_id in range(1, count + 1):
        values = []
        for name, type_name in table.columns:
            if name == "id":
                values.append(str(row_id))
            elif name == "a":
                # A small domain, so that joins on a match several rows and some rows none.
                values.append("NULL" if rng.random() < 0.12 else str(rng.randint(0, 7)))
            elif rng.random() < 0.15:
                values.append("NULL")
            else:
                values.append(random_value(rng, type_name))
        rows.append("(" + ", ".join(values) + ")")
    return rows


def schema_records():
    rng = random.Random(DATA_SEED)
    types = {"int": "integer", "text": "text", "date": "date", "numeric": "numeric(8,2)",
             "bool": "boolean"}
    records = []
    for table, count in ((G1, 30), (G2, 20)):
        columns = ", ".join(
            name + " " + types[type_name] + (" PRIMARY KEY" if name == table.key else "")
            for name, type_name in table.columns)
        records.append("statement ok\nCREATE TABLE %s (%s)" % (table.name, columns))
        records.append("statement ok\nINSERT INTO %s VALUES %s" %
                       (table.name, ", ".join(table_rows(rng, table, count))))
    return records


class Scope:
    """The columns a query level can name: (qualifier, column, type)."""

    def __init__(self, columns, outer=None):
        self.columns = columns
        self.outer = outer

    def of_type(self, type_name):
        return [c for c in self.columns if c[2] == type_name]


def scope_of(table, alias):
    return Scope([(alias, name, type_name) for name, type_name in table.columns])


class Generator:
    def __init__(self, rng):
        self.rng = rng
        self.alias_counter = 0

    def chance(self, p):
        return self.rng.random() < p

    def fresh_alias(self, prefix):
        self.alias_counter += 1
        return "%s%d" % (prefix, self.alias_counter)

    # ---- expressions -------------------------------------------------------------------

    def column(self, scope, type_name):
        candidates = scope.of_type(type_name)
        if scope.outer is not None and self.chance(0.25):
            candidates = candidates + scope.outer.of_type(type_name)
        if not candidates:
            return None
        qualifier, name, _ = self.rng.choice(candidates)
        return "%s.%s" % (qualifier, name) if qualifier else name

    def expr(self, scope, type_name, depth):
        if type_name in DERIVED_TYPES:
            if depth > 0 and self.chance(0.85):
                return getattr(self, "expr_" + type_name)(scope, depth - 1)
            return self.literal(type_name)
        if depth <= 0 or self.chance(0.3):
            column = self.column(scope, type_name)
            if column is not None and self.chance(0.8):
                return column
            return self.literal(type_name)
        builder = getattr(self, "expr_" + type_name)
        return builder(scope, depth - 1)

    def expr_with_column(self, scope, type_name, depth):
        """An expression that names a column: ORDER BY takes a bare integer for a position,
        and a polymorphic function cannot take an untyped literal."""
        names = ["%s.%s" % (q, n) for q, n, _ in scope.columns]
        for _ in range(10):
            candidate = self.expr(scope, type_name, depth)
            if any(name in candidate for name in names):
                return candidate
        column = self.column(scope, type_name)
        if column is None and type_name == "bool":  # a table without a boolean column
            column = "%s IS NULL" % self.column(scope, "int")
        return column

    def literal(self, type_name):
        rng = self.rng
        if type_name == "int":
            value = rng.randint(-20, 30)
            return "(%d)" % value if value < 0 else str(value)
        if type_name == "text":
            return sql_text(rng.choice(WORDS))
        if type_name == "date":
            return "DATE '2024-%02d-%02d'" % (rng.randint(1, 3), rng.randint(1, 28))
        if type_name == "numeric":
            return "%d.%d" % (rng.randint(0, 50), rng.randint(0, 9))
        if type_name == "bool":
            return rng.choice(["true", "false", "NULL::boolean"])
        if type_name == "float":
            return "%d.5::float8" % rng.randint(-5, 20)
        if type_name == "timestamp":
            return "TIMESTAMP '2024-%02d-%02d %02d:%02d:00'" % (
                rng.randint(1, 3), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59))
        if type_name == "interval":
            return "INTERVAL '%s'" % rng.choice(["1 day", "3 hours", "90 minutes",
                                                 "1 mon 2 days", "-2 days", "36:00:00",
                                                 "1 year 3 mons"])
        raise ValueError(type_name)

    def common_forms(self, scope, type_name, depth):
        """Forms every type has: CASE, COALESCE, NULLIF, GREATEST/LEAST."""
        rng = self.rng
        e = lambda: self.expr(scope, type_name, depth)
        form = rng.randrange(5)
        if form == 0:
            whens = " ".join("WHEN %s THEN %s" % (self.expr(scope, "bool", depth), e())
                             for _ in range(rng.randint(1, 2)))
            tail = " ELSE %s" % e() if self.chance(0.7) else ""
            return "CASE %s%s END" % (whens, tail)
        if form == 1:
            return "COALESCE(%s, %s)" % (e(), e())
        if form == 2:
            return "NULLIF(%s, %s)" % (e(), e())
        if form == 3:
            return "%s(%s, %s)" % (rng.choice(["GREATEST", "LEAST"]), e(), e())
        subject = e()
        return "CASE %s WHEN %s THEN %s ELSE %s END" % (subject, self.literal(type_name), e(), e())

    def expr_int(self, scope, depth):
        rng = self.rng
        e = lambda: self.expr(scope, "int", depth)
        form = rng.randrange(26)
        if form == 0:
            return "(%s %s %s)" % (e(), rng.choice(["+", "-"]), e())
        if form == 1:
            return "(%s * %d)" % (e(), rng.randint(-3, 4))
        if form == 2:
            return "(%s %s %d)" % (e(), rng.choice(["/", "%"]), rng.choice([-3, 2, 3, 5, 7]))
        if form == 3:
            return "(%s / NULLIF(%s, 0))" % (e(), e())
        if form == 4:
            return "abs(%s)" % e()
        if form == 5:
            return "(- %s)" % e()
        if form == 6:
            return "length(%s)" % self.expr(scope, "text", depth)
        if form == 7:
            field = rng.choice(["day", "month", "dow", "doy", "year"])
            return "EXTRACT(%s FROM %s)::integer" % (field, self.expr(scope, "date", depth))
        if form == 8:
            return "(%s - %s)" % (self.expr(scope, "date", depth), self.expr(scope, "date", depth))
        if form == 9:
            return "position(%s IN %s)" % (self.literal("text"), self.expr(scope, "text", depth))
        if form == 10:
            return "CAST(%s AS integer)" % self.expr(scope, "numeric", depth)
        if form == 11:
            return "mod(%s, %d)" % (e(), self.rng.choice([-4, 3, 6]))
        if form == 12:
            return "%s(%s)" % (rng.choice(["char_length", "octet_length", "ascii"]),
                               self.expr(scope, "text", depth))
        if form == 13:
            return "(%s %s %s)" % (e(), rng.choice(["&", "|", "#"]), rng.randint(1, 15))
        if form == 14:
            return "strpos(%s, %s)" % (self.expr(scope, "text", depth),
                                       sql_text(rng.choice(["a", "an", "e", ".", ""])))
        if form == 15:
            field = rng.choice(["hour", "minute", "day", "isodow", "week", "quarter"])
            return "EXTRACT(%s FROM %s)::integer" % (field, self.expr(scope, "timestamp",
                                                                        depth))
        if form == 16:
            return "gcd(%s, %s)" % (e(), rng.choice(["4", "6", "(-9)"]))
        if form == 17:
            return "width_bucket(%s, -40, 60, %d)" % (e(), rng.randint(2, 6))
        if form == 18:
            return "round(%s)::integer" % self.expr(scope, "float", depth)
        if form == 21:
            return "array_length(string_to_array(%s, %s), 1)" % (
                self.expr(scope, "text", depth), sql_text(rng.choice(["a", ".", "p"])))
        if form == 22:
            return "num_nonnulls(%s, %s, %s)" % (e(), self.expr(scope, "text", depth),
                                                 self.expr(scope, "date", depth))
        if form == 23:
            return "cardinality(ARRAY[%s, %s])" % (e(), e())
        return self.common_forms(scope, "int", depth)

    def expr_numeric(self, scope, depth):
        rng = self.rng
        e = lambda: self.expr(scope, "numeric", depth)
        form = rng.randrange(11)
        if form == 0:
            return "(%s %s %s)" % (e(), rng.choice(["+", "-"]), e())
        if form == 1:
            return "(%s * %s)" % (e(), rng.choice(["2", "0.5", "(-1.25)", "3"]))
        if form == 2:
            return "(%s + %s)" % (e(), self.expr(scope, "int", depth))
        if form == 3:
            return "round(%s, %d)" % (e(), rng.randint(0, 2))
        if form == 4:
            return "abs(%s)" % e()
        if form == 5:
            return "(%s / %s)" % (e(), rng.choice(["4", "2.5", "(-8)"]))
        if form == 6:
            return "%s(%s)" % (rng.choice(["floor", "ceil", "trunc"]), e())
        if form == 7:
            return "trunc(%s, %d)" % (e(), rng.randint(0, 1))
        if form == 8:
            return "mod(%s, %s)" % (e(), rng.choice(["2.5", "3", "(-0.7)"]))
        return self.common_forms(scope, "numeric", depth)

    def expr_text(self, scope, depth):
        rng = self.rng
        e = lambda: self.expr(scope, "text", depth)
        form = rng.randrange(34)
        if form == 0:
            return "upper(%s)" % e()
        if form == 1:
            return "lower(%s)" % e()
        if form == 2:
            return "substr(%s, %d, %d)" % (e(), rng.randint(1, 4), rng.randint(0, 4))
        if form == 3:
            return "(%s || %s)" % (e(), e())
        if form == 4:
            return "concat(%s, %s)" % (e(), self.expr(scope, "int", depth))
        if form == 5:
            return "%s(%s, %s)" % (rng.choice(["btrim", "ltrim", "rtrim"]), e(),
                                   sql_text(rng.choice([".", ".a", "pe"])))
        if form == 6:
            return "replace(%s, %s, %s)" % (e(), sql_text(rng.choice(["a", "p", "an"])),
                                            sql_text(rng.choice(["", "X", "--"])))
        if form == 7:
            return "%s(%s, %d, %s)" % (rng.choice(["lpad", "rpad"]), e(), rng.randint(0, 8),
                                       sql_text(rng.choice(["*", "ab"])))
        if form == 8:
            return "%s(%s, %d)" % (rng.choice(["left", "right"]), e(), rng.randint(-2, 4))
        if form == 9:
            return "CAST(%s AS text)" % self.expr(scope, rng.choice(["int", "date"]), depth)
        if form == 10:
            return "reverse(%s)" % e()
        if form == 11:
            return "initcap(%s)" % e()
        if form == 12:
            return "split_part(%s, %s, %d)" % (e(), sql_text(rng.choice([".", "a", "an"])),
                                               rng.choice([1, 2, -1]))
        if form == 13:
            return "translate(%s, %s, %s)" % (e(), sql_text(rng.choice(["ae", "pl.", "A"])),
                                              sql_text(rng.choice(["xy", "1", ""])))
        if form == 14:
            return "repeat(%s, %d)" % (e(), rng.randint(0, 3))
        if form == 15:
            return "regexp_replace(%s, %s, %s%s)" % (
                e(), sql_text(rng.choice(["[aeiou]", "^.", "(a)(p)", "[A-Z]+", "\\.+"])),
                sql_text(rng.choice(["*", "\\2\\1", "<\\&>", ""])),
                rng.choice(["", ", 'g'", ", 'i'"]))
        if form == 16:
            return "to_char(%s, %s)" % (
                self.expr(scope, rng.choice(["date", "timestamp"]), depth),
                sql_text(rng.choice(["YYYY-MM-DD", "DD Mon YYYY", "Dy HH24:MI", "Q-WW",
                                     "FMMonth DDth", "YYYYMMDD", "HH12 AM"])))
        if form == 17:
            return "format(%s, %s, %s)" % (sql_text(rng.choice(["%s|%s", "%2$s-%1$s", "[%s]%s"])),
                                           e(), self.expr(scope, "int", depth))
        if form == 18:
            return "CAST(%s AS varchar(%d))" % (e(), rng.randint(1, 4))
        if form == 19:
            return "CAST(%s AS text)" % self.expr(
                scope, rng.choice(["numeric", "timestamp", "interval", "bool"]), depth)
        if form == 20:
            return "md5(%s)" % e()
        if form == 24:
            return "overlay(%s placing %s from %d for %d)" % (
                e(), sql_text(rng.choice(["X", "yz", ""])), rng.randint(1, 4), rng.randint(0, 3))
        if form == 25:
            return "substring(%s from %d for %d)" % (e(), rng.randint(1, 4), rng.randint(0, 4))
        if form == 26:
            return "chr(65 + abs(%s %% 26))" % self.expr(scope, "int", depth)
        if form == 27:
            return "array_to_string(string_to_array(%s, %s), '|', '*')" % (
                e(), sql_text(rng.choice([".", "a", "an"])))
        if form == 28:
            return "to_hex(abs(%s))" % self.expr(scope, "int", depth)
        if form == 29:
            return "quote_literal(%s)" % e()
        if form == 30:
            return "CAST(regexp_match(%s, %s) AS text)" % (
                e(), sql_text(rng.choice(["(a)(p)", "([A-Z])", "(.)\\.(.)"])))
        return self.common_forms(scope, "text", depth)

    def expr_date(self, scope, depth):
        rng = self.rng
        form = rng.randrange(8)
        if form == 0:
            return "(%s + %s)" % (self.expr(scope, "date", depth), self.expr(scope, "int", depth))
        if form == 1:
            return "(%s - %d)" % (self.expr(scope, "date", depth), rng.randint(0, 40))
        if form == 2:
            return "CAST(%s AS date)" % self.expr(scope, "timestamp", depth)
        if form == 6:
            return "CAST(date_trunc(%s, %s) AS date)" % (
                sql_text(rng.choice(["month", "week", "year"])), self.expr(scope, "date", depth))
        if form == 7:
            return "CAST(%s + INTERVAL '%d months' AS date)" % (self.expr(scope, "date", depth),
                                                               rng.randint(-3, 13))
        if form == 3:
            return "make_date(2024, %d, %s)" % (rng.randint(1, 12), rng.choice(
                ["1", "28", "abs(%s %% 28) + 1" % self.expr(scope, "int", depth)]))
        return self.common_forms(scope, "date", depth)

    def expr_timestamp(self, scope, depth):
        rng = self.rng
        form = rng.randrange(7)
        if form == 0:
            return "CAST(%s AS timestamp)" % self.expr(scope, "date", depth)
        if form == 1:
            return "(%s %s %s)" % (self.expr(scope, "timestamp", depth), rng.choice(["+", "-"]),
                                   self.expr(scope, "interval", depth))
        if form == 2:
            return "(%s + %s)" % (self.expr(scope, "date", depth),
                                  self.expr(scope, "interval", depth))
        if form == 3:
            return "date_trunc(%s, %s)" % (
                sql_text(rng.choice(["month", "week", "day", "hour", "quarter", "year"])),
                self.expr(scope, "timestamp", depth))
        if form == 4:
            return "(%s + TIME '%02d:%02d')" % (self.expr(scope, "date", depth),
                                                rng.randint(0, 23), rng.randint(0, 59))
        return self.common_forms(scope, "timestamp", depth)

    def expr_interval(self, scope, depth):
        rng = self.rng
        form = rng.randrange(7)
        if form == 0:
            return "(%s - %s)" % (self.expr(scope, "timestamp", depth),
                                  self.expr(scope, "timestamp", depth))
        if form == 1:
            return "(%s * %d)" % (self.expr(scope, "interval", depth), rng.randint(-2, 3))
        if form == 2:
            return "make_interval(days => %s)" % self.expr(scope, "int", depth)
        if form == 3:
            return "age(%s, %s)" % (self.expr(scope, "timestamp", depth),
                                    self.expr(scope, "timestamp", depth))
        if form == 4:
            return "%s(%s)" % (rng.choice(["justify_hours", "justify_days", "justify_interval"]),
                               self.expr(scope, "interval", depth))
        return self.common_forms(scope, "interval", depth)

    def expr_float(self, scope, depth):
        rng = self.rng
        form = rng.randrange(7)
        if form == 0:
            return "sqrt(abs(%s))" % self.expr(scope, "int", depth)
        if form == 1:
            return "(%s::float8 / %d)" % (self.expr(scope, "int", depth), rng.choice([3, 7, -6]))
        if form == 2:
            return "power(%s, %d)" % (self.expr(scope, "float", depth), rng.randint(0, 2))
        if form == 3:
            return "ln(abs(%s) + 1)" % self.expr(scope, "int", depth)
        if form == 4:
            return "CAST(%s AS double precision)" % self.expr(scope, "numeric", depth)
        if form == 5:
            return "EXTRACT(epoch FROM %s)::float8 / 3600" % self.expr(scope, "interval", depth)
        return self.common_forms(scope, "float", depth)

    def expr_bool(self, scope, depth):
        rng = self.rng
        form = rng.randrange(17)
        comparable = rng.choice(["int", "int", "text", "date", "numeric", "timestamp",
                                 "interval", "float"])
        e = lambda: self.expr(scope, comparable, depth)
        if form in (0, 1, 2):
            return "%s %s %s" % (e(), rng.choice(["=", "<>", "<", "<=", ">", ">="]), e())
        if form == 3:
            return "%s IS %sNULL" % (e(), rng.choice(["", "NOT "]))
        if form == 4:
            return "%s %sBETWEEN %s AND %s" % (e(), rng.choice(["", "NOT "]), e(), e())
        if form == 5:
            items = ", ".join(self.literal(comparable) for _ in range(rng.randint(1, 4)))
            if self.chance(0.3):
                return "%s %s ANY (ARRAY[%s])" % (e(), rng.choice(["=", "<>", "<"]), items)
            return "%s %sIN (%s)" % (e(), rng.choice(["", "NOT "]), items)
        if form == 6:
            pattern = rng.choice(["a%", "%a%", "_a%", "%e", "A%", "%\\%%", "%_1", ""])
            return "%s %s %s" % (self.expr(scope, "text", depth),
                                 rng.choice(["LIKE", "NOT LIKE", "ILIKE"]), sql_text(pattern))
        if form == 7:
            return "(%s %s %s)" % (self.expr(scope, "bool", depth), rng.choice(["AND", "OR"]),
                                   self.expr(scope, "bool", depth))
        if form == 8:
            return "NOT (%s)" % self.expr(scope, "bool", depth)
        if form == 9:
            return "%s IS %sDISTINCT FROM %s" % (e(), rng.choice(["", "NOT "]), e())
        if form == 10:
            column = self.column(scope, "bool")
            if column is not None:
                return "%s IS %s" % (column, rng.choice(["TRUE", "NOT TRUE", "FALSE",
                                                         "NOT FALSE", "UNKNOWN"]))
        if form == 11:
            return "(%s) IS %s" % (self.expr_bool(scope, depth),
                                   rng.choice(["TRUE", "NOT TRUE", "FALSE", "UNKNOWN"]))
        if form == 12:
            return "%s %s %s" % (self.expr(scope, "text", depth),
                                 rng.choice(["~", "~*", "!~"]),
                                 sql_text(rng.choice(["^a", "e$", "[0-9]", "^[A-Z]", "an+"])))
        if form == 13:
            return "(%s, %s) %s (%s, %s)" % (
                self.expr(scope, "int", depth), self.expr(scope, "text", depth),
                rng.choice(["=", "<", ">=", "<>"]), self.expr(scope, "int", depth),
                self.expr(scope, "text", depth))
        if form == 14:
            return "starts_with(%s, %s)" % (self.expr(scope, "text", depth),
                                            sql_text(rng.choice(["a", "A", "", "ch"])))
        if form == 15:
            return "%s SIMILAR TO %s" % (self.expr(scope, "text", depth),
                                         sql_text(rng.choice(["(a|b)%", "%[0-9]", "_+e%"])))
        return self.common_forms(scope, "bool", depth)

    def predicate(self, scope, depth=2):
        if self.chance(0.25):
            return self.subquery_predicate(scope)
        return self.expr_bool(scope, depth)

    # ---- subqueries --------------------------------------------------------------------

    def subquery_predicate(self, scope):
        rng = self.rng
        inner_table = rng.choice(TABLES)
        alias = self.fresh_alias("s")
        inner = scope_of(inner_table, alias)
        inner.outer = scope
        correlated = self.chance(0.5)
        where = ""
        if correlated:
            outer_column = self.column(Scope(scope.columns), "int")
            where = " WHERE %s.a %s %s" % (alias, rng.choice(["=", "<", ">="]),
                                           outer_column or "0")
            if self.chance(0.4):
                where += " AND " + self.expr_bool(Scope(inner.columns), 1)
        elif self.chance(0.5):
            where = " WHERE " + self.expr_bool(Scope(inner.columns), 1)
        form = rng.randrange(4)
        if form == 0:
            return "%sEXISTS (SELECT 1 FROM %s %s%s)" % (rng.choice(["", "NOT "]),
                                                          inner_table.name, alias, where)
        type_name = rng.choice(["int", "int", "text", "date"])
        inner_column = self.column(Scope(inner.columns), type_name)
        outer_expr = self.expr(Scope(scope.columns), type_name, 1)
        if form == 1:
            return "%s %sIN (SELECT %s FROM %s %s%s)" % (
                outer_expr, rng.choice(["", "NOT "]), inner_column, inner_table.name, alias,
                where)
        if form == 2:
            return "%s %s %s (SELECT %s FROM %s %s%s)" % (
                outer_expr, rng.choice(["=", "<", ">", "<>"]), rng.choice(["ANY", "ALL"]),
                inner_column, inner_table.name, alias, where)
        aggregate = rng.choice(["max", "min"])
        if type_name == "int" and self.chance(0.4):
            aggregate = rng.choice(["avg", "sum", "count"])
        return "%s %s (SELECT %s(%s) FROM %s %s%s)" % (
            outer_expr, rng.choice(["=", "<", ">=", "<>"]), aggregate, inner_column,
            inner_table.name, alias, where)

    def scalar_subquery(self, scope):
        """A correlated or plain scalar subquery, and its type."""
        rng = self.rng
        inner_table = rng.choice(TABLES)
        alias = self.fresh_alias("s")
        inner = Scope(scope_of(inner_table, alias).columns)
        where = ""
        if self.chance(0.7):
            outer_column = self.column(Scope(scope.columns), "int")
            where = " WHERE %s.a = %s" % (alias, outer_column or "1")
        form = rng.randrange(3)
        if form == 0:
            return "(SELECT count(*) FROM %s %s%s)" % (inner_table.name, alias, where), "bigint"
        if form == 1:
            type_name = rng.choice(["int", "text", "date"])
            return "(SELECT %s(%s) FROM %s %s%s)" % (
                rng.choice(["min", "max"]), self.column(inner, type_name), inner_table.name,
                alias, where), type_name
        return "(SELECT sum(%s) FROM %s %s%s)" % (
            self.column(inner, "int"), inner_table.name, alias, where), "bigint"

    # ---- query shapes ------------------------------------------------------------------

    def select_list(self, scope, count, depth=2, subqueries=True):
        items, types = [], []
        for _ in range(count):
            type_name = self.rng.choice(["int", "int", "text", "text", "date", "numeric",
                                         "bool"])
            if subqueries and self.chance(0.08):
                item, type_name = self.scalar_subquery(scope)
                items.append(item)
            elif subqueries and self.chance(0.04):
                items.append(self.subquery_predicate(scope))
                type_name = "bool"
            elif type_name == "bool":
                items.append(self.expr_bool(scope, depth))
            else:
                items.append(self.expr(scope, type_name, depth))
            types.append(type_name)
        return items, types

    def from_single(self):
        table = self.rng.choice(TABLES)
        alias = self.fresh_alias("t")
        return "%s %s" % (table.name, alias), scope_of(table, alias), [alias + ".id"]

    def from_join(self):
        rng = self.rng
        left_table, right_table = rng.choice([(G1, G2), (G2, G1), (G1, G1), (G1, G2)])
        left_alias, right_alias = self.fresh_alias("l"), self.fresh_alias("r")
        left, right = scope_of(left_table, left_alias), scope_of(right_table, right_alias)
        both = Scope(left.columns + right.columns)
        kind = rng.choice(["JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN"])
        if kind == "CROSS JOIN":
            condition = ""
        else:
            # PostgreSQL runs a FULL JOIN only on an equality it can hash or merge.
            operator = "=" if kind == "FULL JOIN" else rng.choice(["=", "=", "<"])
            condition = " ON %s.a %s %s.a" % (left_alias, operator, right_alias)
            if self.chance(0.4):
                condition += " AND " + self.expr_bool(both, 1)
            if kind == "JOIN" and self.chance(0.2):
                condition += " AND " + self.subquery_predicate(both)
        sql = "%s %s %s %s %s%s" % (left_table.name, left_alias, kind, right_table.name,
                                    right_alias, condition)
        return sql, both, [left_alias + ".id", right_alias + ".id"]

    def from_chain(self):
        """Three tables joined left to right, each joined on an earlier one's key."""
        rng = self.rng
        first = rng.choice(TABLES)
        aliases = [self.fresh_alias("j")]
        sql = "%s %s" % (first.name, aliases[0])
        columns = list(scope_of(first, aliases[0]).columns)
        for _ in range(2):
            table = rng.choice(TABLES)
            alias = self.fresh_alias("j")
            kind = rng.choice(["JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "JOIN"])
            earlier = rng.choice(aliases)
            operator = "=" if kind == "FULL JOIN" else rng.choice(["=", "=", "<="])
            condition = "%s.a %s %s.a" % (earlier, operator, alias)
            table_scope = scope_of(table, alias)
            if kind != "FULL JOIN" and self.chance(0.3):
                condition += " AND " + self.expr_bool(Scope(columns + table_scope.columns), 1)
            sql += " %s %s %s ON %s" % (kind, table.name, alias, condition)
            columns += table_scope.columns
            aliases.append(alias)
        return sql, Scope(columns), [a + ".id" for a in aliases]

    def from_lateral(self):
        """A table and a LATERAL subquery that reads its row."""
        rng = self.rng
        outer_table = rng.choice(TABLES)
        outer_alias = self.fresh_alias("t")
        outer = scope_of(outer_table, outer_alias)
        inner_table = rng.choice(TABLES)
        inner_alias, lateral_alias = self.fresh_alias("s"), self.fresh_alias("q")
        inner = scope_of(inner_table, inner_alias)
        condition = "%s.a %s %s.a" % (inner_alias, rng.choice(["=", "<", ">"]), outer_alias)
        if self.chance(0.5):
            body = "SELECT %s AS v0, %s AS v1 FROM %s %s WHERE %s ORDER BY %s.id LIMIT %d" % (
                self.expr_with_column(inner, "int", 1), self.expr_with_column(inner, "text", 1),
                inner_table.name, inner_alias, condition, inner_alias, rng.randint(1, 3))
            lateral_types = ["int", "text"]
        else:
            body = "SELECT count(*)::integer AS v0, max(%s) AS v1 FROM %s %s WHERE %s" % (
                self.column(inner, "text"), inner_table.name, inner_alias, condition)
            lateral_types = ["int", "text"]
        if self.chance(0.5):
            sql = "%s %s, LATERAL (%s) %s" % (outer_table.name, outer_alias, body, lateral_alias)
        else:
            sql = "%s %s LEFT JOIN LATERAL (%s) %s ON true" % (outer_table.name, outer_alias,
                                                                body, lateral_alias)
        columns = outer.columns + [(lateral_alias, "v%d" % i, t)
                                   for i, t in enumerate(lateral_types)]
        return sql, Scope(columns), [outer_alias + ".id", lateral_alias + ".v0",
                                     lateral_alias + ".v1"]

    def from_values_or_series(self):
        """A VALUES list or generate_series joined to a table."""
        rng = self.rng
        table = rng.choice(TABLES)
        alias, list_alias = self.fresh_alias("t"), self.fresh_alias("v")
        if self.chance(0.5):
            rows = ", ".join("(%s, %s)" % (rng.choice(["NULL::integer"] + [str(i) for i in range(8)]),
                                           self.literal("text")) for _ in range(rng.randint(1, 5)))
            source = "(VALUES %s) %s(k, w)" % (rows, list_alias)
            list_columns = [(list_alias, "k", "int"), (list_alias, "w", "text")]
        else:
            source = "generate_series(%d, %d%s) %s(k)" % (
                rng.randint(-2, 2), rng.randint(3, 9), rng.choice(["", ", 2", ", 3"]), list_alias)
            list_columns = [(list_alias, "k", "int")]
        kind = rng.choice(["JOIN", "LEFT JOIN", "RIGHT JOIN"])
        sql = "%s %s %s %s ON %s.k = %s.a" % (source, kind, table.name, alias, list_alias, alias)
        keys = [c[0] + "." + c[1] for c in list_columns] + [alias + ".id"]
        return sql, Scope(list_columns + scope_of(table, alias).columns), keys

    def any_from(self):
        roll = self.rng.random()
        if roll < 0.5:
            return self.from_single()
        if roll < 0.75:
            return self.from_join()
        if roll < 0.85:
            return self.from_chain()
        if roll < 0.93:
            return self.from_lateral()
        return self.from_values_or_series()

    def where_clause(self, scope):
        return " WHERE " + self.predicate(scope) if self.chance(0.7) else ""

    def query_projection(self):
        from_sql, scope, keys = self.any_from()
        items, types = self.select_list(scope, self.rng.randint(1, 3))
        distinct = "DISTINCT " if self.chance(0.15) else ""
        sql = "SELECT %s%s FROM %s%s" % (distinct, ", ".join(items), from_sql,
                                         self.where_clause(scope))
        if not distinct and self.chance(0.35):
            # All rows in a fixed order: sort by a random expression, then the unique keys.
            order_key = self.expr_with_column(scope, self.rng.choice(["int", "text"]), 1)
            order = "%s %s NULLS %s" % (order_key,
                                        self.rng.choice(["ASC", "DESC"]),
                                        self.rng.choice(["FIRST", "LAST"]))
            sql += " ORDER BY %s, %s" % (order, ", ".join(k + " NULLS LAST" for k in keys))
            sql += " LIMIT %d" % self.rng.randint(0, 12)
            if self.chance(0.4):
                sql += " OFFSET %d" % self.rng.randint(0, 10)
            return sql, types, "nosort"
        return sql, types, "rowsort"

    def aggregate(self, scope):
        rng = self.rng
        form = rng.randrange(17)
        if form == 10:
            return "%s(%s)" % (rng.choice(["stddev_samp", "var_pop", "stddev", "variance"]),
                               self.expr(scope, rng.choice(["int", "numeric"]), 1)), "numeric"
        if form == 11:
            fraction = rng.choice(["0.5", "0.25", "0.9", "0"])
            if self.chance(0.5):
                return "percentile_cont(%s) WITHIN GROUP (ORDER BY %s)" % (
                    fraction, self.expr(scope, "int", 1)), "float"
            return "percentile_disc(%s) WITHIN GROUP (ORDER BY %s)" % (
                fraction, self.expr(scope, "int", 1)), "int"
        if form == 12:
            # array_agg cannot take an untyped literal, so its value names a column.
            present = [t for t in ("int", "text", "date") if scope.of_type(t)]
            if not present:
                return "count(*)", "bigint"
            type_name = rng.choice(present)
            value = self.expr_with_column(scope, type_name, 1)
            return "CAST(array_agg(%s ORDER BY %s) AS text)" % (value, value), "text"
        if form == 13:
            return "%s(%s)" % (rng.choice(["bit_or", "bit_and"]), self.expr(scope, "int", 1)), \
                "int"
        if form == 14:
            return "%s(%s)" % (rng.choice(["max", "min"]), self.expr(scope, "timestamp", 1)), \
                "timestamp"
        if form == 15:
            return "%s(%s)" % (rng.choice(["sum", "avg"]), self.expr(scope, "interval", 1)), \
                "interval"
        if form == 16:
            return "every(%s)" % self.expr_bool(scope, 1), "bool"
        if form == 0:
            return "count(*)", "bigint"
        if form == 1:
            type_name = rng.choice(["int", "text", "date", "numeric"])
            distinct = "DISTINCT " if self.chance(0.4) else ""
            return "count(%s%s)" % (distinct, self.expr(scope, type_name, 1)), "bigint"
        if form == 2:
            return "sum(%s)" % self.expr(scope, "int", 1), "bigint"
        if form == 3:
            return "sum(%s)" % self.expr(scope, "numeric", 1), "numeric"
        if form == 4:
            return "avg(%s)" % self.expr(scope, rng.choice(["int", "numeric"]), 1), "numeric"
        if form in (5, 6):
            type_name = rng.choice(["int", "text", "date", "numeric"])
            return "%s(%s)" % (rng.choice(["min", "max"]), self.expr(scope, type_name, 1)), \
                type_name
        if form == 7:
            return "%s(%s)" % (rng.choice(["bool_and", "bool_or"]),
                               self.expr_bool(scope, 1)), "bool"
        if form == 8:
            value = self.expr(scope, "text", 1)
            return "string_agg(%s, ',' ORDER BY %s)" % (value, value), "text"
        return "count(*) FILTER (WHERE %s)" % self.expr_bool(scope, 1), "bigint"

    def query_aggregate(self):
        rng = self.rng
        from_sql, scope, _ = self.any_from()
        group_items, group_types = [], []
        for _ in range(rng.choice([0, 1, 1, 2])):
            type_name = rng.choice(["int", "text", "date", "bool"])
            if type_name == "bool":
                group_items.append(self.expr_bool(scope, 1))
            else:
                group_items.append(self.expr(scope, type_name, 1))
            group_types.append(type_name)
        # A subquery that reads a grouped column, in the select list or in HAVING.
        correlated = None
        if self.chance(0.2):
            grouped = self.column(Scope(scope.columns), "int")
            group_items.append(grouped)
            group_types.append("int")
            inner_table = rng.choice(TABLES)
            alias = self.fresh_alias("s")
            correlated = "(SELECT %s FROM %s %s WHERE %s.a %s %s)" % (
                rng.choice(["count(*)", "sum(%s.id)" % alias, "max(%s.id)" % alias]),
                inner_table.name, alias, alias, rng.choice(["=", "<", ">="]), grouped)
        aggregates = [self.aggregate(scope) for _ in range(rng.randint(1, 3))]
        items = group_items + [a for a, _ in aggregates]
        types = group_types + [t for _, t in aggregates]
        in_having = correlated is not None and self.chance(0.4)
        if correlated is not None and not in_having:
            items.append(correlated)
            types.append("bigint")
        sql = "SELECT %s FROM %s%s" % (", ".join(items), from_sql, self.where_clause(scope))
        if group_items:
            if self.chance(0.15) and len(group_items) == 2:
                grouping = rng.choice(["ROLLUP", "CUBE"])
                sql += " GROUP BY %s(%s)" % (grouping, ", ".join(str(i + 1) for i in
                                                                 range(len(group_items))))
            else:
                sql += " GROUP BY " + ", ".join(str(i + 1) for i in range(len(group_items)))
            if in_having:
                sql += " HAVING %s %s count(*)" % (correlated, rng.choice([">", "<=", "<>"]))
            elif self.chance(0.3):
                aggregate, type_name = self.aggregate(scope)
                if type_name in ("bigint", "int"):
                    sql += " HAVING %s %s %d" % (aggregate, rng.choice([">", "<=", "<>"]),
                                                 rng.randint(0, 4))
                else:
                    sql += " HAVING count(*) > %d" % rng.randint(0, 3)
        return sql, types, "rowsort"

    def query_window(self):
        rng = self.rng
        from_sql, scope, keys = self.from_single()
        partition = ""
        if self.chance(0.7):
            partition = "PARTITION BY %s " % self.expr(scope, rng.choice(["int", "text",
                                                                          "bool"]), 1)
        order_key = self.expr(scope, rng.choice(["int", "date", "text"]), 1)
        order = "ORDER BY %s %s, %s" % (order_key, rng.choice(["ASC", "DESC"]), keys[0])
        functions = []
        for _ in range(rng.randint(1, 2)):
            form = rng.randrange(10)
            if form == 0:
                functions.append(("row_number() OVER (%s%s)" % (partition, order), "bigint"))
            elif form == 1:
                functions.append(("%s() OVER (%sORDER BY %s)" % (
                    rng.choice(["rank", "dense_rank"]), partition, order_key), "bigint"))
            elif form == 2:
                functions.append(("%s(%s, %d) OVER (%s%s)" % (
                    rng.choice(["lag", "lead"]), self.expr(scope, "int", 1), rng.randint(1, 2),
                    partition, order), "int"))
            elif form == 3:
                functions.append(("sum(%s) OVER (%s%s)" % (self.expr(scope, "int", 1),
                                                           partition, order), "bigint"))
            elif form == 4:
                functions.append(("count(*) OVER (%s)" % partition.strip(), "bigint"))
            elif form == 5:
                frame = rng.choice(["ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING",
                                    "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
                                    "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW"])
                functions.append(("%s(%s) OVER (%s%s %s)" % (
                    rng.choice(["sum", "min", "max", "count"]), self.expr(scope, "int", 1),
                    partition, order, frame), "bigint"))
            elif form == 8:
                # RANGE with offsets and GROUPS frames over one key (NULLs included), whose
                # peers make the frame the same whatever the order among them.
                key = self.column(scope, rng.choice(["int", "date"]))
                step = "%d" % rng.randint(0, 6) if key.endswith((".a", ".b", ".x", ".id")) \
                    else "'%d days'::interval" % rng.randint(0, 10)
                frame = rng.choice([
                    "RANGE BETWEEN %s PRECEDING AND %s FOLLOWING" % (step, step),
                    "RANGE BETWEEN UNBOUNDED PRECEDING AND %s PRECEDING" % step,
                    "RANGE BETWEEN CURRENT ROW AND %s FOLLOWING" % step,
                    "GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW",
                    "GROUPS BETWEEN CURRENT ROW AND 2 FOLLOWING EXCLUDE GROUP"])
                functions.append(("%s(%s) OVER (%sORDER BY %s %s %s)" % (
                    rng.choice(["sum", "count", "max"]), self.expr(scope, "int", 1), partition,
                    key, rng.choice(["ASC", "DESC", "ASC NULLS FIRST", "DESC NULLS LAST"]),
                    frame), "bigint"))
            elif form == 9:
                # ROWS frames that leave rows out, over a total order.
                frame = rng.choice([
                    "ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW",
                    "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES",
                    "ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING"])
                functions.append(("%s(%s) OVER (%s%s %s)" % (
                    rng.choice(["sum", "count", "min"]), self.expr(scope, "int", 1), partition,
                    order, frame), "bigint"))
            elif form == 6:
                functions.append(("first_value(%s) OVER (%s%s)" % (
                    self.expr_with_column(scope, "text", 1), partition, order), "text"))
            else:
                functions.append(("ntile(%d) OVER (%s%s)" % (rng.randint(2, 4), partition,
                                                             order), "int"))
        items, types = self.select_list(scope, 1, depth=1)
        items += [f for f, _ in functions]
        types += [t for _, t in functions]
        sql = "SELECT %s FROM %s%s" % (", ".join(items), from_sql, self.where_clause(scope))
        return sql, types, "rowsort"

    def query_set_operation(self):
        rng = self.rng
        width = rng.randint(1, 2)
        column_types = [rng.choice(["int", "text", "date"]) for _ in range(width)]
        parts = []
        for _ in range(2):
            from_sql, scope, _ = self.from_single()
            items = [self.expr(scope, t, 1) for t in column_types]
            parts.append("SELECT %s FROM %s%s" % (", ".join(items), from_sql,
                                                  self.where_clause(scope)))
        operators = ["UNION", "UNION ALL", "INTERSECT", "INTERSECT ALL", "EXCEPT", "EXCEPT ALL"]
        sql = "%s %s %s" % (parts[0], rng.choice(operators), parts[1])
        if self.chance(0.25):
            # Three operands, grouped by parentheses either way.
            from_sql, scope, _ = self.from_single()
            items = [self.expr(scope, t, 1) for t in column_types]
            third = "SELECT %s FROM %s%s" % (", ".join(items), from_sql, self.where_clause(scope))
            if self.chance(0.5):
                sql = "(%s) %s %s" % (sql, rng.choice(operators), third)
            else:
                sql = "%s %s (%s)" % (third, rng.choice(operators), sql)
        if self.chance(0.3):
            # Ordered by every column, so only equal rows tie and the result is fixed.
            order = ", ".join("%d %s" % (i + 1, rng.choice(["", "DESC", "NULLS FIRST"]))
                              for i in range(width))
            return "%s ORDER BY %s LIMIT %d" % (sql, order, rng.randint(1, 8)), column_types, \
                "nosort"
        return sql, column_types, "rowsort"

    def query_derived(self):
        """A derived table or WITH query, then a filter or aggregate over it."""
        rng = self.rng
        from_sql, scope, _ = self.from_single()
        # No scalar subqueries here: their bigint would not fit every place an int goes.
        inner_items, inner_types = self.select_list(scope, rng.randint(1, 3), depth=1,
                                                    subqueries=False)
        names = ["v%d" % i for i in range(len(inner_items))]
        inner_sql = "SELECT %s FROM %s%s" % (
            ", ".join("%s AS %s" % (item, name) for item, name in zip(inner_items, names)),
            from_sql, self.where_clause(scope))
        alias = self.fresh_alias("q")
        outer = Scope([(alias, name, t) for name, t in zip(names, inner_types)])
        if self.chance(0.5):
            items, types = self.select_list(outer, rng.randint(1, 2), depth=1)
        else:
            aggregate, type_name = self.aggregate(outer)
            items, types = [aggregate], [type_name]
        where = " WHERE " + self.expr_bool(outer, 1) if self.chance(0.5) else ""
        if self.chance(0.5):
            sql = "WITH %s AS (%s) SELECT %s FROM %s%s" % (alias, inner_sql, ", ".join(items),
                                                            alias, where)
        else:
            sql = "SELECT %s FROM (%s) %s%s" % (", ".join(items), inner_sql, alias, where)
        return sql, types, "rowsort"

    def query_distinct_on(self):
        rng = self.rng
        from_sql, scope, keys = self.from_single()
        key = self.expr_with_column(scope, rng.choice(["int", "text", "bool"]), 1)
        items, types = self.select_list(scope, rng.randint(1, 2), depth=1)
        tie_breaker = self.expr_with_column(scope, rng.choice(["int", "date"]), 1)
        sql = "SELECT DISTINCT ON (%s) %s FROM %s%s ORDER BY %s, %s %s, %s" % (
            key, ", ".join(items), from_sql, self.where_clause(scope), key, tie_breaker,
            rng.choice(["ASC", "DESC NULLS LAST"]), keys[0])
        return sql, types, "rowsort"

    def query_grouping_sets(self):
        rng = self.rng
        from_sql, scope, _ = self.from_single()
        first = self.expr_with_column(scope, rng.choice(["int", "text"]), 1)
        second = self.expr_with_column(scope, rng.choice(["int", "date", "bool"]), 1)
        sets = rng.choice(["(%s, %s), (%s), ()" % (first, second, first),
                           "(%s), (%s)" % (first, second),
                           "(%s, %s), (%s), (%s), ()" % (first, second, second, first)])
        aggregate, aggregate_type = self.aggregate(scope)
        sql = "SELECT %s, %s, GROUPING(%s, %s), %s FROM %s%s GROUP BY GROUPING SETS (%s)" % (
            first, second, first, second, aggregate, from_sql, self.where_clause(scope), sets)
        types = [self.type_of_key(scope, first), self.type_of_key(scope, second), "int",
                 aggregate_type]
        return sql, types, "rowsort"

    def type_of_key(self, scope, sql):
        """The type of a grouping key that is a bare column; else text, whose letter T also
        renders the integer, date and boolean keys these queries group by."""
        for qualifier, name, type_name in scope.columns:
            if sql == "%s.%s" % (qualifier, name):
                return type_name
        return "text"

    def query_recursive(self):
        rng = self.rng
        table = rng.choice(TABLES)
        alias = self.fresh_alias("t")
        step = rng.randint(3, 11)
        limit = rng.randint(10, 40)
        union = rng.choice(["UNION ALL", "UNION"])
        value = rng.choice(["(r.v * 3) % 17", "r.v + r.i", "abs(r.v - %d)" % rng.randint(0, 9)])
        sql = ("WITH RECURSIVE r(i, v) AS (SELECT %s.id, COALESCE(%s.a, 0) FROM %s %s "
               "WHERE %s.id <= %d %s SELECT r.i + %d, %s FROM r WHERE r.i < %d) "
               "SELECT i, v, count(*) OVER (PARTITION BY v) FROM r" % (
                   alias, alias, table.name, alias, alias, rng.randint(1, 4), union, step, value,
                   limit))
        return sql, ["int", "int", "bigint"], "rowsort"

    def query_window_over_groups(self):
        rng = self.rng
        from_sql, scope, _ = self.from_single()
        key = self.expr_with_column(scope, rng.choice(["int", "text", "date"]), 1)
        aggregate = rng.choice(["count(*)", "sum(%s)" % self.expr(scope, "int", 1),
                                "max(%s)" % self.column(scope, "int")])
        window = rng.choice(["rank() OVER (ORDER BY %s DESC NULLS LAST)" % aggregate,
                             "sum(%s) OVER ()" % aggregate,
                             "dense_rank() OVER (ORDER BY %s)" % aggregate,
                             "lag(%s) OVER (ORDER BY %s NULLS FIRST)" % (aggregate, key)])
        sql = "SELECT %s, %s, %s FROM %s%s GROUP BY %s" % (
            key, aggregate, window, from_sql, self.where_clause(scope), key)
        return sql, [self.type_of_key(scope, key), "bigint", "bigint"], "rowsort"

    def query_shape(self):
        shape = self.rng.choices(
            [self.query_projection, self.query_aggregate, self.query_window,
             self.query_set_operation, self.query_derived, self.query_distinct_on,
             self.query_grouping_sets, self.query_recursive, self.query_window_over_groups],
            weights=[36, 22, 10, 8, 10, 4, 4, 2, 4])[0]
        return shape()

    def dml_records(self):
        """A change inside a transaction block, what RETURNING gives, the table after it,
        and ROLLBACK, so that the fixed data is back for the queries that follow."""
        rng = self.rng
        table = rng.choice(TABLES)
        alias = self.fresh_alias("u")
        scope = scope_of(table, alias)
        where = self.where_clause(scope)
        form = rng.randrange(6)
        other = rng.choice(TABLES)
        other_alias = self.fresh_alias("o")
        both = Scope(scope.columns + scope_of(other, other_alias).columns)
        if form == 3:
            # UPDATE ... FROM, joined on the other table's key so each row changes once.
            name, type_name = rng.choice([c for c in table.columns if c[0] not in ("id", "a")])
            value = (self.expr_bool(both, 1) if type_name == "bool"
                     else self.expr(both, type_name, 2))
            extra = " AND " + self.expr_bool(both, 1) if self.chance(0.5) else ""
            change = "UPDATE %s AS %s SET %s = %s FROM %s %s WHERE %s.id = %s.id%s " \
                     "RETURNING %s.id, %s.%s" % (table.name, alias, name, value, other.name,
                                                 other_alias, other_alias, alias, extra, alias,
                                                 alias, name)
            letters = "I" + RESULT_LETTER[type_name]
        elif form == 4:
            extra = " AND " + self.expr_bool(both, 1) if self.chance(0.6) else ""
            change = "DELETE FROM %s AS %s USING %s %s WHERE %s.a = %s.a%s RETURNING %s.id" % (
                table.name, alias, other.name, other_alias, other_alias, alias, extra, alias)
            letters = "I"
        elif form == 5:
            # New keys that half meet existing ones: ON CONFLICT decides for those.
            counter = "b" if table is G1 else "x"
            columns = ", ".join(("%s.id + 15" % alias) if name == "id" else alias + "." + name
                                for name, _ in table.columns)
            action = rng.choice(["DO NOTHING", "DO UPDATE SET %s = EXCLUDED.%s + 1000" % (
                counter, counter), "DO UPDATE SET a = %s.a * 10 WHERE %s.%s IS NOT NULL" % (
                table.name, table.name, counter)])
            change = "INSERT INTO %s SELECT %s FROM %s %s%s ON CONFLICT (id) %s " \
                     "RETURNING id, a, %s" % (table.name, columns, table.name, alias, where,
                                             action, counter)
            letters = "III"
        elif form == 0:
            name, type_name = rng.choice([c for c in table.columns if c[0] not in ("id", "a")])
            value = (self.expr_bool(scope, 1) if type_name == "bool"
                     else self.expr(scope, type_name, 2))
            change = "UPDATE %s AS %s SET %s = %s%s RETURNING %s.id, %s.%s" % (
                table.name, alias, name, value, where, alias, alias, name)
            letters = "I" + RESULT_LETTER[type_name]
        elif form == 1:
            change = "DELETE FROM %s AS %s%s RETURNING %s.id, %s.a" % (table.name, alias, where,
                                                                      alias, alias)
            letters = "II"
        else:
            columns = ", ".join(("%s.id + 100" % alias) if name == "id" else alias + "." + name
                                for name, _ in table.columns)
            change = "INSERT INTO %s SELECT %s FROM %s %s%s RETURNING id, a" % (
                table.name, columns, table.name, alias, where)
            letters = "II"
        check_scope = scope_of(table, "z")
        check, check_type = self.aggregate(check_scope)
        return ["statement ok\nBEGIN",
                "query %s rowsort\n%s" % (letters, change),
                "query I%s rowsort\nSELECT count(*), %s FROM %s z" % (RESULT_LETTER[check_type],
                                                                      check, table.name),
                "statement ok\nROLLBACK"]

    def records(self):
        if self.chance(0.05):
            return self.dml_records()
        sql, types, sort_mode = self.query_shape()
        letters = "".join(RESULT_LETTER[t] for t in types)
        return ["query %s %s\n%s" % (letters, sort_mode, sql)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()

    generator = Generator(random.Random(args.seed))
    out = sys.stdout
    out.write("# %d random queries over a fixed schema, seed %d; results from PostgreSQL 15.\n"
              % (args.queries, args.seed))
    out.write("# Written by scripts/generate-random-queries.py --seed %d --queries %d and\n"
              "# completed by scripts/complete-sql-tests.py: regenerate, never edit by hand.\n\n"
              % (args.seed, args.queries))
    out.write("hash-threshold 100\n\n")
    for record in schema_records():
        out.write(record + "\n\n")
    for _ in range(args.queries):
        for record in generator.records():
            out.write(record + "\n\n")


if __name__ == "__main__":
    main()
