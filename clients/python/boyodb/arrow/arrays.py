"""Arrow arrays -> Python values: one column of a record batch body at a time.

A RecordBatch message lists one FieldNode (length, null count) per array and its buffers' body
ranges, depth first in schema order (docs: Arrow columnar format, "Buffer layout"). ``Body``
hands them out in that order; ``decode`` consumes exactly the nodes and buffers of one field
and its children and returns the field's values as a list.
"""

import datetime
import decimal
import ipaddress
import re
import struct
import uuid
import zoneinfo

from ..errors import InterfaceError, NotSupportedError
from ..types import Interval
from . import types as t

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1)
EPOCH_DATE = EPOCH.date()
_ONE_MICROSECOND = datetime.timedelta(microseconds=1)
# Microseconds since the epoch of Python's first and last datetime: a value outside them (such
# as BoyoDB's 'infinity', the int64 extremes) becomes datetime.max or datetime.min.
MIN_MICROS = (datetime.datetime.min - EPOCH) // _ONE_MICROSECOND
MAX_MICROS = (datetime.datetime.max - EPOCH) // _ONE_MICROSECOND
MIN_DAYS = (datetime.date.min - EPOCH_DATE).days
MAX_DAYS = (datetime.date.max - EPOCH_DATE).days
MICROS_PER_DAY = 86_400 * 10**6

_MICROS_PER_UNIT = {t.SECOND: 10**6, t.MILLI: 10**3, t.MICRO: 1}
# Eight booleans per possible byte, least significant bit first (Arrow's bit order).
_BITS = [tuple(bool(byte >> i & 1) for i in range(8)) for byte in range(256)]
_INT_FORMATS = {(8, True): "b", (16, True): "h", (32, True): "i", (64, True): "q",
                (8, False): "B", (16, False): "H", (32, False): "I", (64, False): "Q"}
_FLOAT_FORMATS = {t.HALF: "e", t.SINGLE: "f", t.DOUBLE: "d"}


class Body:
    """The nodes and buffers of one record batch, handed out in order."""

    def __init__(self, body, nodes, buffers):
        self.body = memoryview(body)
        self.nodes = nodes
        self.buffers = buffers
        self.node_index = 0
        self.buffer_index = 0

    def node(self):
        if self.node_index >= len(self.nodes):
            raise InterfaceError("Arrow record batch has fewer field nodes than its schema needs")
        length, null_count = self.nodes[self.node_index]
        self.node_index += 1
        if length < 0 or null_count < 0:
            raise InterfaceError("Arrow field node with a negative length")
        return length, null_count

    def buffer(self):
        if self.buffer_index >= len(self.buffers):
            raise InterfaceError("Arrow record batch has fewer buffers than its schema needs")
        offset, length = self.buffers[self.buffer_index]
        self.buffer_index += 1
        if offset < 0 or length < 0 or offset + length > len(self.body):
            raise InterfaceError(f"Arrow buffer [{offset}, +{length}) outside the message body")
        return self.body[offset:offset + length]


class Options:
    """How values are converted: ``json_loads`` parses JSON text (None keeps the text)."""

    def __init__(self, json_loads=None):
        self.json_loads = json_loads


def _validity(buffer, length, null_count):
    """A list of booleans (True: not null), or None when every value is valid."""
    if null_count == 0:
        return None
    if len(buffer) * 8 < length:
        raise InterfaceError("Arrow validity bitmap shorter than its array")
    return unpack_bits(buffer, length)


