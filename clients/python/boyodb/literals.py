"""Client-side parameters: Python values as SQL literals, and ``pyformat`` substitution.

BoyoDB runs with ``standard_conforming_strings`` on, as PostgreSQL does by default: inside
'...' only the quote itself is special (doubled), and a backslash is an ordinary character.
Literals whose type the server could not infer from the text carry a cast (``'...'::date``).

``parameter_value`` gives prepared statements' parameters the same treatment: the text between
a literal's quotes, sent as a JSON string, or a JSON number, boolean or null.

Substitution follows psycopg2: ``%s`` takes the next item of a sequence, ``%(name)s`` the item
of a mapping, ``%%`` is a literal ``%``, and every placeholder is replaced wherever it stands,
inside a quoted string or a comment too (the query is not parsed). Write ``%%`` for a percent
sign that is meant literally, e.g. ``LIKE 'a%%'``. Without parameters (None) the query is sent
exactly as given and ``%`` needs no doubling.
"""

import datetime
import decimal
import ipaddress
import json
import math
import re
import uuid
from collections.abc import Mapping

from .errors import DataError, NotSupportedError, ProgrammingError
from .types import Interval

__all__ = ["Json", "quote", "format_query", "parameter_value"]


class Json:
    """Sends ``value`` (any JSON-serializable object) as a JSON literal; a dict needs no
    wrapper, a list does (a plain list becomes an ARRAY)."""

    def __init__(self, value, dumps=json.dumps):
        self.value = value
        self.dumps = dumps

    def __repr__(self):
        return f"Json({self.value!r})"


def _text(text):
    if "\0" in text:
        raise DataError("a string value cannot contain NUL (0x00) characters")
    return text


def _string(text):
    return "'" + _text(text).replace("'", "''") + "'"


def _bytea_text(value):
    return "\\x" + bytes(value).hex()


def _number(text):
    # A space keeps a negative number from making "--" (a comment) after a minus sign.
    return " " + text if text.startswith("-") else text


def _float(value):
    if math.isfinite(value):
        return _number(repr(value))
    return f"'{_float_text(value)}'::double precision"


def _float_text(value):
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)


def _decimal_text(value):
    # BoyoDB's DECIMAL has no NaN or infinities; the server says so (0A000).
    return "NaN" if value.is_nan() else str(value)


def _decimal(value):
    if not value.is_finite():
        return "'" + _decimal_text(value) + "'::numeric"
    return _number(_decimal_text(value))


def _datetime_text(value):
    # datetime.max and datetime.min stand for 'infinity' and '-infinity' both ways: results
    # beyond Python's range come back as them.
    naive = value.replace(tzinfo=None)
    if naive == datetime.datetime.max:
        return "infinity"
    if naive == datetime.datetime.min:
        return "-infinity"
    return value.isoformat(sep=" ")


def _datetime(value):
    cast = "timestamp" if value.tzinfo is None else "timestamptz"
    return f"'{_datetime_text(value)}'::{cast}"


def _date_text(value):
    if value == datetime.date.max:
        return "infinity"
    if value == datetime.date.min:
        return "-infinity"
    return value.isoformat()


def _time_text(value):
    if value.tzinfo is not None:
        raise NotSupportedError("BoyoDB has no time with time zone; pass a naive time")
    return value.isoformat()


def _interval_text(months, days, microseconds):
    return f"{months} months {days} days {microseconds} microseconds"


def _timedelta_text(value):
    return _interval_text(0, value.days, value.seconds * 10**6 + value.microseconds)


def _interval_value_text(value):
    micros, nanos = divmod(value.nanoseconds, 1000)
    if nanos:
        raise DataError("INTERVAL values are sent with microsecond resolution; "
                        f"{value!r} has nanoseconds")
    return _interval_text(value.months, value.days, micros)


def _list(value):
    if not value:
        # Untyped, as psycopg2 sends it: the server infers the array type from where it goes.
        return "'{}'"
    return "ARRAY[" + ", ".join(quote(item) for item in value) + "]"


