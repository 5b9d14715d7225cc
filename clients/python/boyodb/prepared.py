"""Server-side prepared statements: the native protocol's ``prepare``, ``execute`` and
``deallocate`` requests.

The server parses and types the statement once; each run sends only the statement's name and
its parameter values, as JSON values that the server reads as each parameter's type reads its
text. Unlike ``%s`` parameters, the values never become part of the SQL.
"""

import itertools
import re
from collections.abc import Mapping

from .errors import ProgrammingError
from .literals import parameter_value

__all__ = ["PreparedStatement"]

# Names only need to be unique within a session; one counter for the whole process also keeps
# them apart when statements of different connections are mixed up in a log.
_statement_numbers = itertools.count(1)

_DECIMAL = re.compile(r"DECIMAL\((\d+),\s*(\d+)\)")


def next_statement_name():
    return f"boyodb_py_{next(_statement_numbers)}"


class PreparedStatement:
    """A statement prepared on the server by ``Connection.prepare()``.

    Run it with ``cursor.execute(statement, parameters)`` (or ``executemany``), or with
    ``statement.execute(parameters)``, which returns a new cursor. ``parameters`` is a sequence
    with one value per ``$n``, converted as ``%s`` parameters are. ``close()`` (or the end of a
    ``with`` block) frees it on the server.

    Attributes: ``name`` (the server's name for it), ``sql``, ``parameter_types`` (BoyoDB's
    type name of each ``$n``, declared or inferred), ``description`` (the result's columns as
    ``cursor.description`` gives them, None for a statement that returns no rows).
    """

    def __init__(self, connection, name, sql, response):
        self.connection = connection
        self.name = name
        self.sql = sql
        self.parameter_types = list(response.get("parameter_types") or [])
        self.description = _description(response.get("columns"))
        self._closed = False

    def __repr__(self):
        return f"PreparedStatement({self.name!r}, {self.sql!r})"

    @property
    def closed(self):
        return self._closed or self.connection.closed

    def execute(self, parameters=None):
        """Runs the statement on a new cursor of its connection and returns the cursor."""
        cursor = self.connection.cursor()
        cursor.execute(self, parameters)
        return cursor

    def close(self):
        """Frees the statement on the server; the connection's closing frees it as well.

        Running it afterwards is left to the server to refuse (26000, ProgrammingError), as
        PostgreSQL refuses a deallocated statement."""
        was_open = not self.closed
        self._closed = True  # Even if the request fails: the session is then gone too.
        if was_open:
            self.connection.deallocate(self.name)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        self.close()

    def request_parameters(self, connection, parameters):
        """The JSON values of ``parameters`` for an ``execute`` request on ``connection``.

        The count is checked here rather than left to the server, whose answer (08P01, a
        protocol violation) would make the mistake an OperationalError: PEP 249 names a wrong
        number of parameters as a ProgrammingError."""
        if connection is not self.connection:
            raise ProgrammingError(f"prepared statement {self.name} belongs to another "
                                   "connection")
        values = _sequence(parameters)
        if len(values) != len(self.parameter_types):
            raise ProgrammingError(f"prepared statement {self.name} takes "
                                   f"{len(self.parameter_types)} parameters but "
                                   f"{len(values)} were given")
        return [parameter_value(value) for value in values]


def _sequence(parameters):
    if parameters is None:
        return []
    if isinstance(parameters, (str, bytes, bytearray, Mapping)):
        raise TypeError("the parameters of a prepared statement must be a sequence with one "
                        f"value per $n, not {type(parameters).__name__}")
    return list(parameters)


def _description(columns):
    """PEP 249's 7-tuples from the ``columns`` of a ``prepare`` answer: name, type code,
    None, None, precision and scale (DECIMAL), and null_ok None, since the answer does not
    say (the executed result's Arrow schema does)."""
    if columns is None:
        return None
    out = []
    for column in columns:
        type_name = column.get("type")
        precision = scale = None
        decimal = _DECIMAL.fullmatch(type_name or "")
        if decimal:
            precision, scale = int(decimal.group(1)), int(decimal.group(2))
        out.append((column.get("name"), type_name, None, None, precision, scale, None))
    return out
