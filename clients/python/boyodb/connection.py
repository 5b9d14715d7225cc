"""PEP 249 connections over the native protocol.

Transactions follow psycopg2, whose behaviour Python database code usually assumes: with
``autocommit`` False (the default) the first statement after connecting, ``commit()`` or
``rollback()`` opens a ``BEGIN`` block, sent in the same round trip as the statement, and the
block lasts until ``commit()`` or ``rollback()``. With ``autocommit`` True every statement
commits by itself unless the SQL opens a block (``BEGIN``), which the connection then tracks
from the server's command tags, so that ``commit()`` and ``rollback()`` end it.

BoyoDB applies DDL at once even inside a block, and keeps a block's INSERTs in the session
until COMMIT (docs/design/transactions.md in the server's repository). Running a prepared
statement is a statement like any other; preparing and deallocating one are not, and open no
block.
"""

import base64
import json

from . import errors
from .arrow.ipc import StreamReader, bytes_reader, read_stream
from .arrow.writer import write_stream
from .cursor import Cursor
from .errors import InterfaceError, ProgrammingError
from .prepared import PreparedStatement, next_statement_name
from .protocol import ResultFrames, Transport, check, parse_json
from .tls import check_tls_options, client_context

__all__ = ["Connection", "QueryResult"]


class QueryResult:
    """What one ``query`` request returned: the JSON ``response`` and, for rows, a reader
    of record batches (``batches``) whose ``schema`` is known."""

    def __init__(self, response, reader=None, frames=None):
        self.response = response
        self.reader = reader
        self.frames = frames


