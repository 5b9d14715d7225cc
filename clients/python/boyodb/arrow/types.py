"""Arrow's logical types and fields, read from and written to Schema.fbs FlatBuffers.

Only what a reader needs to lay out buffers and convert values is kept. The numbers below are
the wire values of Schema.fbs's enums and of the ``Type`` union (a member's 1-based position),
which the Arrow specification fixes for ever.
"""

from .flatbuffers import TableValue, TableVector

# Type union members.
NULL, INT, FLOAT, BINARY, UTF8, BOOL, DECIMAL, DATE, TIME, TIMESTAMP, INTERVAL, LIST, STRUCT, \
    UNION, FIXED_SIZE_BINARY, FIXED_SIZE_LIST, MAP, DURATION, LARGE_BINARY, LARGE_UTF8, \
    LARGE_LIST, RUN_END_ENCODED, BINARY_VIEW, UTF8_VIEW, LIST_VIEW, LARGE_LIST_VIEW = range(1, 27)

TYPE_NAMES = {
    NULL: "Null", INT: "Int", FLOAT: "FloatingPoint", BINARY: "Binary", UTF8: "Utf8",
    BOOL: "Bool", DECIMAL: "Decimal", DATE: "Date", TIME: "Time", TIMESTAMP: "Timestamp",
    INTERVAL: "Interval", LIST: "List", STRUCT: "Struct", UNION: "Union",
    FIXED_SIZE_BINARY: "FixedSizeBinary", FIXED_SIZE_LIST: "FixedSizeList", MAP: "Map",
    DURATION: "Duration", LARGE_BINARY: "LargeBinary", LARGE_UTF8: "LargeUtf8",
    LARGE_LIST: "LargeList", RUN_END_ENCODED: "RunEndEncoded", BINARY_VIEW: "BinaryView",
    UTF8_VIEW: "Utf8View", LIST_VIEW: "ListView", LARGE_LIST_VIEW: "LargeListView",
}

# Enums.
HALF, SINGLE, DOUBLE = 0, 1, 2                     # Precision
DAY, MILLISECOND = 0, 1                            # DateUnit
SECOND, MILLI, MICRO, NANO = 0, 1, 2, 3            # TimeUnit
YEAR_MONTH, DAY_TIME, MONTH_DAY_NANO = 0, 1, 2     # IntervalUnit

EXTENSION_NAME = "ARROW:extension:name"
EXTENSION_METADATA = "ARROW:extension:metadata"


class DataType:
    """One Arrow type: ``id`` is its Type union member, the other attributes its parameters
    (those that do not apply keep their defaults)."""

    __slots__ = ("id", "bit_width", "signed", "precision", "scale", "unit", "timezone",
                 "byte_width", "list_size", "keys_sorted")

    def __init__(self, type_id, *, bit_width=0, signed=False, precision=0, scale=0, unit=0,
                 timezone=None, byte_width=0, list_size=0, keys_sorted=False):
        self.id = type_id
        self.bit_width = bit_width
        self.signed = signed
        self.precision = precision
        self.scale = scale
        self.unit = unit
        self.timezone = timezone
        self.byte_width = byte_width
        self.list_size = list_size
        self.keys_sorted = keys_sorted

    @property
    def name(self):
        return TYPE_NAMES.get(self.id, f"type#{self.id}")

    def __repr__(self):
        return f"DataType({self.name})"


class DictionaryEncoding:
    __slots__ = ("id", "index_type", "ordered")

    def __init__(self, dictionary_id, index_type, ordered=False):
        self.id = dictionary_id
        self.index_type = index_type
        self.ordered = ordered


class Field:
    """A column or a nested child: name, type, nullability, children, metadata, and the
    dictionary encoding when the column's values are sent as indices."""

    __slots__ = ("name", "type", "nullable", "children", "dictionary", "metadata")

    def __init__(self, name, data_type, nullable=True, children=(), dictionary=None,
                 metadata=None):
        self.name = name
        self.type = data_type
        self.nullable = nullable
        self.children = list(children)
        self.dictionary = dictionary
        self.metadata = dict(metadata or {})

    @property
    def extension(self):
        """The extension type name (``arrow.json``, ``arrow.uuid``, ``boyodb.ipv4``...)."""
        return self.metadata.get(EXTENSION_NAME)

    def __repr__(self):
        return f"Field({self.name!r}, {self.type.name}, nullable={self.nullable})"


# --- Reading ----------------------------------------------------------------------------------


