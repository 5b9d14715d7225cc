#!/usr/bin/env python3
"""Complete (or check) the project's sqllogictest files in tests/sql/ against PostgreSQL.

What it does
    For every .test file given, the script creates a fresh schema on a PostgreSQL server, puts
    it first (and alone) on the search_path, runs every record of the file in order through
    the psql client (/usr/bin/psql), all in one session, so transactions, prepared statements
    and SET carry from one record to the next as they do in boyodb-slt, drops the schema, and
    rewrites the file in place:
      * a `statement` record (`statement`, `statement ok` or `statement error`) becomes
        `statement ok` or `statement error` according to what PostgreSQL did;
      * a `query <types> [rowsort|valuesort|nosort] [label]` record gets its `----` section
        replaced by PostgreSQL's answer, rendered by the sqllogictest rules of
        ../shared/slt/README.md: NULL prints as NULL; I is the value as a 32-bit integer
        (floats truncated toward zero, booleans 1/0, text by its leading integer); R is %.3f with
        exact ties rounded away from zero; T is the text, "(empty)" for '' and '@' for every byte
        outside ' '..'~'; booleans in T print 1/0; rows are sorted after rendering (rowsort,
        valuesort); one value per line; above the file's hash-threshold (default 8, set with a
        `hash-threshold N` record) the result is the single line `N values hashing to <md5>`.
    A query that fails on PostgreSQL is never turned into `statement error`: it is reported and
    the script fails (exit 1) without rewriting that file.  So does a query whose column count
    differs from its type letters, a T column of a floating or NUMERIC type (how a JSONL engine
    writes 1.0 or 2.50 is not fixed, so render those with R or I, or cast them to text), and a
    value that cannot be written on a line of its own (blank, or starting with '#').
    Every __TEST_DIR__ in a record becomes the path of a fresh directory (one per file, mode
    777 so that the server's user can write there), as boyodb-slt does, for COPY's files.
    Records under `skipif postgresql` or `onlyif <other engine>` are left as they are; `halt`
    (not skipped) ends the file.  Comments and layout are kept, except comments inside a
    query's result section.

Usage
    scripts/complete-sql-tests.py tests/sql/*.test            # complete: rewrite the files
    scripts/complete-sql-tests.py --check tests/sql/*.test    # exit 1 if any recorded result
                                                              # differs from PostgreSQL's
    Options: --host (127.0.0.1), --port (54329), --user (postgres), --dbname (postgres),
    --psql (/usr/bin/psql), --quiet (do not list the statements that failed on PostgreSQL).
    Use PostgreSQL 15 (the results in tests/sql were made with 15.18) and a database with the
    C or C.UTF-8 collation (text sorts byte-wise, as in BoyoDB); the script refuses others.
    Exit status: 0 all good, 1 a file has problems (or differs, with --check), 2 no server.

A throwaway PostgreSQL for a developer who has none (Debian: apt-get install postgresql-15;
initdb refuses to run as root, so run it as an ordinary user):
    PGBIN=/usr/lib/postgresql/15/bin
    $PGBIN/initdb -D /tmp/pg-slt -U postgres --auth=trust --no-locale -E UTF8
    $PGBIN/pg_ctl -D /tmp/pg-slt -o "-p 54329 -k /tmp -c listen_addresses=127.0.0.1" \\
        -l /tmp/pg-slt.log start
    scripts/complete-sql-tests.py tests/sql/my_area.test
    $PGBIN/pg_ctl -D /tmp/pg-slt stop && rm -rf /tmp/pg-slt
(as root: `su someuser -c '...'` or `runuser -u someuser -- ...` for initdb and pg_ctl.)

`make test` never needs PostgreSQL: the completed results are committed with the files and
build/asan/boyodb-slt compares BoyoDB's answers with them.  Python 3 standard library only.
"""

import argparse
import difflib
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import sys
from decimal import Decimal, ROUND_HALF_UP, localcontext

NULL_MARKER = "\x01NULL\x01"
TEST_DIR_PLACEHOLDER = "__TEST_DIR__"
FIELD_SEP = "\x1f"
ENGINE_NAMES = {"postgresql"}
FOOTER_RE = re.compile(r"^\((\d+) rows?\)$")

INTEGER_TYPES = {"smallint", "integer", "bigint"}
FLOAT_TYPES = {"real", "double precision"}


class RecordError(Exception):
    """A record the script cannot complete (reported with its file and line)."""


class ServerError(Exception):
    """psql could not talk to the server at all: stop everything."""


# ---------------------------------------------------------------------------------------------
# Rendering, exactly as build/asan/boyodb-slt (src/tools/slt/value_renderer.cc) and slt.py do.

