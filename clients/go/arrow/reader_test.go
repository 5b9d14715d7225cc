package arrow_test

import (
	"bytes"
	"errors"
	"io"
	"math"
	"reflect"
	"testing"
	"time"

	"boyodb.dev/clients/go/boyodb/arrow"
	at "boyodb.dev/clients/go/boyodb/internal/arrowtest"
)

// readAll decodes a whole stream into rows of values.
func readAll(t *testing.T, stream []byte) (*arrow.Schema, [][]any) {
	t.Helper()
	r, err := arrow.NewReader(bytes.NewReader(stream))
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	var rows [][]any
	for {
		b, err := r.Next()
		if err == io.EOF {
			return r.Schema(), rows
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		for i := 0; i < b.Len; i++ {
			row := make([]any, len(b.Columns))
			for j, c := range b.Columns {
				row[j] = c.Value(i)
				if (row[j] == nil) != c.IsNull(i) {
					t.Errorf("row %d column %d: value %v but IsNull %v", i, j, row[j], c.IsNull(i))
				}
			}
			rows = append(rows, row)
		}
	}
}

func field(name string, typ at.Type, children ...at.Field) at.Field {
	return at.Field{Name: name, Nullable: true, Type: typ, Children: children}
}

func extField(name string, typ at.Type, ext string) at.Field {
	f := field(name, typ)
	f.Metadata = at.Extension(ext)
	return f
}

func TestEveryTypeWithNulls(t *testing.T) {
	uuid := []byte{0xa0, 0xee, 0xbc, 0x99, 0x9c, 0x0b, 0x4e, 0xf8, 0xbb, 0x6d, 0x6b, 0xb9, 0xbd, 0x38, 0x0a, 0x11}
	fields := []at.Field{
		field("null", at.NullType()),
		field("bool", at.BoolType()),
		field("i8", at.IntType(8, true)),
		field("i16", at.IntType(16, true)),
		field("i32", at.IntType(32, true)),
		field("i64", at.IntType(64, true)),
		field("u8", at.IntType(8, false)),
		field("u16", at.IntType(16, false)),
		field("u32", at.IntType(32, false)),
		field("u64", at.IntType(64, false)),
		field("f32", at.FloatType(32)),
		field("f64", at.FloatType(64)),
		field("dec", at.DecimalType(10, 2)),
		field("text", at.Utf8Type()),
		extField("json", at.Utf8Type(), "arrow.json"),
		field("bytes", at.BinaryType()),
		field("date", at.DateType()),
		field("time", at.TimeType(2, 64)),
		field("ts", at.TimestampType(2, "")),
		field("tstz", at.TimestampType(2, "UTC")),
		field("interval", at.IntervalType()),
		extField("uuid", at.FixedSizeBinaryType(16), "arrow.uuid"),
		extField("ipv4", at.IntType(32, false), "boyodb.ipv4"),
		extField("ipv6", at.FixedSizeBinaryType(16), "boyodb.ipv6"),
		field("fixed", at.FixedSizeBinaryType(3)),
		field("list", at.ListType(), field("item", at.IntType(32, true))),
		field("map", at.MapType(), at.Field{Name: "entries", Type: at.StructType(), Children: []at.Field{
			{Name: "key", Type: at.Utf8Type()}, field("value", at.IntType(64, true))}}),
		field("struct", at.StructType(), field("a", at.IntType(32, true)), field("b", at.Utf8Type())),
	}
	columns := []at.Column{
		at.Nulls(2),
		at.Bools(true, nil),
		at.Ints(8, int64(-128), nil),
		at.Ints(16, int64(-32768), nil),
		at.Ints(32, int64(math.MinInt32), nil),
		at.Ints(64, int64(math.MinInt64), nil),
		at.Ints(8, uint64(255), nil),
		at.Ints(16, uint64(65535), nil),
		at.Ints(32, uint64(math.MaxUint32), nil),
		at.Ints(64, uint64(math.MaxUint64), nil),
		at.Floats(32, 1.5, nil),
		at.Floats(64, math.Inf(-1), nil),
		at.Decimals(int64(-1234567891), nil),
		at.Bytes("it's", nil),
		at.Bytes(`{"a":[1,2]}`, nil),
		at.Bytes([]byte{0xde, 0xad}, nil),
		at.Ints(32, int64(19782), nil),
		at.Ints(64, int64(86399999999), nil),
		at.Ints(64, int64(1704164645123456), nil),
		at.Ints(64, int64(-1), nil),
		at.Intervals([3]int64{14, 3, 14706789000000}, nil),
		at.FixedBytes(16, uuid, nil),
		at.IPv4s("192.168.1.1", nil),
		at.IPv6s("2001:db8::1", nil),
		at.FixedBytes(3, []byte{1, 2, 3}, nil),
		at.List([]any{3, nil}, at.Ints(32, int64(1), nil, int64(3))),
		at.Map([]any{2, nil}, at.Bytes("a", "b"), at.Ints(64, int64(1), nil)),
		at.Struct([]bool{true, false}, at.Ints(32, int64(7), int64(0)), at.Bytes(nil, "")),
	}
	stream := new(at.Stream).Schema(fields...).Batch(2, columns...).Bytes()
	schema, rows := readAll(t, stream)
	want := []any{
		nil, true, int8(-128), int16(-32768), int32(math.MinInt32), int64(math.MinInt64),
		uint8(255), uint16(65535), uint32(math.MaxUint32), uint64(math.MaxUint64),
		float32(1.5), math.Inf(-1), "-12345678.91", "it's", `{"a":[1,2]}`, []byte{0xde, 0xad},
		time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), "23:59:59.999999",
		time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC),
		time.Date(1969, 12, 31, 23, 59, 59, 999999000, time.UTC),
		arrow.Interval{Months: 14, Days: 3, Nanoseconds: 14706789000000},
		"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "192.168.1.1", "2001:db8::1", []byte{1, 2, 3},
		[]any{int32(1), nil, int32(3)},
		[]arrow.KeyValue{{Key: "a", Value: int64(1)}, {Key: "b", Value: nil}},
		map[string]any{"a": int32(7), "b": nil},
	}
	if len(rows) != 2 {
		t.Fatalf("got %d rows, want 2", len(rows))
	}
	for i, f := range schema.Fields {
		if !reflect.DeepEqual(rows[0][i], want[i]) {
			t.Errorf("%s: got %#v, want %#v", f.Name, rows[0][i], want[i])
		}
		if want[i] != nil && reflect.TypeOf(want[i]) != f.ValueType() {
			t.Errorf("%s: ValueType %v, values are %T", f.Name, f.ValueType(), want[i])
		}
		if rows[1][i] != nil {
			t.Errorf("%s: row 2 is %#v, want NULL", f.Name, rows[1][i])
		}
	}
	if got := schema.Fields[21].Extension(); got != "arrow.uuid" {
		t.Errorf("uuid extension %q", got)
	}
}

