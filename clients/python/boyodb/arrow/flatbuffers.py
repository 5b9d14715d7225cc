"""The part of FlatBuffers that Arrow's IPC metadata needs: reading tables, and writing them.

Arrow describes every message (Schema, RecordBatch, DictionaryBatch) as a FlatBuffer
(https://flatbuffers.dev/internals/). The format in brief:

* the buffer starts with a uint32 offset to the root table;
* a table starts with an int32 *soffset*: the table's position minus its vtable's position;
* a vtable is uint16 vtable size, uint16 table size, then one uint16 per field slot: the field's
  offset inside the table, 0 for an absent field (which then has its default value);
* a field that is not a scalar or an inline struct holds a uint32 offset, relative to the field
  itself, to a table, a string (uint32 length + bytes + NUL) or a vector (uint32 count + items);
* a union is two slots: a uint8 type tag and the offset to the member table.

The server is trusted less than the Python process: every read is bounds-checked, and a
malformed buffer raises ``FlatBufferError`` instead of an obscure ``struct.error``.
"""

import struct

__all__ = ["FlatBufferError", "Table", "root", "TableValue", "TableVector", "StructVector",
           "build"]


class FlatBufferError(ValueError):
    """A buffer that is not a well-formed FlatBuffer."""


def _unpack(fmt, buf, pos):
    size = struct.calcsize(fmt)
    if pos < 0 or pos + size > len(buf):
        raise FlatBufferError(f"read of {size} bytes at {pos} is outside the buffer")
    return struct.unpack_from(fmt, buf, pos)[0]


class Table:
    """A view of one table inside ``buf``; slots are the fields' indices in the schema."""

    __slots__ = ("buf", "pos", "_vtable", "_vtable_size")

    def __init__(self, buf, pos):
        self.buf = buf
        self.pos = pos
        self._vtable = pos - _unpack("<i", buf, pos)
        self._vtable_size = _unpack("<H", buf, self._vtable)
        if self._vtable_size < 4 or self._vtable_size % 2:
            raise FlatBufferError(f"bad vtable size {self._vtable_size} at {self._vtable}")
        if self._vtable + self._vtable_size > len(buf):
            raise FlatBufferError("vtable outside the buffer")

    def _offset(self, slot):
        entry = 4 + 2 * slot
        if entry >= self._vtable_size:
            return 0
        return _unpack("<H", self.buf, self._vtable + entry)

    def has(self, slot):
        return self._offset(slot) != 0

    def scalar(self, slot, fmt, default=0):
        """A scalar field with struct format ``fmt`` (``"<q"``, ``"<h"``, ``"<?"``...)."""
        offset = self._offset(slot)
        return default if offset == 0 else _unpack(fmt, self.buf, self.pos + offset)

    def _indirect(self, slot):
        offset = self._offset(slot)
        if offset == 0:
            return None
        at = self.pos + offset
        return at + _unpack("<I", self.buf, at)

    def table(self, slot):
        at = self._indirect(slot)
        return None if at is None else Table(self.buf, at)

    def string(self, slot):
        at = self._indirect(slot)
        if at is None:
            return None
        length = _unpack("<I", self.buf, at)
        if at + 4 + length > len(self.buf):
            raise FlatBufferError("string outside the buffer")
        return bytes(self.buf[at + 4:at + 4 + length]).decode("utf-8", "replace")

    def _vector(self, slot, item_size):
        at = self._indirect(slot)
        if at is None:
            return 0, 0
        count = _unpack("<I", self.buf, at)
        if at + 4 + count * item_size > len(self.buf):
            raise FlatBufferError("vector outside the buffer")
        return at + 4, count

    def tables(self, slot):
        start, count = self._vector(slot, 4)
        out = []
        for i in range(count):
            at = start + 4 * i
            out.append(Table(self.buf, at + _unpack("<I", self.buf, at)))
        return out

    def structs(self, slot, fmt):
        """A vector of inline structs, each unpacked with ``fmt`` into a tuple."""
        size = struct.calcsize(fmt)
        start, count = self._vector(slot, size)
        return list(struct.iter_unpack(fmt, self.buf[start:start + count * size]))


