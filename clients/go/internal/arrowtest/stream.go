package arrowtest

import (
	"bytes"
	"sort"
)

// Type is an Arrow type: the Type union's member id and its table.
type Type struct {
	id    uint8
	table *table
}

// The Arrow types, by their Schema.fbs definitions.
func NullType() Type { return Type{1, &table{}} }
func IntType(bits int, signed bool) Type {
	return Type{2, (&table{}).setInt32(0, int32(bits)).setBool(1, signed)}
}
func FloatType(bits int) Type {
	precision := int16(2)
	if bits == 32 {
		precision = 1
	}
	return Type{3, (&table{}).setInt16(0, precision)}
}
func BinaryType() Type { return Type{4, &table{}} }
func Utf8Type() Type   { return Type{5, &table{}} }
func BoolType() Type   { return Type{6, &table{}} }
func DecimalType(precision, scale int) Type {
	return Type{7, (&table{}).setInt32(0, int32(precision)).setInt32(1, int32(scale)).setInt32(2, 128)}
}
func DateType() Type { return Type{8, (&table{}).setInt16(0, 0)} }
func TimeType(unit int16, bits int) Type {
	return Type{9, (&table{}).setInt16(0, unit).setInt32(1, int32(bits))}
}
func TimestampType(unit int16, tz string) Type {
	t := (&table{}).setInt16(0, unit)
	if tz != "" {
		t.setString(1, tz)
	}
	return Type{10, t}
}
func IntervalType() Type             { return Type{11, (&table{}).setInt16(0, 2)} }
func ListType() Type                 { return Type{12, &table{}} }
func StructType() Type               { return Type{13, &table{}} }
func UnionType() Type                { return Type{14, &table{}} }
func FixedSizeBinaryType(n int) Type { return Type{15, (&table{}).setInt32(0, int32(n))} }
func MapType() Type                  { return Type{17, (&table{}).setBool(0, false)} }

// Field is a schema field.
type Field struct {
	Name     string
	Nullable bool
	Type     Type
	Children []Field
	// Dictionary, when set, makes the field dictionary-encoded with this id and index type.
	Dictionary *Dictionary
	Metadata   map[string]string
}

// Dictionary is a field's dictionary encoding.
type Dictionary struct {
	ID          int64
	IndexBits   int
	IndexSigned bool
}

// Extension returns metadata naming an Arrow extension type, as BoyoDB writes it.
func Extension(name string) map[string]string {
	return map[string]string{"ARROW:extension:name": name, "ARROW:extension:metadata": ""}
}

func (f Field) table() *table {
	t := (&table{}).setString(0, f.Name).setBool(1, f.Nullable).setUint8(2, f.Type.id).setTable(3, f.Type.table)
	if f.Dictionary != nil {
		d := f.Dictionary
		t.setTable(4, (&table{}).setInt64(0, d.ID).setTable(1, IntType(d.IndexBits, d.IndexSigned).table))
	}
	children := make([]*table, len(f.Children))
	for i, c := range f.Children {
		children[i] = c.table()
	}
	t.setTables(5, children)
	if len(f.Metadata) > 0 {
		keys := make([]string, 0, len(f.Metadata))
		for k := range f.Metadata {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var kvs []*table
		for _, k := range keys {
			kvs = append(kvs, (&table{}).setString(0, k).setString(1, f.Metadata[k]))
		}
		t.setTables(6, kvs)
	}
	return t
}

// Stream builds an IPC stream message by message.
type Stream struct {
	buf bytes.Buffer
	// Legacy, when set, writes messages without the continuation marker, as Arrow did before
	// 0.15.
	Legacy bool
}

// Schema writes the Schema message.
func (s *Stream) Schema(fields ...Field) *Stream {
	tables := make([]*table, len(fields))
	for i, f := range fields {
		tables[i] = f.table()
	}
	return s.message(1, (&table{}).setTables(1, tables), nil)
}

// Batch writes a RecordBatch message of length rows.
func (s *Stream) Batch(length int, columns ...Column) *Stream {
	rb, body := recordBatch(length, columns)
	return s.message(3, rb, body)
}

// Dictionary writes a DictionaryBatch message for dictionary id.
func (s *Stream) Dictionary(id int64, delta bool, values Column) *Stream {
	rb, body := recordBatch(values.Length, []Column{values})
	return s.message(2, (&table{}).setInt64(0, id).setTable(1, rb).setBool(2, delta), body)
}

// Raw appends bytes as they are, for malformed streams.
func (s *Stream) Raw(b []byte) *Stream {
	s.buf.Write(b)
	return s
}

// Bytes ends the stream with the end-of-stream marker and returns it.
func (s *Stream) Bytes() []byte {
	s.buf.Write([]byte{0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0})
	return s.buf.Bytes()
}

// Unterminated returns the stream so far, without an end-of-stream marker.
func (s *Stream) Unterminated() []byte { return s.buf.Bytes() }

func (s *Stream) message(headerType uint8, header *table, body []byte) *Stream {
	meta := finish((&table{}).setInt16(0, 4).setUint8(1, headerType).setTable(2, header).setInt64(3, int64(len(body))))
	if !s.Legacy {
		s.buf.Write([]byte{0xFF, 0xFF, 0xFF, 0xFF})
	}
	s.buf.Write(le.AppendUint32(nil, uint32(len(meta))))
	s.buf.Write(meta)
	s.buf.Write(body)
	return s
}

func recordBatch(length int, columns []Column) (*table, []byte) {
	var nodes, buffers [][2]int64
	var body []byte
	var walk func(c Column)
	walk = func(c Column) {
		nodes = append(nodes, [2]int64{int64(c.Length), int64(c.NullCount)})
		for _, b := range c.Buffers {
			buffers = append(buffers, [2]int64{int64(len(body)), int64(len(b))})
			body = append(body, b...)
			for len(body)%8 != 0 {
				body = append(body, 0)
			}
		}
		for _, child := range c.Children {
			walk(child)
		}
	}
	for _, c := range columns {
		walk(c)
	}
	return (&table{}).setInt64(0, int64(length)).setPairs(1, nodes).setPairs(2, buffers), body
}
