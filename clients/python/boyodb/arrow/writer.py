"""Writing Arrow IPC streams, for ``Connection.ingest_rows`` (the native ``ingest_ipc`` op).

Rows are encoded for a schema the server gave (the table's own, from ``SELECT * ... LIMIT 0``),
so every BoyoDB type can be sent, those without a SQL literal form (IPV4, IPV6, MAP, STRUCT)
included. The low-level pieces (``encode_message``, ``record_batch_header``) are public so that
callers can also frame messages whose buffers they built themselves.
"""

import datetime
import decimal
import ipaddress
import json
import struct
import uuid

from ..errors import DataError, NotSupportedError
from ..types import Interval
from . import types as t
from .flatbuffers import StructVector, TableValue, build
from .ipc import RECORD_BATCH, SCHEMA

__all__ = ["write_stream", "encode_message", "record_batch_header", "dictionary_batch_header",
           "schema_message", "END_OF_STREAM", "BATCH_ROWS"]

V5 = 4
END_OF_STREAM = b"\xff\xff\xff\xff\x00\x00\x00\x00"
BATCH_ROWS = 65_536
_EPOCH = datetime.datetime(1970, 1, 1)
_EPOCH_DATE = _EPOCH.date()
_INT64_MAX, _INT64_MIN = 2**63 - 1, -2**63
_INT32_MAX, _INT32_MIN = 2**31 - 1, -2**31
_DECIMAL_CONTEXT = decimal.Context(prec=100, rounding=decimal.ROUND_HALF_UP)
_INT_FORMATS = {(8, True): "b", (16, True): "h", (32, True): "i", (64, True): "q",
                (8, False): "B", (16, False): "H", (32, False): "I", (64, False): "Q"}
_FLOAT_FORMATS = {t.HALF: "e", t.SINGLE: "f", t.DOUBLE: "d"}


def encode_message(header_type, header, body=b""):
    """One framed message: marker, metadata length, Message flatbuffer, body (padded to 8)."""
    body = bytes(body) + bytes(-len(body) % 8)
    metadata = build(TableValue((0, "<h", V5), (1, "<B", header_type), (2, "offset", header),
                                (3, "<q", len(body))))
    return struct.pack("<Ii", 0xFFFFFFFF, len(metadata)) + metadata + body


def schema_message(fields):
    return encode_message(SCHEMA, t.schema_table(t.Schema(fields)))


def record_batch_header(length, nodes, buffers):
    """A RecordBatch table: ``nodes`` (length, null_count) and ``buffers`` (offset, length)."""
    return TableValue((0, "<q", length), (1, "offset", StructVector("<qq", nodes)),
                      (2, "offset", StructVector("<qq", buffers)))


def dictionary_batch_header(dictionary_id, batch_header, is_delta=False):
    return TableValue((0, "<q", dictionary_id), (1, "offset", batch_header),
                      (2, "<?", is_delta))


class _Body:
    def __init__(self):
        self.nodes = []
        self.buffers = []
        self.data = bytearray()

    def buffer(self, raw):
        self.buffers.append((len(self.data), len(raw)))
        self.data += raw
        self.data += bytes(-len(self.data) % 8)