def low_bits_32(value):
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= (1 << 31) else value


def clamp_int64(value):
    return max(-(1 << 63), min((1 << 63) - 1, value))


def leading_integer(text):
    match = re.match(r"[ \t\n\v\f\r]*([+-]?)([0-9]*)", text)
    digits = match.group(2)
    if not digits:
        return 0
    value = int(digits)
    return clamp_int64(-value if match.group(1) == "-" else value)


def leading_real(text):
    match = re.match(r"[ \t\n\v\f\r]*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)", text)
    return float(match.group(1)) if match else 0.0


def double_to_int64(value):
    if value != value:
        return 0
    if value <= -9.223372036854775808e18:
        return -(1 << 63)
    if value >= 9.223372036854775807e18:
        return (1 << 63) - 1
    return int(value)  # truncates toward zero


def format_real3(value):
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Inf" if value > 0 else "-Inf"
    if value == 0:
        return "0.000"
    with localcontext() as context:
        context.prec = 1000
        exact = Decimal(abs(value))  # the double's exact decimal expansion
        exponent = exact.adjusted()
        power = exponent - 15 if exponent >= 13 else -3
        rounded = exact.quantize(Decimal(1).scaleb(power), rounding=ROUND_HALF_UP)
        text = "{:.3f}".format(rounded)
    return ("-" if value < 0 else "") + text


def printable_text(text):
    if text == "":
        return "(empty)"
    return "".join(c if " " <= c <= "~" else "@" * len(c.encode("utf-8")) for c in text)


def type_class(pg_type):
    base = pg_type.split("(")[0].strip()
    if base in INTEGER_TYPES:
        return "int"
    if base in FLOAT_TYPES or base == "numeric":
        return "float"
    if base == "boolean":
        return "bool"
    return "text"


def render(raw, letter, klass, column_name):
    if raw == NULL_MARKER:
        return "NULL"
    if letter == "I":
        if klass == "int":
            return str(low_bits_32(int(raw)))
        if klass == "bool":
            return "1" if raw == "t" else "0"
        if klass == "float":
            return str(low_bits_32(double_to_int64(float(raw))))
        return str(low_bits_32(leading_integer(raw)))
    if letter == "R":
        if klass == "int":
            number = float(int(raw))
        elif klass == "bool":
            number = 1.0 if raw == "t" else 0.0
        elif klass == "float":
            number = float(raw)
        else:
            number = leading_real(raw)
        return format_real3(number)
    # T
    if klass == "bool":
        return "1" if raw == "t" else "0"
    if klass == "float":
        raise RecordError(
            "column %r is a floating or NUMERIC value in a T column; use R or I, or cast it "
            "to text" % column_name)
    return printable_text(raw)


# ---------------------------------------------------------------------------------------------
# Talking to PostgreSQL through psql.