func TestExtremeTimesDoNotPanic(t *testing.T) {
	stream := new(at.Stream).Schema(
		field("ts", at.TimestampType(2, "UTC")),
		field("ns", at.TimestampType(3, "")),
		field("s", at.TimestampType(0, "")),
		field("date", at.DateType()),
		field("time", at.TimeType(2, 64)),
	).Batch(2,
		at.Ints(64, int64(math.MaxInt64), int64(math.MinInt64)),
		at.Ints(64, int64(math.MaxInt64), int64(math.MinInt64)),
		at.Ints(64, int64(math.MaxInt64), int64(math.MinInt64)),
		at.Ints(32, int64(math.MaxInt32), int64(math.MinInt32)),
		at.Ints(64, int64(math.MaxInt64), int64(math.MinInt64)),
	).Bytes()
	_, rows := readAll(t, stream)
	if got := rows[0][0].(time.Time); got.Year() != 294247 {
		t.Errorf("infinity timestamp: got %v", got)
	}
	if got := rows[1][0].(time.Time); got.Year() != -290308 {
		t.Errorf("-infinity timestamp: got %v", got)
	}
	if got := rows[0][3].(time.Time); got.Year() != 5881580 {
		t.Errorf("infinity date: got %v", got)
	}
	if got := rows[1][4].(string); got != "-2562047788:00:54.775808" {
		t.Errorf("smallest time: got %q", got)
	}
}

// dictField is a dictionary-encoded TEXT field as BoyoDB writes it.
func dictField(name string, id int64, bits int, signed bool) at.Field {
	f := field(name, at.Utf8Type())
	f.Dictionary = &at.Dictionary{ID: id, IndexBits: bits, IndexSigned: signed}
	return f
}

