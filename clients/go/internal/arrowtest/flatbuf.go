// Package arrowtest writes small Arrow IPC streams for the tests: hand-built streams to check
// the decoder against (nulls, every type, dictionary deltas and replacements, malformed
// input), and data for the server's ingest_ipc, the only way to store MAP, STRUCT, IPV4 and
// IPV6 values. It is written independently of package arrow's reader so that the two check
// each other.
package arrowtest

import "encoding/binary"

var le = binary.LittleEndian

// table is a FlatBuffers table being built: its fields by id, nil for absent ones.
type table struct {
	fields []any // scalar, string, *table, []*table or structs
}

// scalar is an inline field value of 1, 2, 4 or 8 bytes.
type scalar []byte

// structs is a vector of fixed-size structs (8-byte aligned ones): their bytes and count.
type structs struct {
	data  []byte
	count int
}

func (t *table) set(id int, v any) *table {
	for len(t.fields) <= id {
		t.fields = append(t.fields, nil)
	}
	t.fields[id] = v
	return t
}

// setBool, setUint8, ... set field id to a scalar.
func (t *table) setBool(id int, v bool) *table {
	if v {
		return t.set(id, scalar{1})
	}
	return t.set(id, scalar{0})
}
func (t *table) setUint8(id int, v uint8) *table { return t.set(id, scalar{v}) }
func (t *table) setInt16(id int, v int16) *table {
	return t.set(id, scalar(le.AppendUint16(nil, uint16(v))))
}
func (t *table) setInt32(id int, v int32) *table {
	return t.set(id, scalar(le.AppendUint32(nil, uint32(v))))
}
func (t *table) setInt64(id int, v int64) *table {
	return t.set(id, scalar(le.AppendUint64(nil, uint64(v))))
}

// setString sets field id to a string.
func (t *table) setString(id int, v string) *table { return t.set(id, v) }

// setTable sets field id to a table.
func (t *table) setTable(id int, v *table) *table { return t.set(id, v) }

// setTables sets field id to a vector of tables.
func (t *table) setTables(id int, v []*table) *table { return t.set(id, v) }

// setPairs sets field id to a vector of structs of two int64s (FieldNode, Buffer).
func (t *table) setPairs(id int, pairs [][2]int64) *table {
	var data []byte
	for _, p := range pairs {
		data = le.AppendUint64(data, uint64(p[0]))
		data = le.AppendUint64(data, uint64(p[1]))
	}
	return t.set(id, structs{data: data, count: len(pairs)})
}

// finish serializes a buffer whose root is t.
func finish(t *table) []byte {
	b := &builder{buf: make([]byte, 4)}
	le.PutUint32(b.buf, uint32(b.table(t)))
	b.pad(8)
	return b.buf
}

// builder writes front to back: a table's vtable, then the table, then what its fields
// reference, so every uoffset points forward as FlatBuffers requires.
type builder struct{ buf []byte }

func (b *builder) pad(align int) {
	for len(b.buf)%align != 0 {
		b.buf = append(b.buf, 0)
	}
}

func (b *builder) table(t *table) int {
	// Lay out the inline part: the soffset, then each present field aligned to its size.
	offsets := make([]int, len(t.fields))
	size := 4
	for id, f := range t.fields {
		n := 4
		switch v := f.(type) {
		case nil:
			continue
		case scalar:
			n = len(v)
		}
		for size%n != 0 {
			size++
		}
		offsets[id] = size
		size += n
	}
	b.pad(2)
	vtable := len(b.buf)
	b.buf = le.AppendUint16(b.buf, uint16(4+2*len(t.fields)))
	b.buf = le.AppendUint16(b.buf, uint16(size))
	for _, off := range offsets {
		b.buf = le.AppendUint16(b.buf, uint16(off))
	}
	b.pad(8)
	start := len(b.buf)
	b.buf = append(b.buf, make([]byte, size)...)
	le.PutUint32(b.buf[start:], uint32(int32(start-vtable)))
	for id, f := range t.fields {
		if v, ok := f.(scalar); ok {
			copy(b.buf[start+offsets[id]:], v)
		}
	}
	for id, f := range t.fields {
		if f == nil {
			continue
		}
		if _, ok := f.(scalar); ok {
			continue
		}
		at := start + offsets[id]
		target := b.object(f) // appends, so b.buf is only indexed after
		le.PutUint32(b.buf[at:], uint32(target-at))
	}
	return start
}

// object writes what a reference field points to and returns its position.
func (b *builder) object(f any) int {
	switch v := f.(type) {
	case string:
		b.pad(4)
		at := len(b.buf)
		b.buf = le.AppendUint32(b.buf, uint32(len(v)))
		b.buf = append(append(b.buf, v...), 0)
		return at
	case *table:
		return b.table(v)
	case []*table:
		b.pad(4)
		at := len(b.buf)
		b.buf = le.AppendUint32(b.buf, uint32(len(v)))
		b.buf = append(b.buf, make([]byte, 4*len(v))...)
		for i, t := range v {
			slot := at + 4 + 4*i
			target := b.table(t)
			le.PutUint32(b.buf[slot:], uint32(target-slot))
		}
		return at
	case structs:
		for len(b.buf)%8 != 4 { // the elements after the length are 8-aligned
			b.buf = append(b.buf, 0)
		}
		at := len(b.buf)
		b.buf = le.AppendUint32(b.buf, uint32(v.count))
		b.buf = append(b.buf, v.data...)
		return at
	}
	panic("arrowtest: unknown field value")
}