def unpack_bits(buffer, length):
    bits = []
    for byte in bytes(buffer[:(length + 7) // 8]):
        bits.extend(_BITS[byte])
    del bits[length:]
    return bits


def _mask(values, valid):
    if valid is None:
        return values
    return [value if ok else None for value, ok in zip(values, valid)]


def _unpack(fmt, buffer, count, what="values"):
    size = struct.calcsize(fmt) * count
    if len(buffer) < size:
        raise InterfaceError(f"Arrow {what} buffer shorter than its array")
    return list(struct.unpack_from(f"<{count}{fmt}", buffer))


def _offsets(buffer, length, large):
    offsets = _unpack("q" if large else "i", buffer, length + 1, "offsets") if length else [0]
    if offsets[0] < 0 or any(b < a for a, b in zip(offsets, offsets[1:])):
        raise InterfaceError("Arrow offsets are negative or decreasing")
    return offsets


def timezone_of(name):
    """A tzinfo for an Arrow timestamp's time zone: a ±HH:MM offset or an IANA name."""
    if name.upper() in ("UTC", "Z", "+00:00", "ETC/UTC"):
        return UTC
    match = re.fullmatch(r"([+-])(\d\d):?(\d\d)", name)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        return datetime.timezone(sign * datetime.timedelta(hours=int(match.group(2)),
                                                          minutes=int(match.group(3))))
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise NotSupportedError(f"unknown Arrow timestamp time zone {name!r}") from error


def micros_to_datetime(micros, tz=None):
    """``datetime`` of microseconds since the epoch; beyond Python's range: datetime.max/min
    (BoyoDB sends 'infinity' and '-infinity' as the int64 extremes)."""
    if micros > MAX_MICROS:
        value = datetime.datetime.max
    elif micros < MIN_MICROS:
        value = datetime.datetime.min
    else:
        value = EPOCH + datetime.timedelta(microseconds=micros)
    if tz is None:
        return value
    value = value.replace(tzinfo=UTC)
    if tz is UTC:
        return value
    try:
        return value.astimezone(tz)
    except OverflowError:  # Within a day of datetime.max or datetime.min.
        return value


def days_to_date(days):
    """``date`` of days since the epoch; beyond Python's range: date.max/date.min."""
    if days > MAX_DAYS:
        return datetime.date.max
    if days < MIN_DAYS:
        return datetime.date.min
    return EPOCH_DATE + datetime.timedelta(days=days)


def micros_to_time(micros):
    """``time`` of microseconds since midnight; 24:00:00 (and anything past it) is time.max,
    since Python's time stops at 23:59:59.999999."""
    if micros >= MICROS_PER_DAY:
        return datetime.time.max
    if micros < 0:
        return datetime.time.min
    seconds, micro = divmod(micros, 10**6)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return datetime.time(hour, minute, second, micro)


def _to_micros(values, unit):
    if unit == t.NANO:
        return [v // 1000 for v in values]
    factor = _MICROS_PER_UNIT[unit]
    return values if factor == 1 else [v * factor for v in values]


def _decimal(raw, scale):
    # From text, which is exact: arithmetic such as scaleb() would round to the context's
    # 28 digits, and DECIMAL has up to 38.
    return decimal.Decimal(f"{raw}E{-scale}")


def _fixed_width(field, buffer, length):
    """Values of a fixed-width primitive type, before the validity mask."""
    dt, ext = field.type, field.extension
    if dt.id == t.INT:
        fmt = _INT_FORMATS.get((dt.bit_width, dt.signed))
        if fmt is None:
            raise InterfaceError(f"Arrow Int of {dt.bit_width} bits")
        values = _unpack(fmt, buffer, length)
        if ext == "boyodb.ipv4" and fmt == "I":
            return [ipaddress.IPv4Address(v) for v in values]
        return values
    if dt.id == t.FLOAT:
        return _unpack(_FLOAT_FORMATS[dt.precision], buffer, length)
    if dt.id == t.DECIMAL:
        width = dt.bit_width // 8
        if width not in (4, 8, 16, 32) or len(buffer) < width * length:
            raise InterfaceError(f"Arrow Decimal of {dt.bit_width} bits")
        raw = bytes(buffer[:width * length])
        return [_decimal(int.from_bytes(raw[i:i + width], "little", signed=True), dt.scale)
                for i in range(0, width * length, width)]
    if dt.id == t.DATE:
        if dt.unit == t.DAY:
            return [days_to_date(v) for v in _unpack("i", buffer, length)]
        return [days_to_date(v // 86_400_000) for v in _unpack("q", buffer, length)]
    if dt.id == t.TIME:
        raw = _unpack("q" if dt.bit_width == 64 else "i", buffer, length)
        return [micros_to_time(v) for v in _to_micros(raw, dt.unit)]
    if dt.id == t.TIMESTAMP:
        tz = timezone_of(dt.timezone) if dt.timezone else None
        micros = _to_micros(_unpack("q", buffer, length), dt.unit)
        return [micros_to_datetime(v, tz) for v in micros]
    if dt.id == t.DURATION:
        micros = _to_micros(_unpack("q", buffer, length), dt.unit)
        return [datetime.timedelta(microseconds=v) for v in micros]
    if dt.id == t.INTERVAL:
        if dt.unit == t.YEAR_MONTH:
            return [Interval(v).to_python() for v in _unpack("i", buffer, length)]
        if dt.unit == t.DAY_TIME:
            pairs = _unpack("i", buffer, 2 * length)
            return [Interval(0, days, ms * 10**6).to_python()
                    for days, ms in zip(pairs[::2], pairs[1::2])]
        if len(buffer) < 16 * length:
            raise InterfaceError("Arrow values buffer shorter than its array")
        return [Interval(*parts).to_python()
                for parts in struct.iter_unpack("<iiq", buffer[:16 * length])]
    if dt.id == t.FIXED_SIZE_BINARY:
        width = dt.byte_width
        if width < 0 or len(buffer) < width * length:
            raise InterfaceError("Arrow values buffer shorter than its array")
        raw = bytes(buffer[:width * length])
        values = [raw[i:i + width] for i in range(0, width * length, width)]
        if ext == "arrow.uuid" and width == 16:
            return [uuid.UUID(bytes=v) for v in values]
        if ext == "boyodb.ipv6" and width == 16:
            return [ipaddress.IPv6Address(v) for v in values]
        return values
    raise NotSupportedError(f"Arrow type {dt.name} of column {field.name!r}")


def decode(field, body, dictionaries, options):
    """The Python values of ``field`` in the record batch ``body``."""
    length, null_count = body.node()
    dt = field.type
    if dt.id == t.NULL:
        return [None] * length
    valid = _validity(body.buffer(), length, null_count)
    if field.dictionary is not None:
        index = field.dictionary.index_type
        fmt = _INT_FORMATS.get((index.bit_width, index.signed))
        if fmt is None or fmt == "Q":
            raise NotSupportedError(f"dictionary index type of column {field.name!r}")
        values = dictionaries.get(field.dictionary.id)
        if values is None:
            raise InterfaceError(f"Arrow dictionary {field.dictionary.id} used before it was sent")
        indices = _mask(_unpack(fmt, body.buffer(), length, "indices"), valid)
        present = [i for i in indices if i is not None]
        if present and (min(present) < 0 or max(present) >= len(values)):
            raise InterfaceError(f"Arrow dictionary index out of range in {field.name!r}")
        values = [None if i is None else values[i] for i in indices]
        return _convert_json(field, values, options)
    if dt.id == t.BOOL:
        buffer = body.buffer()
        if len(buffer) * 8 < length:
            raise InterfaceError("Arrow values buffer shorter than its array")
        return _mask(unpack_bits(buffer, length), valid)
    if dt.id in (t.UTF8, t.BINARY, t.LARGE_UTF8, t.LARGE_BINARY):
        offsets = _offsets(body.buffer(), length, dt.id in (t.LARGE_UTF8, t.LARGE_BINARY))
        data = body.buffer()
        if offsets[-1] > len(data):
            raise InterfaceError(f"Arrow offsets of {field.name!r} point past its data")
        raw = bytes(data[offsets[0]:offsets[-1]])
        base = offsets[0]
        values = [raw[a - base:b - base] for a, b in zip(offsets, offsets[1:])]
        if dt.id in (t.UTF8, t.LARGE_UTF8):
            values = [v.decode("utf-8", "replace") for v in values]
        return _convert_json(field, _mask(values, valid), options)
    if dt.id in (t.LIST, t.LARGE_LIST, t.MAP):
        offsets = _offsets(body.buffer(), length, dt.id == t.LARGE_LIST)
        if len(field.children) != 1:
            raise InterfaceError(f"Arrow {dt.name} {field.name!r} needs one child")
        if dt.id == t.MAP:
            children = _map_entries(field.children[0], body, dictionaries, options)
        else:
            children = decode(field.children[0], body, dictionaries, options)
        if offsets[-1] > len(children):
            raise InterfaceError(f"Arrow offsets of {field.name!r} point past its child")
        values = [children[a:b] for a, b in zip(offsets, offsets[1:])]
        if dt.id == t.MAP:
            values = [_to_dict(pairs) for pairs in values]
        return _mask(values, valid)
    if dt.id == t.FIXED_SIZE_LIST:
        size = dt.list_size
        children = decode(field.children[0], body, dictionaries, options)
        if size < 0 or len(children) < size * length:
            raise InterfaceError(f"Arrow child of {field.name!r} is too short")
        return _mask([children[i * size:(i + 1) * size] for i in range(length)], valid)
    if dt.id == t.STRUCT:
        names = [child.name for child in field.children]
        columns = [decode(child, body, dictionaries, options) for child in field.children]
        if any(len(column) < length for column in columns):
            raise InterfaceError(f"Arrow child of {field.name!r} is too short")
        return _mask([dict(zip(names, row)) for row in zip(*columns)][:length] if columns
                     else [{} for _ in range(length)], valid)
    return _mask(_fixed_width(field, body.buffer(), length), valid)


def _map_entries(entries, body, dictionaries, options):
    """(key, value) pairs of a Map's ``entries`` struct child."""
    if entries.type.id != t.STRUCT or len(entries.children) != 2:
        raise InterfaceError("Arrow Map entries must be a struct of key and value")
    length, null_count = body.node()
    body.buffer()  # The entries are non-null; their validity bitmap carries nothing.
    keys = decode(entries.children[0], body, dictionaries, options)
    values = decode(entries.children[1], body, dictionaries, options)
    if len(keys) < length or len(values) < length:
        raise InterfaceError("Arrow Map keys or values are too short")
    return list(zip(keys[:length], values[:length]))


def _to_dict(pairs):
    """A dict of a map's pairs, or the list of pairs when a key cannot be a dict key."""
    try:
        return dict(pairs)
    except TypeError:
        return pairs


def _convert_json(field, values, options):
    if field.extension != "arrow.json" or options.json_loads is None:
        return values
    loads = options.json_loads
    return [None if v is None else loads(v) for v in values]