def _bitmap(flags):
    out = bytearray((len(flags) + 7) // 8)
    for i, flag in enumerate(flags):
        if flag:
            out[i >> 3] |= 1 << (i & 7)
    return bytes(out)


def _micros(value):
    """Microseconds since the epoch; datetime.max/min stand for +-infinity (int64 extremes)."""
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    if value == datetime.datetime.max:
        return _INT64_MAX
    if value == datetime.datetime.min:
        return _INT64_MIN
    return (value - _EPOCH) // datetime.timedelta(microseconds=1)


def _days(value):
    if isinstance(value, datetime.datetime):
        value = value.date()
    if value == datetime.date.max:
        return _INT32_MAX
    if value == datetime.date.min:
        return _INT32_MIN
    return (value - _EPOCH_DATE).days


def _time_micros(value):
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 10**6 + value.microsecond


def _interval(value):
    if isinstance(value, datetime.timedelta):
        value = Interval.from_timedelta(value)
    return struct.pack("<iiq", value.months, value.days, value.nanoseconds)


def _unscaled(value, scale):
    scaled = decimal.Decimal(value).scaleb(scale, _DECIMAL_CONTEXT)
    return int(scaled.to_integral_value(context=_DECIMAL_CONTEXT))


def _fixed(field, values):
    """The values buffer of a fixed-width column (None already replaced by a default)."""
    dt, ext = field.type, field.extension
    n = len(values)
    if dt.id == t.INT:
        if ext == "boyodb.ipv4":
            values = [int(ipaddress.IPv4Address(v)) for v in values]
        return struct.pack(f"<{n}{_INT_FORMATS[(dt.bit_width, dt.signed)]}", *values)
    if dt.id == t.FLOAT:
        return struct.pack(f"<{n}{_FLOAT_FORMATS[dt.precision]}", *values)
    if dt.id == t.DECIMAL:
        width = dt.bit_width // 8
        return b"".join(_unscaled(v, dt.scale).to_bytes(width, "little", signed=True)
                        for v in values)
    if dt.id == t.DATE and dt.unit == t.DAY:
        return struct.pack(f"<{n}i", *(_days(v) for v in values))
    if dt.id == t.TIME and dt.unit == t.MICRO and dt.bit_width == 64:
        return struct.pack(f"<{n}q", *(_time_micros(v) for v in values))
    if dt.id == t.TIMESTAMP and dt.unit == t.MICRO:
        return struct.pack(f"<{n}q", *(_micros(v) for v in values))
    if dt.id == t.INTERVAL and dt.unit == t.MONTH_DAY_NANO:
        return b"".join(_interval(v) for v in values)
    if dt.id == t.FIXED_SIZE_BINARY:
        if ext == "arrow.uuid":
            values = [v.bytes if isinstance(v, uuid.UUID) else uuid.UUID(v).bytes for v in values]
        elif ext == "boyodb.ipv6":
            values = [ipaddress.IPv6Address(v).packed for v in values]
        values = [bytes(v) for v in values]
        if any(len(v) != dt.byte_width for v in values):
            raise DataError(f"column {field.name!r} takes {dt.byte_width}-byte values")
        return b"".join(values)
    raise NotSupportedError(f"writing Arrow type {dt.name} (column {field.name!r})")


# A stand-in for NULL slots of fixed-width columns; the validity bitmap hides it.
_ZERO = {t.INT: 0, t.FLOAT: 0.0, t.DECIMAL: 0, t.DATE: _EPOCH_DATE, t.TIME: datetime.time(),
         t.TIMESTAMP: _EPOCH, t.INTERVAL: datetime.timedelta()}


def _stand_in(field):
    if field.extension == "arrow.uuid":
        return uuid.UUID(int=0)
    if field.extension == "boyodb.ipv6":
        return "::"
    if field.type.id == t.FIXED_SIZE_BINARY:
        return bytes(field.type.byte_width)
    return _ZERO.get(field.type.id)


def _encode(field, values, body):
    dt = field.type
    valid = [v is not None for v in values]
    nulls = valid.count(False)
    body.nodes.append((len(values), nulls))
    if dt.id == t.NULL:
        return
    body.buffer(_bitmap(valid) if nulls else b"")
    if dt.id == t.BOOL:
        body.buffer(_bitmap([bool(v) for v in values]))
    elif dt.id in (t.UTF8, t.BINARY):
        items = [_variable(field, v) for v in values]
        offsets = [0]
        for item in items:
            offsets.append(offsets[-1] + len(item))
        body.buffer(struct.pack(f"<{len(offsets)}i", *offsets))
        body.buffer(b"".join(items))
    elif dt.id in (t.LIST, t.MAP):
        lists = [[] if v is None else _entries(v) if dt.id == t.MAP else list(v) for v in values]
        offsets = [0]
        for items in lists:
            offsets.append(offsets[-1] + len(items))
        body.buffer(struct.pack(f"<{len(offsets)}i", *offsets))
        flat = [item for items in lists for item in items]
        _encode(field.children[0], flat, body)
    elif dt.id == t.STRUCT:
        rows = [_struct_row(field, v) for v in values]
        for i, child in enumerate(field.children):
            _encode(child, [row[i] for row in rows], body)
    else:
        stand_in = _stand_in(field)
        body.buffer(_fixed(field, [stand_in if v is None else v for v in values]))


def _variable(field, value):
    if value is None:
        return b""
    if field.type.id == t.BINARY:
        return bytes(value)
    if field.extension == "arrow.json" and not isinstance(value, str):
        value = json.dumps(value)
    if "\0" in value:
        raise DataError("text cannot contain NUL (0x00) characters")
    return value.encode("utf-8")


def _entries(value):
    """A MAP value's entries as Struct rows: a dict, or a sequence of (key, value) pairs."""
    pairs = value.items() if isinstance(value, dict) else value
    return [{"key": k, "value": v} for k, v in pairs]


def _struct_row(field, value):
    if value is None:
        return [None] * len(field.children)
    if isinstance(value, dict):
        return [value.get(child.name) for child in field.children]
    row = list(value)
    if len(row) != len(field.children):
        raise DataError(f"column {field.name!r} takes {len(field.children)} struct fields")
    return row


def _plain(field):
    """The field without dictionary encoding: the writer sends plain values."""
    return t.Field(field.name, field.type, field.nullable, [_plain(c) for c in field.children],
                   None, field.metadata)


def write_stream(fields, rows, batch_rows=BATCH_ROWS):
    """An IPC stream of ``rows`` (sequences with one value per field)."""
    fields = [_plain(field) for field in fields]
    out = [schema_message(fields)]
    rows = list(rows)
    for start in range(0, len(rows), batch_rows):
        chunk = rows[start:start + batch_rows]
        for number, row in enumerate(chunk, start + 1):
            if len(row) != len(fields):
                raise DataError(f"row {number} has {len(row)} values for {len(fields)} columns")
        body = _Body()
        for i, field in enumerate(fields):
            _encode(field, [row[i] for row in chunk], body)
        header = record_batch_header(len(chunk), body.nodes, body.buffers)
        out.append(encode_message(RECORD_BATCH, header, body.data))
    out.append(END_OF_STREAM)
    return b"".join(out)

