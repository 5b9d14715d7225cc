package arrowtest

import (
	"math"
	"net/netip"
)

// Column is one array of a batch: its field node and buffers, and its children's.
type Column struct {
	Length    int
	NullCount int
	Buffers   [][]byte // the validity bitmap first (empty when there are no nulls)
	Children  []Column
}

// validity returns the bitmap of the non-nil values, empty when none is nil, and the null count.
func validity(values []any) ([]byte, int) {
	bits := make([]byte, (len(values)+7)/8)
	nulls := 0
	for i, v := range values {
		if v == nil {
			nulls++
		} else {
			bits[i/8] |= 1 << uint(i%8)
		}
	}
	if nulls == 0 {
		return nil, 0
	}
	return bits, nulls
}

// fixed builds a fixed-width column, encode appending each non-nil value (nil ones are zeros).
func fixed(values []any, width int, encode func([]byte, any) []byte) Column {
	bits, nulls := validity(values)
	var data []byte
	for _, v := range values {
		if v == nil {
			data = append(data, make([]byte, width)...)
		} else {
			data = encode(data, v)
		}
	}
	return Column{Length: len(values), NullCount: nulls, Buffers: [][]byte{bits, data}}
}

// Ints is an integer column of the given width; values are int64s, uint64s or nil.
func Ints(bits int, values ...any) Column {
	return fixed(values, bits/8, func(b []byte, v any) []byte {
		var u uint64
		switch x := v.(type) {
		case int64:
			u = uint64(x)
		case uint64:
			u = x
		case int:
			u = uint64(x)
		}
		for i := 0; i < bits/8; i++ {
			b = append(b, byte(u>>(8*i)))
		}
		return b
	})
}

// Floats is a float column of 32 or 64 bits; values are float64s or nil.
func Floats(bits int, values ...any) Column {
	return fixed(values, bits/8, func(b []byte, v any) []byte {
		if bits == 32 {
			return le.AppendUint32(b, math.Float32bits(float32(v.(float64))))
		}
		return le.AppendUint64(b, math.Float64bits(v.(float64)))
	})
}

// Bools is a boolean column; values are bools or nil.
func Bools(values ...any) Column {
	c := fixed(values, 0, func(b []byte, _ any) []byte { return b })
	data := make([]byte, (len(values)+7)/8)
	for i, v := range values {
		if v == true {
			data[i/8] |= 1 << uint(i%8)
		}
	}
	c.Buffers[1] = data
	return c
}

// Bytes is a Utf8 or Binary column; values are strings, []bytes or nil.
func Bytes(values ...any) Column {
	bits, nulls := validity(values)
	offsets := le.AppendUint32(nil, 0)
	var data []byte
	for _, v := range values {
		switch x := v.(type) {
		case string:
			data = append(data, x...)
		case []byte:
			data = append(data, x...)
		}
		offsets = le.AppendUint32(offsets, uint32(len(data)))
	}
	return Column{Length: len(values), NullCount: nulls, Buffers: [][]byte{bits, offsets, data}}
}

// FixedBytes is a FixedSizeBinary column; values are []bytes of the width or nil.
func FixedBytes(width int, values ...any) Column {
	return fixed(values, width, func(b []byte, v any) []byte { return append(b, v.([]byte)...) })
}

// IPv4s is a uint32 column of addresses as BoyoDB stores IPV4; values are strings or nil.
func IPv4s(values ...any) Column {
	return fixed(values, 4, func(b []byte, v any) []byte {
		a := netip.MustParseAddr(v.(string)).As4()
		return le.AppendUint32(b, uint32(a[0])<<24|uint32(a[1])<<16|uint32(a[2])<<8|uint32(a[3]))
	})
}

// IPv6s is a FixedSizeBinary(16) column of addresses in network order; values are strings or nil.
func IPv6s(values ...any) Column {
	return fixed(values, 16, func(b []byte, v any) []byte {
		a := netip.MustParseAddr(v.(string)).As16()
		return append(b, a[:]...)
	})
}

// Decimals is a Decimal128 column; values are unscaled int64s or nil (sign-extended to 128 bits).
func Decimals(values ...any) Column {
	return fixed(values, 16, func(b []byte, v any) []byte {
		x := v.(int64)
		b = le.AppendUint64(b, uint64(x))
		if x < 0 {
			return le.AppendUint64(b, math.MaxUint64)
		}
		return le.AppendUint64(b, 0)
	})
}

// Intervals is a MONTH_DAY_NANO column; values are [3]int64{months, days, nanos} or nil.
func Intervals(values ...any) Column {
	return fixed(values, 16, func(b []byte, v any) []byte {
		x := v.([3]int64)
		b = le.AppendUint32(b, uint32(int32(x[0])))
		b = le.AppendUint32(b, uint32(int32(x[1])))
		return le.AppendUint64(b, uint64(x[2]))
	})
}

// Nulls is a Null column: a node and no buffers.
func Nulls(n int) Column { return Column{Length: n, NullCount: n} }

// List is a List column: lengths[i] items of child for row i, nil lengths for NULL rows.
func List(lengths []any, child Column) Column {
	return withOffsets(lengths, []Column{child})
}

// Map is a Map column: lengths[i] entries for row i (nil for NULL), keys and values the
// entries' children.
func Map(lengths []any, keys, values Column) Column {
	entries := Column{Length: keys.Length, Buffers: [][]byte{nil}, Children: []Column{keys, values}}
	return withOffsets(lengths, []Column{entries})
}

func withOffsets(lengths []any, children []Column) Column {
	bits, nulls := validity(lengths)
	offsets := le.AppendUint32(nil, 0)
	end := 0
	for _, n := range lengths {
		if n != nil {
			end += n.(int)
		}
		offsets = le.AppendUint32(offsets, uint32(end))
	}
	return Column{Length: len(lengths), NullCount: nulls, Buffers: [][]byte{bits, offsets}, Children: children}
}

// Struct is a Struct column; valid[i] false makes row i NULL.
func Struct(valid []bool, children ...Column) Column {
	values := make([]any, len(valid))
	for i, ok := range valid {
		if ok {
			values[i] = true
		}
	}
	bits, nulls := validity(values)
	return Column{Length: len(valid), NullCount: nulls, Buffers: [][]byte{bits}, Children: children}
}
