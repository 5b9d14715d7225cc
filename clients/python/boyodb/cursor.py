"""PEP 249 cursors.

A query's rows arrive as an Arrow IPC stream; the cursor decodes one record batch at a time as
it is fetched, so a large result is never held whole unless ``fetchall()`` asks for it. While
a cursor is part way through a streamed result the connection's socket still carries it: any
other request on the connection first reads the rest into memory, so cursors of one connection
never disturb each other.
"""

from .errors import InterfaceError, ProgrammingError
from .literals import format_query
from .prepared import PreparedStatement

__all__ = ["Cursor"]


class Cursor:
    """Runs statements and fetches their rows as tuples."""

    def __init__(self, connection):
        self.connection = connection
        self.arraysize = 1
        self.description = None
        self.rowcount = -1
        self.statusmessage = None   # the command tag, e.g. "INSERT 0 2" (psycopg2's name)
        self.query = None           # the SQL last sent, parameters substituted (a prepared
                                    # statement's SQL, with its $n)
        self._closed = False
        self._reader = None
        self._frames = None
        self._rows = []
        self._index = 0

    @property
    def closed(self):
        return self._closed or self.connection.closed

    def close(self):
        """Closes the cursor; the rest of a result still streaming is read and dropped."""
        self._drop_result()
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        self.close()

    def _check_open(self):
        if self._closed:
            raise InterfaceError("the cursor is closed")
        if self.connection.closed:
            raise InterfaceError("the connection is closed")

    def _drop_result(self):
        frames, self._frames, self._reader = self._frames, None, None
        self._rows, self._index = [], 0
        if frames is not None and frames is self.connection._active:
            self.connection._active = None
            if not self.connection.closed:
                frames.discard_rest()

    # --- Running statements -------------------------------------------------------------------

    def execute(self, operation, parameters=None):
        """Runs ``operation``: SQL (one or more statements; the last one's result is kept)
        with ``parameters`` substituted client-side (paramstyle ``pyformat``), or a
        PreparedStatement of this cursor's connection with ``parameters`` a sequence of one
        value per ``$n``, sent apart from the SQL."""
        self._check_open()
        if isinstance(operation, PreparedStatement):
            values = operation.request_parameters(self.connection, parameters)
            self._reset(operation.sql)
            result = self.connection.execute_prepared(operation.name, values)
        else:
            sql = format_query(operation, parameters)
            self._reset(sql)
            result = self.connection.execute_query(sql)
        self._keep_result(result)

    def _reset(self, sql):
        """Forgets the previous result before a new one is asked for."""
        self._drop_result()
        self.description = None
        self.rowcount = -1
        self.statusmessage = None
        self.query = sql

    def _keep_result(self, result):
        """Takes a QueryResult's command tag, row count, and rows to fetch."""
        response = result.response
        self.statusmessage = response.get("command")
        if result.reader is not None:
            self._reader = result.reader
            self._frames = result.frames
            self.description = _description(result.reader.schema.fields,
                                            response.get("columns") or [])
            self.rowcount = response.get("rows", -1)
        else:
            self.rowcount = response.get("rows_affected", -1)

    def executemany(self, operation, seq_of_parameters):
        """Runs ``operation`` once per parameter set, in order, stopping at the first error;
        ``rowcount`` is the total of the statements' counts."""
        self._check_open()
        total, counted = 0, False
        for parameters in seq_of_parameters:
            self.execute(operation, parameters)
            if self.rowcount >= 0:
                total += self.rowcount
                counted = True
        self.rowcount = total if counted else -1

    # --- Fetching -----------------------------------------------------------------------------

    def _next_batch(self):
        """Loads the next non-empty record batch; False when the result is exhausted."""
        while self._index >= len(self._rows):
            if self._reader is None:
                return False
            try:
                batch = next(self._reader, None)
            except BaseException:
                self._finish_stream()
                raise
            if batch is None:
                self._finish_stream()
                return False
            self._rows, self._index = batch.rows(), 0
        return True

    def _finish_stream(self):
        """After the stream's last message: reads the frames up to the empty one that ends
        the result, which frees the connection."""
        frames, self._frames, self._reader = self._frames, None, None
        if frames is not None and frames is self.connection._active:
            self.connection._active = None
            if not self.connection.closed:
                frames.discard_rest()

    def _check_result(self):
        self._check_open()
        if self.description is None:
            raise ProgrammingError("no results to fetch: the last statement returned no rows")

    def fetchone(self):
        self._check_result()
        if not self._next_batch():
            return None
        row = self._rows[self._index]
        self._index += 1
        return row

    def fetchmany(self, size=None):
        self._check_result()
        wanted = self.arraysize if size is None else size
        out = []
        while len(out) < wanted and self._next_batch():
            take = self._rows[self._index:self._index + wanted - len(out)]
            self._index += len(take)
            out.extend(take)
        return out

    def fetchall(self):
        self._check_result()
        out = []
        while self._next_batch():
            out.extend(self._rows[self._index:])
            self._index = len(self._rows)
        return out

    def __iter__(self):
        return self

    def __next__(self):
        row = self.fetchone()
        if row is None:
            raise StopIteration
        return row

    def setinputsizes(self, sizes):
        """Does nothing: ``%s`` parameters are sent as literals, whose types the server infers,
        and a prepared statement's parameter types are settled by ``prepare()``."""

    def setoutputsize(self, size, column=None):
        """Does nothing: values arrive whole in Arrow batches."""


def _description(fields, columns):
    """PEP 249's 7-tuples: name, type_code (BoyoDB's type name), display_size, internal_size,
    precision, scale, null_ok. The type names come from the response's ``columns``; the rest
    from the Arrow schema."""
    out = []
    for i, field in enumerate(fields):
        type_code = columns[i].get("type") if i < len(columns) else field.type.name
        precision = scale = None
        if field.type.name == "Decimal":
            precision, scale = field.type.precision, field.type.scale
        out.append((field.name, type_code, None, None, precision, scale, field.nullable))
    return out