def quote(value):
    """The SQL literal of ``value``; ProgrammingError for a type with no literal form."""
    if value is None:
        return "NULL"
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if isinstance(value, int):
        return _number(str(int(value)))
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, decimal.Decimal):
        return _decimal(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "'" + _bytea_text(value) + "'::bytea"
    if isinstance(value, datetime.datetime):
        return _datetime(value)
    if isinstance(value, datetime.date):
        return f"'{_date_text(value)}'::date"
    if isinstance(value, datetime.time):
        return f"'{_time_text(value)}'::time"
    if isinstance(value, datetime.timedelta):
        return f"'{_timedelta_text(value)}'::interval"
    if isinstance(value, Interval):
        return f"'{_interval_value_text(value)}'::interval"
    if isinstance(value, uuid.UUID):
        return f"'{value}'::uuid"
    if isinstance(value, ipaddress.IPv4Address):
        return f"'{value}'::ipv4"
    if isinstance(value, ipaddress.IPv6Address):
        return f"'{value}'::ipv6"
    if isinstance(value, list):
        return _list(value)
    if isinstance(value, tuple):
        # A tuple is a parenthesized list, for IN (...), as in psycopg2.
        if not value:
            raise ProgrammingError("an empty tuple has no SQL form; IN () is not valid SQL")
        return "(" + ", ".join(quote(item) for item in value) + ")"
    if isinstance(value, Json):
        return _string(value.dumps(value.value)) + "::json"
    if isinstance(value, dict):
        return _string(json.dumps(value)) + "::json"
    raise ProgrammingError(f"can't adapt type {type(value).__name__!r}")


# Integers the server reads exactly as JSON numbers: it parses larger ones as doubles, which
# would round them, so those go as text.
_EXACT_JSON_INTEGERS = range(-2**63, 2**64)


def parameter_value(value):
    """``value`` as a prepared statement's parameter in an ``execute`` request: None, a
    boolean, a number, or the text the parameter's type reads, which is what ``quote`` puts
    between the quotes of a literal (``'2024-02-29'``, ``'\\x00ff'``, ``'{1,NULL}'``)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        number = int(value)
        return number if number in _EXACT_JSON_INTEGERS else str(number)
    if isinstance(value, float):
        # JSON has no NaN or infinities.
        return value if math.isfinite(value) else _float_text(value)
    return _parameter_text(value)


def _parameter_text(value):
    if isinstance(value, decimal.Decimal):
        # As text: a JSON number would be read through a double.
        return _decimal_text(value)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _bytea_text(value)
    if isinstance(value, datetime.datetime):
        return _datetime_text(value)
    if isinstance(value, datetime.date):
        return _date_text(value)
    if isinstance(value, datetime.time):
        return _time_text(value)
    if isinstance(value, datetime.timedelta):
        return _timedelta_text(value)
    if isinstance(value, Interval):
        return _interval_value_text(value)
    if isinstance(value, (uuid.UUID, ipaddress.IPv4Address, ipaddress.IPv6Address)):
        return str(value)
    if isinstance(value, list):
        return _array_text(value)
    if isinstance(value, tuple):
        raise ProgrammingError("a tuple (a list for IN %s) is not one value; pass a list and "
                               "write = ANY($1)")
    if isinstance(value, Json):
        return _text(value.dumps(value.value))
    if isinstance(value, dict):
        return _text(json.dumps(value))
    raise ProgrammingError(f"can't adapt type {type(value).__name__!r}")


def _array_text(values):
    """PostgreSQL's array text: ``{"1",NULL,"a\\"b"}``; nested lists nest."""
    return "{" + ",".join(_array_element(item) for item in values) + "}"


def _array_element(item):
    if item is None:
        return "NULL"
    if isinstance(item, list):
        return _array_text(item)
    value = parameter_value(item)
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    # Always quoted, so that no element is mistaken for NULL or a delimiter.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# %% | %s | %(name)s | a stray % (reported as an error).
_PLACEHOLDER = re.compile(r"%(?:(%)|(s)|\(([^)]*)\)s|(.?))", re.DOTALL)


def format_query(query, parameters):
    """``query`` with its placeholders replaced by the literals of ``parameters``."""
    if parameters is None:
        return query
    by_name = isinstance(parameters, Mapping)
    if not by_name and (isinstance(parameters, (str, bytes)) or
                        not hasattr(parameters, "__getitem__")):
        raise TypeError("parameters must be a sequence or a mapping, "
                        f"not {type(parameters).__name__}")
    position = 0

    def replace(match):
        nonlocal position
        percent, positional, name, other = match.groups()
        if percent:
            return "%"
        if other is not None:
            raise ProgrammingError(f"unsupported placeholder %{other} in the query "
                                   "(use %s, %(name)s, or %% for a percent sign)")
        if positional:
            if by_name:
                raise ProgrammingError("the query uses %s but the parameters are a mapping")
            if position >= len(parameters):
                raise ProgrammingError("the query has more %s placeholders than parameters")
            position += 1
            return quote(parameters[position - 1])
        if not by_name:
            raise ProgrammingError(f"the query uses %({name})s but the parameters are not a "
                                   "mapping")
        if name not in parameters:
            raise ProgrammingError(f"no parameter named {name!r}")
        return quote(parameters[name])

    text = _PLACEHOLDER.sub(replace, query)
    if not by_name and position != len(parameters):
        raise ProgrammingError(f"the query has {position} placeholders but "
                               f"{len(parameters)} parameters were given")
    return text
