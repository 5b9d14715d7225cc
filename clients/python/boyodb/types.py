"""Python-side types: the Interval value, PEP 249's type objects and constructors.

BoyoDB's INTERVAL has three parts, like PostgreSQL's: months, days and a time part (kept in
nanoseconds on the wire). ``datetime.timedelta`` can hold days and time but not months, whose
length in days varies, so a result value is a ``timedelta`` when its month part is zero and an
``Interval`` otherwise (or when its nanoseconds are not whole microseconds).
"""

import datetime
import time

__all__ = ["Interval", "STRING", "BINARY", "NUMBER", "DATETIME", "ROWID", "Date", "Time",
           "Timestamp", "DateFromTicks", "TimeFromTicks", "TimestampFromTicks", "Binary"]


class Interval:
    """An INTERVAL with a month part: ``months``, ``days`` and ``nanoseconds`` (each may be
    negative, independently, as in PostgreSQL)."""

    __slots__ = ("months", "days", "nanoseconds")

    def __init__(self, months=0, days=0, nanoseconds=0):
        self.months = int(months)
        self.days = int(days)
        self.nanoseconds = int(nanoseconds)

    def __eq__(self, other):
        if isinstance(other, datetime.timedelta):
            other = Interval.from_timedelta(other)
        if not isinstance(other, Interval):
            return NotImplemented
        return (self.months, self.days, self.nanoseconds) == (
            other.months, other.days, other.nanoseconds)

    def __hash__(self):
        if self.months == 0 and self.nanoseconds % 1000 == 0:
            # Equal to a timedelta, so it must hash like one.
            return hash(datetime.timedelta(days=self.days, microseconds=self.nanoseconds // 1000))
        return hash((self.months, self.days, self.nanoseconds))

    def __repr__(self):
        return f"Interval(months={self.months}, days={self.days}, nanoseconds={self.nanoseconds})"

    def __str__(self):
        """PostgreSQL's output style: ``1 year 2 mons 3 days 04:05:06.000007``."""
        parts = []
        years, months = divmod(abs(self.months), 12)
        sign = "-" if self.months < 0 else ""
        if years:
            parts.append(f"{sign}{years} year{'s' if years != 1 else ''}")
        if months:
            parts.append(f"{sign}{months} mon{'s' if months != 1 else ''}")
        if self.days:
            parts.append(f"{self.days} day{'s' if abs(self.days) != 1 else ''}")
        if self.nanoseconds or not parts:
            sign = "-" if self.nanoseconds < 0 else ""
            seconds, nanos = divmod(abs(self.nanoseconds), 10**9)
            minutes, seconds = divmod(seconds, 60)
            hours, minutes = divmod(minutes, 60)
            text = f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}"
            if nanos:
                text += f".{nanos:09d}".rstrip("0")
            parts.append(text)
        return " ".join(parts)

    @classmethod
    def from_timedelta(cls, delta):
        """The Interval of a timedelta: its days, and its seconds and microseconds."""
        return cls(0, delta.days, (delta.seconds * 10**6 + delta.microseconds) * 1000)

    def to_python(self):
        """A ``timedelta`` when that holds the value exactly, else this Interval."""
        if self.months == 0 and self.nanoseconds % 1000 == 0:
            return datetime.timedelta(days=self.days, microseconds=self.nanoseconds // 1000)
        return self


class _TypeObject:
    """A PEP 249 type object: equal to every ``description`` type code of its group.

    Type codes are BoyoDB's type names (``INTEGER``, ``DECIMAL(10,2)``, ``TEXT[]``); the name
    before any ``(`` decides the group, and arrays belong to none.
    """

    def __init__(self, *names):
        self.names = frozenset(names)

    def __eq__(self, other):
        if isinstance(other, str):
            return not other.endswith("]") and other.split("(", 1)[0].strip().upper() in self.names
        return NotImplemented

    def __hash__(self):
        return hash(self.names)

    def __repr__(self):
        return f"<type object {', '.join(sorted(self.names)) or 'ROWID'}>"


STRING = _TypeObject("TEXT", "JSON")
BINARY = _TypeObject("BYTEA")
NUMBER = _TypeObject("BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UINT8", "UINT16",
                     "UINT32", "UINT64", "REAL", "DOUBLE PRECISION", "DECIMAL")
DATETIME = _TypeObject("DATE", "TIME", "TIMESTAMP", "TIMESTAMPTZ", "INTERVAL")
# BoyoDB has no row identifier type, so no type code equals ROWID.
ROWID = _TypeObject()

Date = datetime.date
Time = datetime.time
Timestamp = datetime.datetime


def DateFromTicks(ticks):
    return Date(*time.localtime(ticks)[:3])


def TimeFromTicks(ticks):
    return Time(*time.localtime(ticks)[3:6])


def TimestampFromTicks(ticks):
    return Timestamp(*time.localtime(ticks)[:6])


Binary = bytes