def root(buf):
    """The root table of a FlatBuffer."""
    return Table(buf, _unpack("<I", buf, 0))


# --- Writing ----------------------------------------------------------------------------------
#
# The builder lays the buffer out front to back (the reference implementation builds back to
# front): a parent is written first with placeholder offsets, then its children after it, and
# each placeholder is patched. Offsets therefore always point forward, as uoffset_t requires,
# and a vtable sits right before its table.


class TableValue:
    """A table to write: ``fields`` are ``(slot, fmt, value)`` with a struct format for a
    scalar, or ``"offset"`` with a ``TableValue``, ``str``, ``bytes`` or vector value."""

    def __init__(self, *fields):
        self.fields = [field for field in fields if field[2] is not None]


class TableVector:
    def __init__(self, tables):
        self.items = list(tables)


class StructVector:
    """A vector of inline structs, each packed with ``fmt`` (alignment ``align``)."""

    def __init__(self, fmt, items, align=8):
        self.fmt, self.items, self.align = fmt, list(items), align


class _Writer:
    def __init__(self):
        self.out = bytearray()

    def pad_to(self, align, shift=0):
        """Pads so that ``len(out) + shift`` is a multiple of ``align``."""
        self.out += bytes(-(len(self.out) + shift) % align)

    def patch(self, at, target):
        struct.pack_into("<I", self.out, at, target - at)

    def write(self, value):
        """Writes ``value`` and returns its position (what offsets to it point at)."""
        if isinstance(value, TableValue):
            return self.write_table(value)
        if isinstance(value, (str, bytes)):
            data = value.encode("utf-8") if isinstance(value, str) else value
            self.pad_to(4)
            at = len(self.out)
            self.out += struct.pack("<I", len(data)) + data + b"\0"
            return at
        if isinstance(value, TableVector):
            self.pad_to(4)
            at = len(self.out)
            self.out += struct.pack("<I", len(value.items)) + bytes(4 * len(value.items))
            for i, item in enumerate(value.items):
                self.patch(at + 4 + 4 * i, self.write(item))
            return at
        if isinstance(value, StructVector):
            self.pad_to(max(value.align, 4), 4)
            at = len(self.out)
            self.out += struct.pack("<I", len(value.items))
            for item in value.items:
                self.out += struct.pack(value.fmt, *item)
            return at
        raise TypeError(f"cannot write {type(value).__name__} into a FlatBuffer")

    def write_table(self, table):
        # Inline layout: soffset, then the fields by decreasing size so that each is aligned.
        fields = sorted(table.fields,
                        key=lambda f: -(4 if f[1] == "offset" else struct.calcsize(f[1])))
        slots = max((slot for slot, _, _ in fields), default=-1) + 1
        layout, size = [], 4
        for slot, fmt, value in fields:
            width = 4 if fmt == "offset" else struct.calcsize(fmt)
            size += -size % width
            layout.append((slot, fmt, value, size))
            size += width
        vtable = [0] * slots
        for slot, _, _, at in layout:
            vtable[slot] = at
        vtable_bytes = struct.pack(f"<HH{slots}H", 4 + 2 * slots, size, *vtable)
        # The table must start 8-aligned (for 8-byte fields), right after its vtable.
        self.pad_to(8, len(vtable_bytes))
        self.out += vtable_bytes
        start = len(self.out)
        self.out += struct.pack("<i", len(vtable_bytes)) + bytes(size - 4)
        children = []
        for slot, fmt, value, at in layout:
            if fmt == "offset":
                children.append((start + at, value))
            else:
                struct.pack_into(fmt, self.out, start + at, value)
        for at, value in children:
            self.patch(at, self.write(value))
        return start


def build(root_table):
    """Serializes ``root_table`` into a FlatBuffer whose length is a multiple of 8."""
    writer = _Writer()
    writer.out += bytes(4)
    writer.patch(0, writer.write(root_table))
    writer.pad_to(8)
    return bytes(writer.out)
