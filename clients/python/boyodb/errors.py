"""PEP 249's exception hierarchy, and the mapping from the server's SQLSTATE codes onto it.

Every exception raised for a server error response carries what the server said:
``sqlstate`` (the five-character code, as PostgreSQL would give it; also ``pgcode`` as in
psycopg2), ``position`` (the 1-based character position in the SQL that the error points at,
or None) and ``context`` (a list of strings such as ``COPY t, line 3, column b``).
"""

__all__ = ["Warning", "Error", "InterfaceError", "DatabaseError", "DataError",
           "OperationalError", "IntegrityError", "InternalError", "ProgrammingError",
           "NotSupportedError", "error_from_response"]


class Warning(Exception):  # noqa: A001 - the name PEP 249 requires.
    """Important warnings such as data truncation. BoyoDB sends none today."""


class Error(Exception):
    """Base of every error this package raises."""

    def __init__(self, message="", sqlstate=None, position=None, context=None):
        super().__init__(message)
        self.message = message
        self.sqlstate = sqlstate
        self.position = position
        self.context = list(context or [])

    @property
    def pgcode(self):
        """psycopg2's name for ``sqlstate``."""
        return self.sqlstate

    def __str__(self):
        text = self.message
        if self.sqlstate:
            text = f"{text} (SQLSTATE {self.sqlstate}"
            if self.position is not None:
                text += f", position {self.position}"
            text += ")"
        for line in self.context:
            text += f"\nCONTEXT: {line}"
        return text


class InterfaceError(Error):
    """A problem of this client or of the connection's protocol, not of the database."""


class DatabaseError(Error):
    """An error the database reported."""


class DataError(DatabaseError):
    """Bad data: division by zero, a value out of range, invalid text for a type (22xxx)."""


class OperationalError(DatabaseError):
    """The database's operation failed: connection, login, resources, shutdown."""


class IntegrityError(DatabaseError):
    """A constraint was violated (23xxx)."""


class InternalError(DatabaseError):
    """The database hit an internal error (XXxxx) or a transaction is in a bad state."""


class ProgrammingError(DatabaseError):
    """A mistake in the SQL: syntax, an unknown table or column, a wrong type (42xxx)."""


class NotSupportedError(DatabaseError):
    """A feature the database or this client does not support (0A000)."""


# SQLSTATE classes (the first two characters), as psycopg2 maps them.
_CLASSES = {
    "0A": NotSupportedError,
    "08": OperationalError,   # connection exception
    "20": ProgrammingError,   # case not found
    "21": ProgrammingError,   # cardinality violation
    "22": DataError,
    "23": IntegrityError,
    "24": InternalError,      # invalid cursor state
    "25": InternalError,      # invalid transaction state
    "26": ProgrammingError,   # invalid SQL statement name
    "27": OperationalError,   # triggered data change violation
    "28": OperationalError,   # invalid authorization
    "2B": InternalError,
    "2D": InternalError,
    "2F": InternalError,
    "34": ProgrammingError,   # invalid cursor name
    "38": InternalError,
    "39": InternalError,
    "3B": InternalError,
    "3D": ProgrammingError,   # invalid catalog name
    "3F": ProgrammingError,   # invalid schema name
    "40": OperationalError,   # transaction rollback: serialization failure, deadlock
    "42": ProgrammingError,
    "44": ProgrammingError,   # WITH CHECK OPTION violation
    "53": OperationalError,   # insufficient resources
    "54": OperationalError,   # program limit exceeded
    "55": OperationalError,   # object not in prerequisite state
    "57": OperationalError,   # operator intervention (query canceled, shutdown)
    "58": OperationalError,   # system error
    "F0": InternalError,
    "HV": OperationalError,
    "P0": InternalError,
    "XX": InternalError,
}


def error_class(sqlstate):
    """The exception class for a SQLSTATE; DatabaseError when its class is not listed."""
    return _CLASSES.get((sqlstate or "")[:2], DatabaseError)


def error_from_response(response):
    """The exception for a ``{"status": "error", ...}`` response object."""
    sqlstate = response.get("code")
    message = response.get("message") or "the server reported an error"
    context = response.get("context")
    if not isinstance(context, list):
        context = [context] if isinstance(context, str) else []
    return error_class(sqlstate)(message, sqlstate, response.get("position"), context)
