"""Unit tests of the Arrow IPC reader on streams built by hand, buffer by buffer.

The buffers below are written out byte for byte (bitmaps, offsets, indices) rather than by the
package's own row writer, so that layouts the writer never produces are covered: offsets that
do not start at 0 (a sliced array), delta and replacement dictionaries, legacy framing.
"""

import datetime
import decimal
import ipaddress
import json
import struct
import unittest
import uuid

import boyodb
from boyodb.arrow import types as t
from boyodb.arrow.flatbuffers import TableValue, build, root
from boyodb.arrow.ipc import DICTIONARY_BATCH, RECORD_BATCH, StreamReader, bytes_reader, \
    read_stream
from boyodb.arrow.writer import END_OF_STREAM, dictionary_batch_header, encode_message, \
    record_batch_header, schema_message, write_stream
from boyodb.protocol import ResultFrames

INT32 = t.DataType(t.INT, bit_width=32, signed=True)
INT8 = t.DataType(t.INT, bit_width=8, signed=True)
UTF8 = t.DataType(t.UTF8)


def pack(fmt, *values):
    return struct.pack(f"<{len(values)}{fmt}", *values)


def bitmap(*bits):
    out = bytearray((len(bits) + 7) // 8)
    for i, bit in enumerate(bits):
        if bit:
            out[i // 8] |= 1 << (i % 8)
    return bytes(out)


class Batch:
    """Field nodes and buffers in the order the reader consumes them."""

    def __init__(self, length):
        self.length = length
        self.nodes = []
        self.buffers = []
        self.body = bytearray()

    def node(self, length, null_count=0):
        self.nodes.append((length, null_count))
        return self

    def buffer(self, data=b""):
        self.buffers.append((len(self.body), len(data)))
        self.body += data + bytes(-len(data) % 8)
        return self

    def header(self):
        return record_batch_header(self.length, self.nodes, self.buffers)

    def message(self):
        return encode_message(RECORD_BATCH, self.header(), self.body)

    def dictionary(self, dictionary_id, is_delta=False):
        return encode_message(DICTIONARY_BATCH,
                              dictionary_batch_header(dictionary_id, self.header(), is_delta),
                              self.body)


def rows(stream, json_loads=None):
    _, batches = read_stream(stream, json_loads)
    return [row for batch in batches for row in batch.rows()]


def column(field, batch):
    """The values of a one-column stream."""
    return [row[0] for row in rows(schema_message([field]) + batch.message() + END_OF_STREAM)]


class PrimitiveTest(unittest.TestCase):
    def test_validity_bitmap_across_bytes(self):
        valid = [i % 3 != 1 for i in range(11)]
        batch = Batch(11).node(11, valid.count(False)).buffer(bitmap(*valid))
        batch.buffer(pack("i", *range(11)))
        expected = [i if ok else None for i, ok in zip(range(11), valid)]
        self.assertEqual(column(t.Field("a", INT32), batch), expected)

    def test_no_bitmap_when_no_nulls(self):
        batch = Batch(3).node(3).buffer().buffer(pack("q", -1, 0, 2**63 - 1))
        self.assertEqual(column(t.Field("a", t.DataType(t.INT, bit_width=64, signed=True)), batch),
                         [-1, 0, 2**63 - 1])

    def test_unsigned_and_bool_and_float(self):
        batch = Batch(2).node(2).buffer().buffer(pack("Q", 2**64 - 1, 0))
        self.assertEqual(column(t.Field("u", t.DataType(t.INT, bit_width=64)), batch),
                         [2**64 - 1, 0])
        batch = Batch(3).node(3, 1).buffer(bitmap(1, 0, 1)).buffer(bitmap(1, 1, 0))
        self.assertEqual(column(t.Field("b", t.DataType(t.BOOL)), batch), [True, None, False])
        batch = Batch(2).node(2).buffer().buffer(pack("f", 1.5, float("-inf")))
        self.assertEqual(column(t.Field("f", t.DataType(t.FLOAT, precision=t.SINGLE)), batch),
                         [1.5, float("-inf")])

    def test_sliced_offsets(self):
        # A slice: the offsets start at 3, not 0, and the data has bytes before and after.
        data = b"xxxab\xc3\xa9cdzz"
        batch = Batch(4).node(4, 1).buffer(bitmap(1, 1, 0, 1)).buffer(pack("i", 3, 5, 7, 7, 9))
        batch.buffer(data)
        self.assertEqual(column(t.Field("s", UTF8), batch), ["ab", "é", None, "cd"])
        batch = Batch(2).node(2).buffer().buffer(pack("i", 1, 1, 3)).buffer(b"\x00\x01\x02")
        self.assertEqual(column(t.Field("b", t.DataType(t.BINARY)), batch), [b"", b"\x01\x02"])

    def test_decimal(self):
        values = [-12345678901234567890123456789012345678, 5, 0]
        raw = b"".join(v.to_bytes(16, "little", signed=True) for v in values)
        batch = Batch(3).node(3).buffer().buffer(raw)
        field = t.Field("d", t.DataType(t.DECIMAL, precision=38, scale=2, bit_width=128))
        self.assertEqual(column(field, batch),
                         [decimal.Decimal("-123456789012345678901234567890123456.78"),
                          decimal.Decimal("0.05"), decimal.Decimal("0.00")])

    def test_dates_times_and_sentinels(self):
        batch = Batch(3).node(3).buffer().buffer(pack("i", 19000, 2**31 - 1, -2**31))
        self.assertEqual(column(t.Field("d", t.DataType(t.DATE, unit=t.DAY)), batch),
                         [datetime.date(2022, 1, 8), datetime.date.max, datetime.date.min])
        batch = Batch(2).node(2).buffer().buffer(pack("q", 3_723_000_004, 86_400_000_000))
        field = t.Field("t", t.DataType(t.TIME, unit=t.MICRO, bit_width=64))
        self.assertEqual(column(field, batch), [datetime.time(1, 2, 3, 4), datetime.time.max])
        micros = [1_600_000_000_123_456, 2**63 - 1, -2**63]
        batch = Batch(3).node(3).buffer().buffer(pack("q", *micros))
        naive = column(t.Field("ts", t.DataType(t.TIMESTAMP, unit=t.MICRO)), batch)
        self.assertEqual(naive, [datetime.datetime(2020, 9, 13, 12, 26, 40, 123456),
                                 datetime.datetime.max, datetime.datetime.min])
        utc = datetime.timezone.utc
        aware = column(t.Field("tz", t.DataType(t.TIMESTAMP, unit=t.MICRO, timezone="UTC")), batch)
        self.assertEqual(aware, [value.replace(tzinfo=utc) for value in naive])
        self.assertIs(aware[0].tzinfo, utc)

    def test_interval(self):
        raw = struct.pack("<iiq", 0, 2, 3_000_000_000) + struct.pack("<iiq", 14, -1, 5)
        batch = Batch(2).node(2).buffer().buffer(raw)
        field = t.Field("iv", t.DataType(t.INTERVAL, unit=t.MONTH_DAY_NANO))
        self.assertEqual(column(field, batch),
                         [datetime.timedelta(days=2, seconds=3), boyodb.Interval(14, -1, 5)])

    def test_extensions(self):
        value = uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
        batch = Batch(1).node(1).buffer().buffer(value.bytes)
        field = t.Field("u", t.DataType(t.FIXED_SIZE_BINARY, byte_width=16),
                        metadata={t.EXTENSION_NAME: "arrow.uuid"})
        self.assertEqual(column(field, batch), [value])
        field.metadata[t.EXTENSION_NAME] = "boyodb.ipv6"
        self.assertEqual(column(field, batch), [ipaddress.IPv6Address(value.bytes)])
        batch = Batch(1).node(1).buffer().buffer(pack("I", 0x0A000001))
        field = t.Field("v4", t.DataType(t.INT, bit_width=32),
                        metadata={t.EXTENSION_NAME: "boyodb.ipv4"})
        self.assertEqual(column(field, batch), [ipaddress.IPv4Address("10.0.0.1")])


class ForeignLayoutTest(unittest.TestCase):
    """Layouts other Arrow writers use and BoyoDB does not send."""

    def test_large_utf8_and_fixed_size_list(self):
        batch = Batch(2).node(2).buffer().buffer(pack("q", 0, 1, 3)).buffer(b"abc")
        self.assertEqual(column(t.Field("s", t.DataType(t.LARGE_UTF8)), batch), ["a", "bc"])
        field = t.Field("f", t.DataType(t.FIXED_SIZE_LIST, list_size=2),
                        children=[t.Field("item", INT32)])
        batch = Batch(2).node(2, 1).buffer(bitmap(0, 1)).node(4).buffer()
        batch.buffer(pack("i", 0, 0, 5, 6))
        self.assertEqual(column(field, batch), [None, [5, 6]])

    def test_other_time_units(self):
        batch = Batch(1).node(1).buffer().buffer(pack("q", 86_400_000 * 3 + 5))
        self.assertEqual(column(t.Field("d", t.DataType(t.DATE, unit=t.MILLISECOND)), batch),
                         [datetime.date(1970, 1, 4)])
        batch = Batch(1).node(1).buffer().buffer(pack("q", 1_500_000_999))
        field = t.Field("ts", t.DataType(t.TIMESTAMP, unit=t.NANO, timezone="+05:30"))
        (value,) = column(field, batch)
        self.assertEqual(value, datetime.datetime(1970, 1, 1, 0, 0, 1, 500000,
                                                  tzinfo=datetime.timezone.utc))
        self.assertEqual(value.utcoffset(), datetime.timedelta(hours=5, minutes=30))
        field = t.Field("du", t.DataType(t.DURATION, unit=t.SECOND))
        batch = Batch(1).node(1).buffer().buffer(pack("q", -90))
        self.assertEqual(column(field, batch), [datetime.timedelta(seconds=-90)])

    def test_decimal64(self):
        batch = Batch(1).node(1).buffer().buffer(pack("q", -12345))
        field = t.Field("d", t.DataType(t.DECIMAL, precision=10, scale=3, bit_width=64))
        self.assertEqual(column(field, batch), [decimal.Decimal("-12.345")])


class NestedTest(unittest.TestCase):
    def test_list_with_null_lists_and_items(self):
        item = t.Field("item", INT32)
        field = t.Field("l", t.DataType(t.LIST), children=[item])
        batch = Batch(3).node(3, 1).buffer(bitmap(1, 0, 1)).buffer(pack("i", 0, 2, 2, 3))
        batch.node(3, 1).buffer(bitmap(1, 0, 1)).buffer(pack("i", 7, 0, 9))
        self.assertEqual(column(field, batch), [[7, None], None, [9]])

    def test_map_and_unhashable_keys(self):
        def map_field(key_type, key_children=()):
            entries = t.Field("entries", t.DataType(t.STRUCT), False,
                              [t.Field("key", key_type, False, key_children),
                               t.Field("value", INT32)])
            return t.Field("m", t.DataType(t.MAP), children=[entries])

        batch = Batch(2).node(2).buffer().buffer(pack("i", 0, 2, 2))
        batch.node(2).buffer()
        batch.node(2).buffer().buffer(pack("i", 0, 1, 2)).buffer(b"ab")
        batch.node(2, 1).buffer(bitmap(1, 0)).buffer(pack("i", 1, 0))
        self.assertEqual(column(map_field(UTF8), batch), [{"a": 1, "b": None}, {}])
        # Keys that are lists cannot be dict keys: the value is the list of pairs.
        batch = Batch(1).node(1).buffer().buffer(pack("i", 0, 1))
        batch.node(1).buffer()
        batch.node(1).buffer().buffer(pack("i", 0, 2))
        batch.node(2).buffer().buffer(pack("i", 4, 5))
        batch.node(1).buffer().buffer(pack("i", 6))
        field = map_field(t.DataType(t.LIST), [t.Field("item", INT32)])
        self.assertEqual(column(field, batch), [[([4, 5], 6)]])

    def test_struct_with_null_rows(self):
        field = t.Field("s", t.DataType(t.STRUCT),
                        children=[t.Field("x", INT32), t.Field("y", UTF8)])
        batch = Batch(2).node(2, 1).buffer(bitmap(0, 1))
        batch.node(2).buffer().buffer(pack("i", 0, 8))
        batch.node(2).buffer().buffer(pack("i", 0, 0, 1)).buffer(b"z")
        self.assertEqual(column(field, batch), [None, {"x": 8, "y": "z"}])

    def test_null_type_has_no_buffers(self):
        batch = Batch(2).node(2, 2).node(2).buffer().buffer(pack("i", 1, 2))
        stream = (schema_message([t.Field("n", t.DataType(t.NULL)), t.Field("a", INT32)])
                  + batch.message() + END_OF_STREAM)
        self.assertEqual(rows(stream), [(None, 1), (None, 2)])


def dictionary_field(index_type=INT8, metadata=None):
    return t.Field("s", UTF8, children=(), dictionary=t.DictionaryEncoding(0, index_type),
                   metadata=metadata)


def dictionary_values(*values):
    data = b"".join(v.encode() for v in values)
    offsets = [0]
    for value in values:
        offsets.append(offsets[-1] + len(value.encode()))
    return Batch(len(values)).node(len(values)).buffer().buffer(pack("i", *offsets)).buffer(data)


class DictionaryTest(unittest.TestCase):
    def test_delta_and_replacement(self):
        stream = (schema_message([dictionary_field()])
                  + dictionary_values("a", "b").dictionary(0)
                  + Batch(4).node(4, 1).buffer(bitmap(1, 1, 0, 1)).buffer(pack("b", 0, 1, 0, 0))
                  .message()
                  + dictionary_values("c").dictionary(0, is_delta=True)
                  + Batch(2).node(2).buffer().buffer(pack("b", 2, 1)).message()
                  + dictionary_values("z").dictionary(0)
                  + Batch(1).node(1).buffer().buffer(pack("b", 0)).message()
                  + END_OF_STREAM)
        reader = StreamReader(bytes_reader(stream))
        first = next(reader)
        self.assertEqual(first.rows(), [("a",), ("b",), (None,), ("a",)])
        self.assertEqual(reader.dictionaries[0], ["a", "b"])
        self.assertEqual(next(reader).rows(), [("c",), ("b",)])
        self.assertEqual(reader.dictionaries[0], ["a", "b", "c"])
        self.assertEqual(next(reader).rows(), [("z",)])
        self.assertEqual(reader.dictionaries[0], ["z"])
        self.assertEqual(list(reader), [])

    def test_int32_indices_and_json_values_parsed_per_row(self):
        field = dictionary_field(INT32, {t.EXTENSION_NAME: "arrow.json"})
        stream = (schema_message([field]) + dictionary_values('{"k": [1]}').dictionary(0)
                  + Batch(2).node(2).buffer().buffer(pack("i", 0, 0)).message() + END_OF_STREAM)
        (first,), (second,) = rows(stream, json.loads)
        self.assertEqual(first, {"k": [1]})
        self.assertEqual(second, first)
        self.assertIsNot(first, second)  # Each row owns its object.
        self.assertEqual(rows(stream), [('{"k": [1]}',), ('{"k": [1]}',)])

    def test_index_out_of_range(self):
        stream = (schema_message([dictionary_field()]) + dictionary_values("a").dictionary(0)
                  + Batch(1).node(1).buffer().buffer(pack("b", 1)).message() + END_OF_STREAM)
        with self.assertRaises(boyodb.InterfaceError):
            rows(stream)

    def test_missing_dictionary(self):
        stream = (schema_message([dictionary_field()])
                  + Batch(1).node(1).buffer().buffer(pack("b", 0)).message())
        with self.assertRaises(boyodb.InterfaceError):
            rows(stream)


class FramingTest(unittest.TestCase):
    def simple_stream(self):
        batch = Batch(2).node(2).buffer().buffer(pack("i", 1, 2))
        return schema_message([t.Field("a", INT32)]) + batch.message() + END_OF_STREAM

    def test_legacy_framing_and_missing_end_marker(self):
        # Before Arrow 0.15 messages had no 0xFFFFFFFF marker; a stream may also just stop.
        stream = self.simple_stream()
        legacy = stream.replace(b"\xff\xff\xff\xff", b"")[:-4]
        self.assertEqual(rows(legacy), [(1,), (2,)])

    def test_truncated_stream(self):
        stream = self.simple_stream()
        for cut in (3, 9, 30, len(stream) - 12):
            with self.subTest(cut=cut), self.assertRaises(boyodb.InterfaceError):
                rows(stream[:cut])

    def test_garbage_metadata(self):
        with self.assertRaises(boyodb.InterfaceError):
            rows(b"\xff\xff\xff\xff\x08\x00\x00\x00" + b"\xee" * 8)

    def test_compressed_body_is_not_supported(self):
        header = TableValue((0, "<q", 0), (3, "offset", TableValue((0, "<b", 1))))
        stream = (schema_message([t.Field("a", INT32)]) + encode_message(RECORD_BATCH, header)
                  + END_OF_STREAM)
        with self.assertRaises(boyodb.NotSupportedError):
            rows(stream)

    def test_schema_round_trip(self):
        fields = [dictionary_field(metadata={"k": "v"}),
                  t.Field("l", t.DataType(t.LIST), False, [t.Field("item", INT32)]),
                  t.Field("ts", t.DataType(t.TIMESTAMP, unit=t.MICRO, timezone="UTC"))]
        schema = t.read_schema(root(build(t.schema_table(t.Schema(fields, {"a": "b"})))))
        self.assertEqual([f.name for f in schema.fields], ["s", "l", "ts"])
        self.assertEqual(schema.metadata, {"a": "b"})
        self.assertEqual(schema.fields[0].metadata, {"k": "v"})
        self.assertEqual(schema.fields[0].dictionary.index_type.bit_width, 8)
        self.assertFalse(schema.fields[1].nullable)
        self.assertEqual(schema.fields[1].children[0].type.bit_width, 32)
        self.assertEqual(schema.fields[2].type.timezone, "UTC")


class WriterTest(unittest.TestCase):
    def test_rows_round_trip(self):
        fields = [t.Field("a", INT32), t.Field("s", UTF8),
                  t.Field("l", t.DataType(t.LIST), children=[t.Field("item", UTF8)])]
        data = [(1, "x", ["p", None]), (None, None, None), (3, "", [])]
        self.assertEqual(rows(write_stream(fields, data, batch_rows=2)), data)


class FakeTransport:
    def __init__(self, frames):
        self.frames = list(frames)

    def receive(self):
        return self.frames.pop(0)


class ResultFramesTest(unittest.TestCase):
    def test_messages_split_across_frames(self):
        stream = FramingTest().simple_stream()
        frames = ResultFrames(FakeTransport([stream[:5], stream[5:50], stream[50:], b""]))
        reader = StreamReader(frames.read)
        self.assertEqual([row for batch in reader for row in batch.rows()], [(1,), (2,)])

    def test_error_frame_ends_the_result(self):
        stream = FramingTest().simple_stream()
        error = b'{"status":"error","code":"53200","message":"out of memory"}'
        transport = FakeTransport([stream[:-8], error, b"unread"])
        reader = StreamReader(ResultFrames(transport).read)
        next(reader)
        with self.assertRaises(boyodb.OperationalError) as caught:
            next(reader)
        self.assertEqual(caught.exception.sqlstate, "53200")
        self.assertEqual(transport.frames, [b"unread"])

    def test_buffer_rest_frees_the_connection(self):
        stream = FramingTest().simple_stream()
        transport = FakeTransport([stream, b"", b"next response"])
        frames = ResultFrames(transport)
        frames.buffer_rest()
        self.assertEqual(transport.frames, [b"next response"])
        self.assertEqual(len(list(StreamReader(frames.read))), 1)


if __name__ == "__main__":
    unittest.main()