class Connection:
    """A session with the server; make one with ``boyodb.connect()``."""

    Warning = errors.Warning
    Error = errors.Error
    InterfaceError = errors.InterfaceError
    DatabaseError = errors.DatabaseError
    DataError = errors.DataError
    OperationalError = errors.OperationalError
    IntegrityError = errors.IntegrityError
    InternalError = errors.InternalError
    ProgrammingError = errors.ProgrammingError
    NotSupportedError = errors.NotSupportedError

    def __init__(self, host="127.0.0.1", port=8765, user="admin", password="", database=None,
                 timeout=None, autocommit=False, json_loads=json.loads, binary=True,
                 tls=False, tls_ca=None, tls_cert=None, tls_key=None):
        check_tls_options(tls, tls_ca, tls_cert, tls_key)
        tls_context = client_context(tls_ca, tls_cert, tls_key) if tls else None
        self._transport = Transport(host, port, timeout, tls_context)
        self._active = None          # ResultFrames of the result being streamed, if any
        self._in_transaction = False
        self._autocommit = bool(autocommit)
        self.json_loads = json_loads
        self.binary = binary
        try:
            answer = self._request({"op": "login", "user": user, "password": password})
            if database is not None:
                # An empty query: it only makes `database` the session's current one (and
                # fails here, not at the first statement, when it does not exist).
                self._request({"op": "query", "sql": "", "database": database})
        except BaseException:
            self._transport.close()
            raise
        self.user = answer.get("user", user)
        self.superuser = bool(answer.get("superuser"))

    # --- PEP 249 ------------------------------------------------------------------------------

    @property
    def closed(self):
        return self._transport.closed

    @property
    def autocommit(self):
        return self._autocommit

    @autocommit.setter
    def autocommit(self, value):
        if self._in_transaction and value:
            raise ProgrammingError("cannot turn autocommit on inside a transaction; "
                                   "commit() or rollback() first")
        self._autocommit = bool(value)

    @property
    def tls_version(self):
        """The TLS version of the connection ("TLSv1.3"), None over plain TCP."""
        return self._transport.tls_version

    @property
    def in_transaction(self):
        """Whether a BEGIN block is open on the server (as far as the command tags show)."""
        return self._in_transaction

    def cursor(self):
        self._check_open()
        return Cursor(self)

    def commit(self):
        self._end_transaction("COMMIT")

    def rollback(self):
        self._end_transaction("ROLLBACK")

    def close(self):
        """Closes the connection; an open block is rolled back by the server."""
        self._active = None
        self._in_transaction = False
        self._transport.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        # As in psycopg2: the block ends with the `with`, the connection stays open.
        if self.closed:
            return
        if exc_type is None:
            self.commit()
        else:
            self.rollback()

    # --- Requests -----------------------------------------------------------------------------

    def _check_open(self):
        if self._transport.closed:
            raise InterfaceError("the connection is closed")

    def _release(self):
        """Frees the connection of a result still streaming: its frames are read into memory
        so that its cursor can still fetch them."""
        if self._active is not None:
            self._active.buffer_rest()
            self._active = None

    def _request(self, request, payload=None):
        """Sends one request (and its binary ``payload`` frame) and returns the response."""
        self._check_open()
        self._release()
        self._transport.send_json(request)
        if payload is not None:
            self._transport.send(payload)
        return self._transport.receive_json()

    def _end_transaction(self, command):
        self._check_open()
        if not self._in_transaction:
            return
        try:
            self._request({"op": "query", "sql": command})
        finally:
            # The block is over whatever the answer: COMMIT of a failed block rolls back.
            self._in_transaction = False

    def _begin_and(self, request, payload=None):
        """Sends ``request``, preceded by BEGIN when a block must be opened first; both go
        out together and the two answers are read in order. Returns the raw response."""
        self._check_open()
        self._release()
        begin = not self._autocommit and not self._in_transaction
        if begin:
            self._transport.send_json({"op": "query", "sql": "BEGIN"})
        self._transport.send_json(request)
        if payload is not None:
            self._transport.send(payload)
        began = parse_json(self._transport.receive()) if begin else None
        response = parse_json(self._transport.receive())
        if began is not None:
            if began.get("status") != "ok":
                if response.get("binary"):
                    ResultFrames(self._transport).discard_rest()
                check(began)
            self._in_transaction = True
        return response

    def _track(self, response):
        tag = (response.get("command") or "").split(" ", 1)[0].upper()
        if tag in ("BEGIN", "START"):
            self._in_transaction = True
        elif tag in ("COMMIT", "ROLLBACK"):
            self._in_transaction = False

    def execute_query(self, sql):
        """Runs SQL and returns a QueryResult (the cursor's way in)."""
        return self._run({"op": "query", "sql": sql, "binary": self.binary})

    def execute_prepared(self, name, parameters):
        """Runs the prepared statement ``name`` with ``parameters`` (JSON values, one per
        ``$n``) and returns a QueryResult (the cursor's way in)."""
        return self._run({"op": "execute", "name": name, "parameters": parameters,
                          "binary": self.binary})

    def _run(self, request):
        """Sends a request that runs a statement (in the block, if one is due) and returns
        its QueryResult, whose rows are streamed when they come as binary frames."""
        response = check(self._begin_and(request))
        self._track(response)
        if response.get("binary"):
            frames = ResultFrames(self._transport)
            self._active = frames
            try:
                reader = StreamReader(frames.read, self.json_loads)
            except BaseException:
                frames.discard_rest()
                self._active = None
                raise
            return QueryResult(response, reader, frames)
        if "ipc_base64" in response:
            data = base64.b64decode(response["ipc_base64"])
            reader = StreamReader(bytes_reader(data), self.json_loads)
            return QueryResult(response, reader)
        return QueryResult(response)

    # --- Prepared statements ------------------------------------------------------------------

    def prepare(self, sql, parameter_types=None):
        """Prepares ``sql`` (one statement, parameters ``$1``, ``$2``...) on the server under a
        new name, and returns its PreparedStatement, to run with ``cursor.execute(statement,
        parameters)``. ``parameter_types``: a type name per ``$n`` (``"BIGINT"``,
        ``"DECIMAL(10,2)"``), or None in it (or for the whole) to let the server infer it
        from the statement."""
        name = next_statement_name()
        request = {"op": "prepare", "sql": sql, "name": name}
        if parameter_types is not None:
            request["parameter_types"] = list(parameter_types)
        return PreparedStatement(self, name, sql, self._request(request))

    def deallocate(self, name):
        """Forgets the prepared statement ``name`` (``PreparedStatement.close()`` calls it)."""
        self._request({"op": "deallocate", "name": name})

    # --- BoyoDB's other operations ------------------------------------------------------------

    def explain(self, sql):
        """The text of ``EXPLAIN sql`` (one statement)."""
        return self._request({"op": "explain", "sql": sql})["plan"]

    def cluster_status(self):
        """``{"mode", "version", "nodes": [{"address", "role", "healthy"}]}``."""
        response = self._request({"op": "cluster_status"})
        return {key: value for key, value in response.items() if key != "status"}

    def create_database(self, name, if_not_exists=False):
        return self._request({"op": "create_database", "name": name,
                              "if_not_exists": bool(if_not_exists)})["command"]

    def create_table(self, table, columns, if_not_exists=False, codec=None, sort_key=None):
        """Creates ``table``. ``columns``: ``(name, type)`` or ``(name, type, nullable)``
        tuples, or dicts ``{"name", "type", "nullable"}``; type names as in SQL
        (``DECIMAL(10,2)``, ``TEXT[]``, ``MAP(TEXT, BIGINT)``, ``STRUCT(a INT, b TEXT)``)."""
        specs = []
        for column in columns:
            if isinstance(column, dict):
                specs.append(dict(column))
            else:
                name, type_name, *rest = column
                spec = {"name": name, "type": type_name}
                if rest:
                    spec["nullable"] = bool(rest[0])
                specs.append(spec)
        request = {"op": "create_table", "table": table, "columns": specs,
                   "if_not_exists": bool(if_not_exists)}
        if codec is not None:
            request["codec"] = codec
        if sort_key is not None:
            request["sort_key"] = list(sort_key)
        return self._request(request)["command"]

    def _ingest(self, request, payload=None):
        response = check(self._begin_and(request, payload))
        return response.get("rows_affected", 0)

    def ingest_csv(self, table, csv, header=False, delimiter=None, null=None, quote=None):
        """Appends CSV text (PostgreSQL's CSV rules) to ``table`` atomically; returns the
        number of rows. Runs in the current transaction like a statement."""
        request = {"op": "ingest_csv", "table": table, "csv": csv, "header": bool(header)}
        for key, value in (("delimiter", delimiter), ("null", null), ("quote", quote)):
            if value is not None:
                request[key] = value
        return self._ingest(request)

    def ingest_ipc(self, table, data):
        """Appends an Arrow IPC stream or file (bytes; columns by position, cast to the
        table's types) to ``table`` atomically; returns the number of rows."""
        return self._ingest({"op": "ingest_ipc", "table": table, "binary": True}, bytes(data))

    def ingest_rows(self, table, rows):
        """Appends ``rows`` (sequences of Python values, one per column of ``table``, in
        order) through the Arrow IPC path, which carries every type, IPV4, IPV6, MAP and
        STRUCT included; returns the number of rows."""
        response = self._request({"op": "query", "sql": f"SELECT * FROM {table} LIMIT 0"})
        schema, _ = read_stream(base64.b64decode(response["ipc_base64"]))
        return self.ingest_ipc(table, write_stream(schema.fields, rows))