class Psql:
    def __init__(self, args, schema, test_dir=""):
        self.args = args
        self.schema = schema
        self.test_dir = test_dir

    def run(self, sql, search_path=True, stop_on_error=True):
        """Runs sql (one psql process); returns (ok, stdout text, error message)."""
        env = dict(os.environ)
        env["LC_ALL"] = "C"
        options = ["-c client_min_messages=warning", "-c DateStyle=ISO,MDY",
                   "-c IntervalStyle=postgres", "-c TimeZone=UTC", "-c extra_float_digits=1"]
        if search_path:
            options.append("-c search_path=%s" % self.schema)
        env["PGOPTIONS"] = " ".join(options)
        command = [self.args.psql, "-X", "-q", "-A", "-w", "-F", FIELD_SEP, "-0",
                   "-P", "null=" + NULL_MARKER, "-P", "footer=on", "-P", "pager=off",
                   "-v", "ON_ERROR_STOP=%d" % (1 if stop_on_error else 0),
                   "-h", self.args.host, "-p", str(self.args.port), "-U", self.args.user,
                   "-d", self.args.dbname]
        if self.test_dir:
            sql = sql.replace(TEST_DIR_PLACEHOLDER, self.test_dir)
        result = subprocess.run(command, input=sql.encode("utf-8"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env)
        stderr = result.stderr.decode("utf-8", "replace")
        if result.returncode == 0 or (not stop_on_error and result.returncode == 3):
            return True, result.stdout.decode("utf-8", "replace"), ""
        if result.returncode == 3:
            lines = [line for line in stderr.splitlines() if "ERROR:" in line]
            message = lines[0].split("ERROR:", 1)[1].strip() if lines else stderr.strip()
            return False, result.stdout.decode("utf-8", "replace"), message
        raise ServerError("psql failed (exit %d): %s" % (result.returncode, stderr.strip()))

    def statement(self, sql):
        ok, _, message = self.run(sql + "\n;\n")
        return ok, message

    def query(self, sql):
        """Returns (columns [(name, type)], rows [[raw]]) or raises RecordError."""
        ok, out, message = self.run(sql + "\n\\gdesc\n" + sql + "\n;\n")
        if not ok:
            raise RecordError("the query fails on PostgreSQL: " + message)
        return self.parse_query_output(out)

    def parse_query_output(self, out):
        """\\gdesc's output followed by the query's, as psql -A -0 prints them."""
        items = out.split("\0")
        if not items or items[-1] != "":
            raise RecordError("unexpected psql output %r" % out[:200])
        items = items[:-1]
        if not items or items[0] != "Column" + FIELD_SEP + "Type":
            raise RecordError("the query has no result columns (not a query?)")
        columns = []
        pos = 1
        while pos < len(items) and not FOOTER_RE.match(items[pos]):
            name, _, pg_type = items[pos].partition(FIELD_SEP)
            columns.append((name, pg_type))
            pos += 1
        pos += 1  # gdesc footer
        if pos >= len(items):
            raise RecordError("unexpected psql output %r" % out[:200])
        pos += 1  # the result's header line
        body = items[pos:]
        footer = FOOTER_RE.match(body[-1]) if body else None
        if footer is None:
            raise RecordError("unexpected psql output %r" % out[:200])
        rows = [row.split(FIELD_SEP) for row in body[:-1]]
        if len(rows) != int(footer.group(1)):
            raise RecordError("psql printed %d rows but says %s" % (len(rows), body[-1]))
        for row in rows:
            if len(row) != len(columns):
                raise RecordError("a value holds the field separator \\x1f")
        return columns, rows


def lexically_complete(sql):
    """False when sql ends inside a quote, a comment or parentheses. psql would read on past
    such text into the next record, so those records (syntax errors, all) run on their own."""
    depth = 0
    i = 0
    n = len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            close = sql.find(c, i + 1)
            while close >= 0 and close + 1 < n and sql[close + 1] == c:
                close = sql.find(c, close + 2)
            if close < 0:
                return False
            i = close + 1
            continue
        if sql.startswith("--", i):
            newline = sql.find("\n", i)
            i = n if newline < 0 else newline + 1
            continue
        if sql.startswith("/*", i):
            close = sql.find("*/", i + 2)
            if close < 0:
                return False
            i = close + 2
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1
    return depth == 0


class RecordingSession:
    """First pass: notes the statements and queries of a file, in order, answering nothing."""

    def __init__(self):
        self.calls = []

    def statement(self, sql):
        self.calls.append(("statement", sql))
        return True, ""

    def query(self, sql):
        self.calls.append(("query", sql))
        raise RecordError("not run yet")


class ReplayingSession:
    """Second pass: runs every noted call through one psql process (one session), then hands
    out the answers in the same order."""

    MARK = "@@boyo-record"

    def __init__(self, psql, calls):
        script = ["\\set ON_ERROR_STOP 0"]
        for index, (kind, sql) in enumerate(calls):
            if not lexically_complete(sql):
                continue
            script.append("\\echo '%s %d begin'" % (self.MARK, index))
            if kind == "query":
                script.append(sql)
                script.append("\\gdesc")
                script.append("\\echo '%s %d described'" % (self.MARK, index))
            script.append(sql.rstrip().rstrip(";"))
            script.append(";")
            script.append("\\echo '%s %d end' :ERROR :LAST_ERROR_MESSAGE" % (self.MARK, index))
        _, out, _ = psql.run("\n".join(script) + "\n", stop_on_error=False)
        self.answers = []
        self.psql = psql
        for index, (kind, sql) in enumerate(calls):
            if not lexically_complete(sql):
                ok, message = psql.statement(sql)
                self.answers.append((not ok, message, ""))
                continue
            begin = "%s %d begin\n" % (self.MARK, index)
            start = out.find(begin)
            end_mark = "%s %d end " % (self.MARK, index)
            stop = out.find(end_mark, start)
            if start < 0 or stop < 0:
                raise ServerError("psql output lost record %d: %r" % (index, out[-300:]))
            status_line = out[stop + len(end_mark):].split("\n", 1)[0]
            failed, _, message = status_line.partition(" ")
            body = out[start + len(begin):stop]
            if kind == "query":
                described = "%s %d described\n" % (self.MARK, index)
                split = body.find(described)
                description = body[:split] if split >= 0 else ""
                result = body[split + len(described):] if split >= 0 else ""
                self.answers.append((failed == "true", message, description + result))
            else:
                self.answers.append((failed == "true", message, ""))
        self.next = 0

    def _take(self):
        answer = self.answers[self.next]
        self.next += 1
        return answer

    def statement(self, sql):
        failed, message, _ = self._take()
        return not failed, message

    def query(self, sql):
        failed, message, out = self._take()
        if failed:
            raise RecordError("the query fails on PostgreSQL: " + message)
        return self.psql.parse_query_output(out)


# ---------------------------------------------------------------------------------------------
# The script file: records are runs of non-blank lines; '#' lines are comments.

def is_comment(line):
    return line.startswith("#")


def split_runs(lines):
    """Yields (start, end) line index ranges of runs of non-blank lines."""
    start = None
    for index, line in enumerate(lines):
        blank = line.strip(" \t\r") == ""
        if blank and start is not None:
            yield start, index
            start = None
        elif not blank and start is None:
            start = index
    if start is not None:
        yield start, len(lines)


def skipped(conditions):
    for line in conditions:
        words = line.split()
        name = words[1].lower() if len(words) > 1 else ""
        if words[0] == "skipif" and name in ENGINE_NAMES:
            return True
        if words[0] == "onlyif" and name not in ENGINE_NAMES:
            return True
    return False


def walk(path, lines, psql):
    """Runs the records of a file through `psql` (a session); returns (new lines, problems,
    notes)."""
    output = []
    problems = []
    notes = []
    threshold = 8
    labels = {}
    cursor = 0
    halted = False
    for start, end in split_runs(lines):
        output.extend(lines[cursor:start])
        cursor = end
        run = lines[start:end]
        if halted:
            output.extend(run)
            continue
        record = [i for i, line in enumerate(run) if not is_comment(line)]
        if not record:
            output.extend(run)
            continue
        conditions = []
        head = 0
        while head < len(record) and run[record[head]].split()[0] in ("skipif", "onlyif"):
            conditions.append(run[record[head]])
            head += 1
        if head == len(record):
            output.extend(run)
            continue
        header_index = record[head]
        words = run[header_index].split()
        line_no = start + header_index + 1
        where = "%s:%d" % (path, line_no)
        if words[0] == "hash-threshold":
            if not skipped(conditions):
                threshold = int(words[1])
            output.extend(run)
            continue
        if words[0] == "halt":
            output.extend(run)
            if not skipped(conditions):
                halted = True
            continue
        if skipped(conditions):
            output.extend(run)
            continue
        body = [i for i in record[head + 1:]]
        if words[0] == "statement":
            sql = "\n".join(run[i] for i in body)
            ok, message = psql.statement(sql)
            new_header = "statement ok" if ok else "statement error"
            if not ok:
                notes.append("%s: statement error: %s" % (where, message))
            copy = list(run)
            copy[header_index] = new_header
            output.extend(copy)
            continue
        if words[0] != "query":
            problems.append("%s: unknown record %r" % (where, run[header_index]))
            output.extend(run)
            continue
        if len(words) < 2 or not re.fullmatch(r"[ITR]+", words[1]):
            problems.append("%s: query without type letters I, T, R" % where)
            output.extend(run)
            continue
        letters = words[1]
        sort = "nosort"
        label = None
        if len(words) > 2:
            if words[2] in ("nosort", "rowsort", "valuesort"):
                sort = words[2]
                label = words[3] if len(words) > 3 else None
            else:
                label = words[2]
        separator = next((i for i in range(header_index + 1, len(run))
                          if run[i] == "----"), None)
        sql_end = separator if separator is not None else len(run)
        sql = "\n".join(run[i] for i in range(header_index + 1, sql_end)
                        if not is_comment(run[i]))
        try:
            columns, rows = psql.query(sql)
            if len(columns) != len(letters):
                raise RecordError("the query returns %d columns, the types say %d"
                                  % (len(columns), len(letters)))
            rendered = [[render(raw, letters[c], type_class(columns[c][1]), columns[c][0])
                         for c, raw in enumerate(row)] for row in rows]
            if sort == "rowsort":
                rendered.sort()
            values = [value for row in rendered for value in row]
            if sort == "valuesort":
                values.sort()
            for value in values:
                if value.strip(" \t") == "" or value.startswith("#"):
                    raise RecordError("the value %r cannot stand on a line of its own"
                                      % value)
            md5 = hashlib.md5("".join(v + "\n" for v in values).encode("utf-8")).hexdigest()
            if label is not None:
                if label in labels and labels[label] != md5:
                    raise RecordError("result differs from the earlier query labelled %s"
                                      % label)
                labels[label] = md5
        except RecordError as error:
            problems.append("%s: %s\n    %s" % (where, error, sql.replace("\n", "\n    ")))
            output.extend(run)
            continue
        copy = run[:sql_end]
        copy.append("----")
        if threshold > 0 and len(values) > threshold:
            copy.append("%d values hashing to %s" % (len(values), md5))
        else:
            copy.extend(values)
        output.extend(copy)
    output.extend(lines[cursor:])
    return output, problems, notes


def complete_file(path, args):
    """Returns (new text, list of problems, list of notes)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    lines = text.split("\n")
    trailing_newline = text.endswith("\n")
    if trailing_newline:
        lines = lines[:-1]
    lines = [line[:-1] if line.endswith("\r") else line for line in lines]

    schema = "slt_" + re.sub(r"[^a-z0-9_]", "_", os.path.basename(path).lower())[:40] + \
        "_%d" % os.getpid()
    # __TEST_DIR__ in a record (the files COPY writes and reads) becomes a fresh directory
    # that the server's own user may write, as boyodb-slt gives each file one of its own.
    test_dir = tempfile.mkdtemp(prefix="complete-sql-tests-")
    os.chmod(test_dir, 0o777)
    psql = Psql(args, schema, test_dir)
    ok, _, message = psql.run('DROP SCHEMA IF EXISTS "%s" CASCADE;\nCREATE SCHEMA "%s";\n'
                              % (schema, schema), search_path=False)
    if not ok:
        raise ServerError("cannot create schema %s: %s" % (schema, message))
    # Text sorts byte-wise in BoyoDB; a database with a linguistic collation would give other
    # ORDER BY results (initdb --no-locale, or CREATE DATABASE ... LC_COLLATE 'C').
    ok, out, message = psql.run("SELECT datcollate FROM pg_database "
                                "WHERE datname = current_database();\n", search_path=False)
    collation = out.split("\0")[1] if ok and out.count("\0") >= 2 else "?"
    if collation not in ("C", "POSIX", "C.UTF-8", "C.utf8"):
        psql.run('DROP SCHEMA IF EXISTS "%s" CASCADE;\n' % schema, search_path=False)
        raise ServerError("database %s has collation %r; use a database with collation C or C.UTF-8"
                          % (args.dbname, collation))

    try:
        # Pass one notes every call; pass two runs them all in one psql session and fills in
        # the answers.
        recorder = RecordingSession()
        walk(path, lines, recorder)
        output, problems, notes = walk(path, lines, ReplayingSession(psql, recorder.calls))
    finally:
        psql.run('DROP SCHEMA IF EXISTS "%s" CASCADE;\n' % schema, search_path=False)
        shutil.rmtree(test_dir, ignore_errors=True)
    new_text = "\n".join(output) + ("\n" if trailing_newline else "")
    return text, new_text, problems, notes


def main():
    parser = argparse.ArgumentParser(
        description="Complete sqllogictest files with PostgreSQL's results (see the header).")
    parser.add_argument("files", nargs="+", help=".test files")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default=54329, type=int)
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--dbname", default="postgres")
    parser.add_argument("--psql", default="/usr/bin/psql")
    parser.add_argument("--check", action="store_true",
                        help="do not rewrite; exit 1 if a file's results differ from PostgreSQL's")
    parser.add_argument("--quiet", action="store_true", help="do not list statements that fail")
    args = parser.parse_args()

    failed = False
    for path in args.files:
        try:
            old_text, new_text, problems, notes = complete_file(path, args)
        except ServerError as error:
            print("%s: %s" % (path, error), file=sys.stderr)
            return 2
        except OSError as error:
            print("%s: %s" % (path, error), file=sys.stderr)
            failed = True
            continue
        if not args.quiet:
            for note in notes:
                print(note)
        for problem in problems:
            print("ERROR " + problem, file=sys.stderr)
        if problems:
            print("%s: %d problem(s); file left unchanged" % (path, len(problems)),
                  file=sys.stderr)
            failed = True
            continue
        if args.check:
            if new_text != old_text:
                failed = True
                print("%s: differs from PostgreSQL:" % path)
                sys.stdout.writelines(difflib.unified_diff(
                    old_text.splitlines(True), new_text.splitlines(True),
                    path + " (recorded)", path + " (PostgreSQL)"))
            else:
                print("%s: matches PostgreSQL" % path)
        elif new_text != old_text:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(new_text)
            print("%s: completed" % path)
        else:
            print("%s: unchanged" % path)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