func TestDictionaryDeltaAndReplacement(t *testing.T) {
	stream := new(at.Stream).Schema(dictField("a", 0, 32, true), dictField("b", 1, 8, false)).
		Dictionary(0, false, at.Bytes("red", "green")).
		Dictionary(1, false, at.Bytes("x", nil)).
		Batch(3, at.Ints(32, int64(1), nil, int64(0)), at.Ints(8, uint64(0), uint64(1), uint64(0))).
		Dictionary(0, true, at.Bytes("blue")).
		Batch(2, at.Ints(32, int64(2), int64(0)), at.Ints(8, uint64(0), nil)).
		Dictionary(0, true, at.Bytes("cyan", "magenta")).
		Batch(1, at.Ints(32, int64(4)), at.Ints(8, uint64(0))).
		Dictionary(0, false, at.Bytes("one")).
		Dictionary(1, false, at.Bytes("y")).
		Batch(2, at.Ints(32, int64(0), int64(0)), at.Ints(8, uint64(0), uint64(0))).
		Bytes()
	_, rows := readAll(t, stream)
	want := [][]any{
		{"green", "x"}, {nil, nil}, {"red", "x"},
		{"blue", "x"}, {"red", nil},
		{"magenta", "x"},
		{"one", "y"}, {"one", "y"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("got %v, want %v", rows, want)
	}
}

func TestDictionaryErrors(t *testing.T) {
	for name, stream := range map[string][]byte{
		"index out of range": new(at.Stream).Schema(dictField("a", 0, 32, true)).
			Dictionary(0, false, at.Bytes("red")).Batch(1, at.Ints(32, int64(1))).Bytes(),
		"negative index": new(at.Stream).Schema(dictField("a", 0, 16, true)).
			Dictionary(0, false, at.Bytes("red")).Batch(1, at.Ints(16, int64(-1))).Bytes(),
		"missing dictionary": new(at.Stream).Schema(dictField("a", 0, 32, true)).
			Batch(1, at.Ints(32, int64(0))).Bytes(),
		"unknown dictionary id": new(at.Stream).Schema(dictField("a", 0, 32, true)).
			Dictionary(7, false, at.Bytes("red")).Bytes(),
	} {
		r, err := arrow.NewReader(bytes.NewReader(stream))
		if err != nil {
			t.Fatalf("%s: NewReader: %v", name, err)
		}
		if _, err := r.Next(); err == nil || err == io.EOF {
			t.Errorf("%s: Next gave %v, want an error", name, err)
		}
	}
}

func TestStreamEndings(t *testing.T) {
	s := func() *at.Stream {
		return new(at.Stream).Schema(field("a", at.IntType(64, true))).
			Batch(0, at.Ints(64)).
			Batch(2, at.Ints(64, int64(1), int64(2)))
	}
	for name, stream := range map[string][]byte{
		"marker":           s().Bytes(),
		"no marker":        s().Unterminated(),
		"legacy framing":   (&at.Stream{Legacy: true}).Schema(field("a", at.IntType(64, true))).Batch(2, at.Ints(64, int64(1), int64(2))).Bytes(),
		"bare zero length": s().Raw([]byte{0, 0, 0, 0}).Unterminated(),
	} {
		_, rows := readAll(t, stream)
		if want := [][]any{{int64(1)}, {int64(2)}}; !reflect.DeepEqual(rows, want) {
			t.Errorf("%s: got %v, want %v", name, rows, want)
		}
	}
}

func TestUnsupportedType(t *testing.T) {
	stream := new(at.Stream).Schema(field("u", at.UnionType())).Bytes()
	if _, err := arrow.NewReader(bytes.NewReader(stream)); err == nil {
		t.Fatal("a union field was accepted")
	}
}

func TestNoSchema(t *testing.T) {
	stream := new(at.Stream).Schema(field("a", at.IntType(64, true))).Batch(1, at.Ints(64, int64(1))).Bytes()
	withoutSchema := new(at.Stream).Batch(1, at.Ints(64, int64(1))).Bytes()
	for _, s := range [][]byte{nil, withoutSchema} {
		if _, err := arrow.NewReader(bytes.NewReader(s)); err == nil {
			t.Error("a stream without a schema was accepted")
		}
	}
	r, err := arrow.NewReader(bytes.NewReader(append(stream[:len(stream)-8:len(stream)-8], stream...)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); err == nil {
		t.Error("a second schema message was accepted")
	}
}

// TestMalformedStreams cuts and corrupts a stream of every type at every byte: the reader must
// give an error or values, never panic.
func TestMalformedStreams(t *testing.T) {
	stream := new(at.Stream).Schema(
		dictField("d", 0, 32, true),
		field("list", at.ListType(), field("item", at.Utf8Type())),
		field("map", at.MapType(), at.Field{Name: "entries", Type: at.StructType(), Children: []at.Field{
			{Name: "key", Type: at.Utf8Type()}, field("value", at.DecimalType(5, 1))}}),
		field("s", at.StructType(), field("i", at.IntervalType()), field("t", at.TimeType(3, 64))),
	).
		Dictionary(0, false, at.Bytes("a", "bb")).
		Batch(2, at.Ints(32, int64(1), nil),
			at.List([]any{2, nil}, at.Bytes("x", nil)),
			at.Map([]any{1, 0}, at.Bytes("k"), at.Decimals(int64(-5))),
			at.Struct([]bool{true, false}, at.Intervals([3]int64{1, 2, 3}, nil), at.Ints(64, int64(5), nil))).
		Bytes()
	decode := func(s []byte) {
		r, err := arrow.NewReader(bytes.NewReader(s))
		if err != nil {
			return
		}
		for {
			b, err := r.Next()
			if err != nil {
				return
			}
			for i := 0; i < b.Len; i++ {
				for _, c := range b.Columns {
					c.Value(i)
				}
			}
		}
	}
	for cut := 0; cut < len(stream); cut++ {
		decode(stream[:cut])
	}
	corrupt := make([]byte, len(stream))
	for i := range stream {
		for _, flip := range []byte{0x01, 0x80, 0xFF} {
			copy(corrupt, stream)
			corrupt[i] ^= flip
			decode(corrupt)
		}
	}
}

func TestTruncatedMessageIsAnError(t *testing.T) {
	stream := new(at.Stream).Schema(field("a", at.IntType(64, true))).Batch(1, at.Ints(64, int64(1))).Bytes()
	r, err := arrow.NewReader(bytes.NewReader(stream[:len(stream)-12]))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("got %v, want io.ErrUnexpectedEOF", err)
	}
}
