"""Reading the Arrow IPC stream format: framing, Message flatbuffers, record batches.

A stream is a Schema message, then DictionaryBatch and RecordBatch messages, then an
end-of-stream marker. Each message is framed as

    0xFFFFFFFF  int32 metadata length M  Message flatbuffer (padded to M)  body

(streams written before Arrow 0.15 leave out the 0xFFFFFFFF). ``StreamReader`` reads messages
from any ``read(n)`` callable, so the same code serves a whole buffer (``ipc_base64``) and the
native protocol's binary frames, which it pulls one at a time while the caller iterates.
"""

import struct

from ..errors import InterfaceError, NotSupportedError
from . import types as t
from .arrays import Body, Options, decode
from .flatbuffers import FlatBufferError, root

# MessageHeader union members.
SCHEMA, DICTIONARY_BATCH, RECORD_BATCH, TENSOR, SPARSE_TENSOR = 1, 2, 3, 4, 5
V4 = 3  # MetadataVersion: V1 = 0 ... V5 = 4; V4 and V5 lay record batches out alike.
CONTINUATION = 0xFFFFFFFF
MAX_METADATA_BYTES = 64 << 20


class RecordBatch:
    """``columns``: one list of Python values per schema field, each ``num_rows`` long."""

    __slots__ = ("num_rows", "columns")

    def __init__(self, num_rows, columns):
        self.num_rows = num_rows
        self.columns = columns

    def rows(self):
        if not self.columns:
            return [()] * self.num_rows
        return list(zip(*self.columns))


class Message:
    __slots__ = ("header_type", "header", "body")

    def __init__(self, header_type, header, body):
        self.header_type = header_type
        self.header = header
        self.body = body


def _read_exact(read, count, what):
    data = read(count)
    if len(data) != count:
        raise InterfaceError(f"Arrow stream ends inside {what}")
    return data


def read_message(read):
    """The next message, or None at the end of the stream (marker, or no more bytes)."""
    prefix = read(4)
    if not prefix:
        return None
    if len(prefix) != 4:
        raise InterfaceError("Arrow stream ends inside a message prefix")
    (length,) = struct.unpack("<I", prefix)
    if length == CONTINUATION:
        (length,) = struct.unpack("<I", _read_exact(read, 4, "a message prefix"))
    if length == 0:
        return None
    if length > MAX_METADATA_BYTES:
        raise InterfaceError(f"Arrow message metadata of {length} bytes")
    metadata = _read_exact(read, length, "message metadata")
    try:
        message = root(metadata)
        version = message.scalar(0, "<h")
        header_type = message.scalar(1, "<B")
        header = message.table(2)
        body_length = message.scalar(3, "<q")
    except FlatBufferError as error:
        raise InterfaceError(f"malformed Arrow message: {error}") from None
    if version < V4:
        raise NotSupportedError(f"Arrow metadata version V{version + 1} (V4 or V5 needed)")
    if header is None or body_length < 0:
        raise InterfaceError("Arrow message without a header")
    body = _read_exact(read, body_length, "a message body") if body_length else b""
    return Message(header_type, header, body)


class StreamReader:
    """Iterates over the RecordBatches of one IPC stream, reading messages as it goes.

    ``json_loads`` parses JSON columns (None keeps them as text). Dictionary batches update
    ``dictionaries`` (id -> list of values): a delta appends to the dictionary, a non-delta
    replaces it.
    """

    def __init__(self, read, json_loads=None):
        self._read = read
        self._options = Options(json_loads)
        # Dictionaries are kept as their storage values (JSON text unparsed), so that each row
        # gets its own parsed object rather than one shared by every row with that index.
        self._raw_options = Options(None)
        self.dictionaries = {}
        self._dictionary_fields = {}
        self._done = False
        message = self._next()
        if message is None:
            raise InterfaceError("Arrow stream without a schema")
        if message.header_type != SCHEMA:
            raise InterfaceError("Arrow stream does not start with a schema")
        try:
            self.schema = t.read_schema(message.header)
        except (FlatBufferError, ValueError) as error:
            raise InterfaceError(f"malformed Arrow schema: {error}") from None
        if self.schema.big_endian:
            raise NotSupportedError("big-endian Arrow data")
        for field in self.schema.fields:
            self._collect_dictionaries(field)

    def _collect_dictionaries(self, field):
        if field.dictionary is not None:
            plain = t.Field(field.name, field.type, field.nullable, field.children, None,
                            field.metadata)
            self._dictionary_fields[field.dictionary.id] = plain
        for child in field.children:
            self._collect_dictionaries(child)

    def _next(self):
        if self._done:
            return None
        message = read_message(self._read)
        if message is None:
            self._done = True
        return message

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            message = self._next()
            if message is None:
                raise StopIteration
            if message.header_type == RECORD_BATCH:
                num_rows, columns = self._decode_batch(message.header, message.body,
                                                       self.schema.fields, self._options)
                return RecordBatch(num_rows, columns)
            if message.header_type == DICTIONARY_BATCH:
                self._apply_dictionary(message)
            elif message.header_type == SCHEMA:
                raise InterfaceError("second schema message in an Arrow stream")
            else:
                raise NotSupportedError(f"Arrow message type {message.header_type}")

    def _apply_dictionary(self, message):
        header = message.header
        try:
            dictionary_id = header.scalar(0, "<q")
            data = header.table(1)
            is_delta = header.scalar(2, "<?", False)
        except FlatBufferError as error:
            raise InterfaceError(f"malformed Arrow dictionary batch: {error}") from None
        field = self._dictionary_fields.get(dictionary_id)
        if field is None:
            raise InterfaceError(f"Arrow dictionary batch for unknown id {dictionary_id}")
        if data is None:
            raise InterfaceError("Arrow dictionary batch without data")
        _, (values,) = self._decode_batch(data, message.body, [field], self._raw_options)
        if is_delta and dictionary_id in self.dictionaries:
            self.dictionaries[dictionary_id].extend(values)
        else:
            self.dictionaries[dictionary_id] = values

    def _decode_batch(self, header, body, fields, options):
        try:
            num_rows = header.scalar(0, "<q")
            nodes = header.structs(1, "<qq")
            buffers = header.structs(2, "<qq")
            compressed = header.has(3)
        except FlatBufferError as error:
            raise InterfaceError(f"malformed Arrow record batch: {error}") from None
        if compressed:
            raise NotSupportedError("compressed Arrow bodies (the server sends them "
                                    "uncompressed unless asked)")
        batch = Body(body, nodes, buffers)
        columns = [decode(field, batch, self.dictionaries, options) for field in fields]
        for field, column in zip(fields, columns):
            if len(column) != num_rows:
                raise InterfaceError(f"Arrow column {field.name!r} has {len(column)} values "
                                     f"in a batch of {num_rows} rows")
        return num_rows, columns


def bytes_reader(data):
    """A ``read(n)`` over bytes held in memory, for ``StreamReader``."""
    view = memoryview(data)
    position = 0

    def read(count):
        nonlocal position
        chunk = view[position:position + count]
        position += len(chunk)
        return chunk

    return read


def read_stream(data, json_loads=None):
    """Schema and every RecordBatch of a complete stream held in ``data`` (bytes)."""
    reader = StreamReader(bytes_reader(data), json_loads)
    return reader.schema, list(reader)
