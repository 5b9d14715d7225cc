"""BoyoDB's Python client: the native protocol, PEP 249 (DB-API 2.0), Arrow results.

    import boyodb
    with boyodb.connect(host="127.0.0.1", port=8765, user="admin", password="...") as conn:
        cur = conn.cursor()
        cur.execute("SELECT %s + 1", (41,))
        print(cur.fetchone())

Standard library only. See README.md for types, transactions and errors.
"""

import json

from .connection import Connection
from .cursor import Cursor
from .errors import (DatabaseError, DataError, Error, IntegrityError, InterfaceError,
                     InternalError, NotSupportedError, OperationalError, ProgrammingError,
                     Warning)
from .literals import Json, quote
from .prepared import PreparedStatement
from .types import (BINARY, DATETIME, NUMBER, ROWID, STRING, Binary, Date, DateFromTicks,
                    Interval, Time, TimeFromTicks, Timestamp, TimestampFromTicks)

__all__ = [
    "apilevel", "threadsafety", "paramstyle", "connect", "Connection", "Cursor",
    "PreparedStatement",
    "Warning", "Error", "InterfaceError", "DatabaseError", "DataError", "OperationalError",
    "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError",
    "STRING", "BINARY", "NUMBER", "DATETIME", "ROWID", "Date", "Time", "Timestamp",
    "DateFromTicks", "TimeFromTicks", "TimestampFromTicks", "Binary", "Interval", "Json", "quote",
]

__version__ = "0.1.0"

apilevel = "2.0"
# Threads may share the module, not connections: a connection is one session whose requests
# and answers are strictly ordered, with no locking around them.
threadsafety = 1
paramstyle = "pyformat"

DEFAULT_PORT = 8765


def connect(host="127.0.0.1", port=DEFAULT_PORT, user="admin", password="", database=None,
            timeout=None, *, autocommit=False, json_loads=json.loads, binary=True, tls=False,
            tls_ca=None, tls_cert=None, tls_key=None):
    """Opens a connection and logs in.

    ``database``: the session's current database (the server's ``default`` when None).
    ``timeout``: seconds for connecting and for each network read or write (None: wait for
    ever); a timeout closes the connection. ``autocommit``: see Connection. ``json_loads``:
    how JSON values are parsed (None keeps them as text). ``binary``: results as raw Arrow
    frames (True) or base64 inside the JSON response (False).

    ``tls``: connect with TLS 1.3, verifying the server's certificate and that it names
    ``host``. ``tls_ca``: the CA certificate (PEM file) to verify it with (None: the system's
    trusted CAs). ``tls_cert``, ``tls_key``: the client certificate and its key (PEM files)
    for a server that requires one (mutual TLS). A refused handshake or certificate raises
    OperationalError.
    """
    return Connection(host=host, port=int(port), user=user, password=password,
                      database=database, timeout=timeout, autocommit=autocommit,
                      json_loads=json_loads, binary=binary, tls=tls, tls_ca=tls_ca,
                      tls_cert=tls_cert, tls_key=tls_key)