def read_type(type_id, table):
    """The DataType of union member ``type_id`` with parameter table ``table`` (may be None
    for members that have no parameters, or when a writer left them out)."""
    if table is None:
        return DataType(type_id)
    if type_id == INT:
        return DataType(INT, bit_width=table.scalar(0, "<i"), signed=table.scalar(1, "<?", False))
    if type_id == FLOAT:
        return DataType(FLOAT, precision=table.scalar(0, "<h"))
    if type_id == DECIMAL:
        return DataType(DECIMAL, precision=table.scalar(0, "<i"), scale=table.scalar(1, "<i"),
                        bit_width=table.scalar(2, "<i", 128))
    if type_id == DATE:
        return DataType(DATE, unit=table.scalar(0, "<h", MILLISECOND))
    if type_id == TIME:
        return DataType(TIME, unit=table.scalar(0, "<h", MILLI),
                        bit_width=table.scalar(1, "<i", 32))
    if type_id == TIMESTAMP:
        return DataType(TIMESTAMP, unit=table.scalar(0, "<h"), timezone=table.string(1) or None)
    if type_id == INTERVAL:
        return DataType(INTERVAL, unit=table.scalar(0, "<h"))
    if type_id == DURATION:
        return DataType(DURATION, unit=table.scalar(0, "<h", MILLI))
    if type_id == FIXED_SIZE_BINARY:
        return DataType(FIXED_SIZE_BINARY, byte_width=table.scalar(0, "<i"))
    if type_id == FIXED_SIZE_LIST:
        return DataType(FIXED_SIZE_LIST, list_size=table.scalar(0, "<i"))
    if type_id == MAP:
        return DataType(MAP, keys_sorted=table.scalar(0, "<?", False))
    return DataType(type_id)


def read_metadata(table, slot):
    return {kv.string(0) or "": kv.string(1) or "" for kv in table.tables(slot)}


def read_field(table, depth=0):
    if depth > 64:
        raise ValueError("Arrow schema nested more than 64 levels deep")
    data_type = read_type(table.scalar(2, "<B"), table.table(3))
    dictionary = None
    encoding = table.table(4)
    if encoding is not None:
        index = encoding.table(1)
        index_type = (DataType(INT, bit_width=32, signed=True) if index is None
                      else read_type(INT, index))
        dictionary = DictionaryEncoding(encoding.scalar(0, "<q"), index_type,
                                        encoding.scalar(2, "<?", False))
    return Field(table.string(0) or "", data_type, table.scalar(1, "<?", False),
                 [read_field(child, depth + 1) for child in table.tables(5)], dictionary,
                 read_metadata(table, 6))


class Schema:
    __slots__ = ("fields", "metadata", "big_endian")

    def __init__(self, fields, metadata=None, big_endian=False):
        self.fields = list(fields)
        self.metadata = dict(metadata or {})
        self.big_endian = big_endian


def read_schema(table):
    return Schema([read_field(field) for field in table.tables(1)], read_metadata(table, 2),
                  table.scalar(0, "<h") == 1)


# --- Writing ----------------------------------------------------------------------------------


def _type_table(data_type):
    t = data_type
    if t.id == INT:
        return TableValue((0, "<i", t.bit_width), (1, "<?", t.signed))
    if t.id == FLOAT:
        return TableValue((0, "<h", t.precision))
    if t.id == DECIMAL:
        return TableValue((0, "<i", t.precision), (1, "<i", t.scale), (2, "<i", t.bit_width))
    if t.id in (DATE, INTERVAL, DURATION):
        return TableValue((0, "<h", t.unit))
    if t.id == TIME:
        return TableValue((0, "<h", t.unit), (1, "<i", t.bit_width))
    if t.id == TIMESTAMP:
        return TableValue((0, "<h", t.unit), (1, "offset", t.timezone))
    if t.id == FIXED_SIZE_BINARY:
        return TableValue((0, "<i", t.byte_width))
    if t.id == FIXED_SIZE_LIST:
        return TableValue((0, "<i", t.list_size))
    if t.id == MAP:
        return TableValue((0, "<?", t.keys_sorted))
    return TableValue()


def _metadata_vector(metadata):
    if not metadata:
        return None
    return TableVector(TableValue((0, "offset", key), (1, "offset", value))
                       for key, value in metadata.items())


def field_table(field):
    dictionary = None
    if field.dictionary is not None:
        dictionary = TableValue((0, "<q", field.dictionary.id),
                                (1, "offset", _type_table(field.dictionary.index_type)),
                                (2, "<?", field.dictionary.ordered))
    return TableValue((0, "offset", field.name), (1, "<?", field.nullable),
                      (2, "<B", field.type.id), (3, "offset", _type_table(field.type)),
                      (4, "offset", dictionary),
                      (5, "offset", TableVector(field_table(c) for c in field.children)),
                      (6, "offset", _metadata_vector(field.metadata)))


def schema_table(schema):
    fields = TableVector(field_table(field) for field in schema.fields)
    return TableValue((0, "<h", 0), (1, "offset", fields),
                      (2, "offset", _metadata_vector(schema.metadata)))
