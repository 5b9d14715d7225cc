package arrow

import (
	"encoding/binary"
	"fmt"
)

// This file reads FlatBuffers, the serialization Arrow uses for IPC metadata. Only reading is
// needed, and only the few primitives the Arrow schema uses: tables, scalars, strings, vectors
// of tables and vectors of structs. Every offset is checked against the buffer, because the
// bytes come from the network: a malformed message gives an error, never a panic.
//
// Layout reminder: a buffer starts with a uoffset (uint32) to the root table. A table starts
// with an soffset (int32) that, subtracted from the table's position, locates its vtable. The
// vtable holds uint16s: its own size, the table's size, then one offset per field id (0 when
// the field is absent, so it takes its default). Reference fields (tables, strings, vectors)
// hold a uoffset relative to the field's own position. A vector or string is a uint32 length
// followed by the elements (a string also by a NUL).

var le = binary.LittleEndian

// table is one FlatBuffers table inside buf.
type table struct {
	buf    []byte
	pos    int // where the table starts (its soffset)
	vtable int // where its vtable starts
	vtSize int // the vtable's size in bytes
	size   int // the table's inline size in bytes
}

// rootTable returns the table a buffer's leading uoffset points to.
func rootTable(buf []byte) (table, error) {
	if len(buf) < 4 {
		return table{}, fmt.Errorf("flatbuffer of %d bytes is too short", len(buf))
	}
	return tableAt(buf, int(le.Uint32(buf)))
}

func tableAt(buf []byte, pos int) (table, error) {
	if pos < 0 || pos > len(buf)-4 {
		return table{}, fmt.Errorf("flatbuffer table at %d is outside the buffer", pos)
	}
	vt := int64(pos) - int64(int32(le.Uint32(buf[pos:])))
	if vt < 0 || vt > int64(len(buf)-4) {
		return table{}, fmt.Errorf("flatbuffer vtable of the table at %d is outside the buffer", pos)
	}
	t := table{buf: buf, pos: pos, vtable: int(vt)}
	t.vtSize = int(le.Uint16(buf[t.vtable:]))
	t.size = int(le.Uint16(buf[t.vtable+2:]))
	if t.vtSize < 4 || t.vtSize%2 != 0 || t.vtable+t.vtSize > len(buf) || t.size < 4 ||
		pos+t.size > len(buf) {
		return table{}, fmt.Errorf("flatbuffer table at %d has a malformed vtable", pos)
	}
	return t, nil
}

// field returns the position of field id's inline bytes (size bytes), or -1 when it is absent.
func (t table) field(id, size int) (int, error) {
	slot := 4 + 2*id
	if slot+2 > t.vtSize {
		return -1, nil
	}
	off := int(le.Uint16(t.buf[t.vtable+slot:]))
	if off == 0 {
		return -1, nil
	}
	if off+size > t.size {
		return -1, fmt.Errorf("flatbuffer field %d of the table at %d overruns the table", id, t.pos)
	}
	return t.pos + off, nil
}

func (t table) boolField(id int, def bool) (bool, error) {
	p, err := t.field(id, 1)
	if err != nil || p < 0 {
		return def, err
	}
	return t.buf[p] != 0, nil
}

func (t table) uint8Field(id int, def uint8) (uint8, error) {
	p, err := t.field(id, 1)
	if err != nil || p < 0 {
		return def, err
	}
	return t.buf[p], nil
}

func (t table) int16Field(id int, def int16) (int16, error) {
	p, err := t.field(id, 2)
	if err != nil || p < 0 {
		return def, err
	}
	return int16(le.Uint16(t.buf[p:])), nil
}

func (t table) int32Field(id int, def int32) (int32, error) {
	p, err := t.field(id, 4)
	if err != nil || p < 0 {
		return def, err
	}
	return int32(le.Uint32(t.buf[p:])), nil
}

func (t table) int64Field(id int, def int64) (int64, error) {
	p, err := t.field(id, 8)
	if err != nil || p < 0 {
		return def, err
	}
	return int64(le.Uint64(t.buf[p:])), nil
}

// ref follows the uoffset in field id; -1 when the field is absent.
func (t table) ref(id int) (int, error) {
	p, err := t.field(id, 4)
	if err != nil || p < 0 {
		return -1, err
	}
	target := int64(p) + int64(le.Uint32(t.buf[p:]))
	if target > int64(len(t.buf)-4) {
		return -1, fmt.Errorf("flatbuffer field %d of the table at %d points outside the buffer", id, t.pos)
	}
	return int(target), nil
}

// tableField returns the table in field id; ok is false when the field is absent.
func (t table) tableField(id int) (sub table, ok bool, err error) {
	p, err := t.ref(id)
	if err != nil || p < 0 {
		return table{}, false, err
	}
	sub, err = tableAt(t.buf, p)
	return sub, err == nil, err
}

// vector returns where the elements of the vector in field id start and how many there are,
// having checked that n elements of elemSize bytes fit in the buffer. An absent vector is empty.
func (t table) vector(id, elemSize int) (start, n int, err error) {
	p, err := t.ref(id)
	if err != nil || p < 0 {
		return 0, 0, err
	}
	count := int64(le.Uint32(t.buf[p:]))
	if count*int64(elemSize) > int64(len(t.buf)-p-4) {
		return 0, 0, fmt.Errorf("flatbuffer vector in field %d of the table at %d overruns the buffer", id, t.pos)
	}
	return p + 4, int(count), nil
}

func (t table) stringField(id int) (string, error) {
	start, n, err := t.vector(id, 1)
	if err != nil {
		return "", err
	}
	return string(t.buf[start : start+n]), nil
}

// tableVector returns the tables of the vector of tables in field id.
func (t table) tableVector(id int) ([]table, error) {
	start, n, err := t.vector(id, 4)
	if err != nil || n == 0 {
		return nil, err
	}
	out := make([]table, n)
	for i := range out {
		p := start + 4*i
		if out[i], err = tableAt(t.buf, p+int(le.Uint32(t.buf[p:]))); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// int64Pairs reads a vector of structs made of two int64s (Arrow's FieldNode and Buffer).
func (t table) int64Pairs(id int) ([][2]int64, error) {
	start, n, err := t.vector(id, 16)
	if err != nil || n == 0 {
		return nil, err
	}
	out := make([][2]int64, n)
	for i := range out {
		p := start + 16*i
		out[i] = [2]int64{int64(le.Uint64(t.buf[p:])), int64(le.Uint64(t.buf[p+8:]))}
	}
	return out, nil
}
