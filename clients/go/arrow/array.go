package arrow

import (
	"math"
	"net/netip"
	"reflect"
	"sort"
	"time"
)

// Array is one decoded column (or child column) of a record batch. Value returns the row's
// value as the Go type Field.ValueType reports, nil for NULL; i must be in [0, Len()). Arrays
// share the message body they were decoded from: []byte values must not be modified.
type Array interface {
	Len() int
	IsNull(i int) bool
	Value(i int) any
}

// ValueType is the Go type of the non-NULL values Array.Value returns for this field:
//
//	Null                          any (always nil)
//	Bool                          bool
//	Int                           int8 ... int64, uint8 ... uint64 by width and sign
//	Int, extension boyodb.ipv4    string, dotted quad ("192.168.0.1")
//	FloatingPoint                 float32, float64
//	Decimal                       string, exact ("-12345678.91")
//	Utf8 (also arrow.json)        string
//	Binary                        []byte
//	Date                          time.Time, midnight UTC
//	Time                          string, "15:04:05.999999" (fraction only when not zero)
//	Timestamp                     time.Time in UTC (a timestamp without time zone reads as UTC)
//	Interval                      Interval
//	FixedSizeBinary, arrow.uuid   string, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
//	FixedSizeBinary, boyodb.ipv6  string, RFC 5952 ("2001:db8::1")
//	FixedSizeBinary               []byte
//	List                          []any
//	Map                           []KeyValue
//	Struct                        map[string]any
//
// Dictionary-encoded fields give the type of their values.
func (f Field) ValueType() reflect.Type {
	switch f.Type.ID {
	case TypeBool:
		return reflect.TypeOf(false)
	case TypeInt:
		if f.Extension() == ExtensionIPv4 {
			return reflect.TypeOf("")
		}
		return reflect.TypeOf(intValue(make([]byte, 8), 0, f.Type.BitWidth, f.Type.Signed))
	case TypeFloatingPoint:
		if f.Type.BitWidth == 32 {
			return reflect.TypeOf(float32(0))
		}
		return reflect.TypeOf(float64(0))
	case TypeDecimal, TypeUtf8, TypeTime:
		return reflect.TypeOf("")
	case TypeBinary:
		return reflect.TypeOf([]byte(nil))
	case TypeDate, TypeTimestamp:
		return reflect.TypeOf(time.Time{})
	case TypeInterval:
		return reflect.TypeOf(Interval{})
	case TypeFixedSizeBinary:
		if ext := f.Extension(); ext == ExtensionUUID || ext == ExtensionIPv6 {
			return reflect.TypeOf("")
		}
		return reflect.TypeOf([]byte(nil))
	case TypeList:
		return reflect.TypeOf([]any(nil))
	case TypeMap:
		return reflect.TypeOf([]KeyValue(nil))
	case TypeStruct:
		return reflect.TypeOf(map[string]any(nil))
	}
	return reflect.TypeOf((*any)(nil)).Elem()
}

// validity is an array's validity bitmap; nil when the array has no nulls.
type validity []byte

func (v validity) IsNull(i int) bool { return v != nil && v[i>>3]&(1<<uint(i&7)) == 0 }

type nullArray struct{ n int }

func (a nullArray) Len() int        { return a.n }
func (a nullArray) IsNull(int) bool { return true }
func (a nullArray) Value(int) any   { return nil }

type boolArray struct {
	validity
	n    int
	bits []byte
}

func (a *boolArray) Len() int { return a.n }
func (a *boolArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	return a.bits[i>>3]&(1<<uint(i&7)) != 0
}

// intValue reads the i-th integer of the given width and sign from data.
func intValue(data []byte, i, width int, signed bool) any {
	switch width {
	case 8:
		if signed {
			return int8(data[i])
		}
		return data[i]
	case 16:
		v := le.Uint16(data[2*i:])
		if signed {
			return int16(v)
		}
		return v
	case 32:
		v := le.Uint32(data[4*i:])
		if signed {
			return int32(v)
		}
		return v
	default:
		v := le.Uint64(data[8*i:])
		if signed {
			return int64(v)
		}
		return v
	}
}

type intArray struct {
	validity
	n      int
	data   []byte
	width  int
	signed bool
}

func (a *intArray) Len() int { return a.n }
func (a *intArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	return intValue(a.data, i, a.width, a.signed)
}

// index returns the i-th value as a dictionary index; ok is false when it cannot be one.
func (a *intArray) index(i int) (int64, bool) {
	switch v := intValue(a.data, i, a.width, a.signed).(type) {
	case int8:
		return int64(v), v >= 0
	case int16:
		return int64(v), v >= 0
	case int32:
		return int64(v), v >= 0
	case int64:
		return v, v >= 0
	case uint8:
		return int64(v), true
	case uint16:
		return int64(v), true
	case uint32:
		return int64(v), true
	case uint64:
		return int64(v), v <= math.MaxInt64
	}
	return 0, false
}

type ipv4Array struct {
	validity
	n    int
	data []byte
}

func (a *ipv4Array) Len() int { return a.n }
func (a *ipv4Array) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	v := le.Uint32(a.data[4*i:])
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}).String()
}

type floatArray struct {
	validity
	n     int
	data  []byte
	width int
}

func (a *floatArray) Len() int { return a.n }
func (a *floatArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	if a.width == 32 {
		return math.Float32frombits(le.Uint32(a.data[4*i:]))
	}
	return math.Float64frombits(le.Uint64(a.data[8*i:]))
}

type decimalArray struct {
	validity
	n     int
	data  []byte
	scale int
}

func (a *decimalArray) Len() int { return a.n }
func (a *decimalArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	return formatDecimal(a.data[16*i:16*i+16], a.scale)
}

type dateArray struct {
	validity
	n    int
	data []byte
}

func (a *dateArray) Len() int { return a.n }
func (a *dateArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	days := int64(int32(le.Uint32(a.data[4*i:])))
	return time.Unix(days*86400, 0).UTC()
}

type timeArray struct {
	validity
	n     int
	data  []byte
	unit  TimeUnit
	width int
}

func (a *timeArray) Len() int { return a.n }
func (a *timeArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	var v int64
	if a.width == 32 {
		v = int64(int32(le.Uint32(a.data[4*i:])))
	} else {
		v = int64(le.Uint64(a.data[8*i:]))
	}
	return formatTimeOfDay(v, a.unit)
}

type timestampArray struct {
	validity
	n    int
	data []byte
	unit TimeUnit
}

func (a *timestampArray) Len() int { return a.n }
func (a *timestampArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	v, per := int64(le.Uint64(a.data[8*i:])), a.unit.perSecond()
	seconds, fraction := v/per, v%per
	if fraction < 0 {
		seconds, fraction = seconds-1, fraction+per
	}
	return time.Unix(seconds, fraction*(1e9/per)).UTC()
}

type intervalArray struct {
	validity
	n    int
	data []byte
}

func (a *intervalArray) Len() int { return a.n }
func (a *intervalArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	p := a.data[16*i:]
	return Interval{
		Months:      int32(le.Uint32(p)),
		Days:        int32(le.Uint32(p[4:])),
		Nanoseconds: int64(le.Uint64(p[8:])),
	}
}

// bytesArray is Utf8 or Binary: int32 offsets into data.
type bytesArray struct {
	validity
	n       int
	offsets []byte
	data    []byte
	text    bool
}

func (a *bytesArray) Len() int { return a.n }
func (a *bytesArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	start, end := le.Uint32(a.offsets[4*i:]), le.Uint32(a.offsets[4*i+4:])
	if a.text {
		return string(a.data[start:end])
	}
	return a.data[start:end:end]
}

type fixedBinaryArray struct {
	validity
	n     int
	data  []byte
	width int
	ext   string
}

func (a *fixedBinaryArray) Len() int { return a.n }
func (a *fixedBinaryArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	v := a.data[a.width*i : a.width*(i+1) : a.width*(i+1)]
	switch a.ext {
	case ExtensionUUID:
		return formatUUID(v)
	case ExtensionIPv6:
		return netip.AddrFrom16(*(*[16]byte)(v)).String()
	}
	return v
}

func formatUUID(b []byte) string {
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hex[c>>4], hex[c&15])
	}
	return string(out)
}

type listArray struct {
	validity
	n       int
	offsets []byte
	child   Array
}

func (a *listArray) Len() int { return a.n }
func (a *listArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	start, end := int(le.Uint32(a.offsets[4*i:])), int(le.Uint32(a.offsets[4*i+4:]))
	out := make([]any, end-start)
	for j := range out {
		out[j] = a.child.Value(start + j)
	}
	return out
}

type mapArray struct {
	validity
	n            int
	offsets      []byte
	keys, values Array
}

func (a *mapArray) Len() int { return a.n }
func (a *mapArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	start, end := int(le.Uint32(a.offsets[4*i:])), int(le.Uint32(a.offsets[4*i+4:]))
	out := make([]KeyValue, end-start)
	for j := range out {
		out[j] = KeyValue{Key: a.keys.Value(start + j), Value: a.values.Value(start + j)}
	}
	return out
}

type structArray struct {
	validity
	n        int
	names    []string
	children []Array
}

func (a *structArray) Len() int { return a.n }
func (a *structArray) Value(i int) any {
	if a.IsNull(i) {
		return nil
	}
	out := make(map[string]any, len(a.children))
	for j, child := range a.children {
		out[a.names[j]] = child.Value(i)
	}
	return out
}

// dictArray is a dictionary-encoded array: indices checked against dict when decoded.
type dictArray struct {
	indices *intArray
	dict    Array
}

func (a *dictArray) Len() int          { return a.indices.n }
func (a *dictArray) IsNull(i int) bool { return a.indices.IsNull(i) || a.dict.IsNull(a.at(i)) }
func (a *dictArray) Value(i int) any {
	if a.indices.IsNull(i) {
		return nil
	}
	return a.dict.Value(a.at(i))
}
func (a *dictArray) at(i int) int {
	index, _ := a.indices.index(i)
	return int(index)
}

// chunkedArray is a dictionary grown by delta batches: the parts one after another.
type chunkedArray struct {
	parts []Array
	ends  []int // ends[k]: the number of values in parts[:k+1]
}

func appendArrays(a, b Array) Array {
	c := &chunkedArray{}
	for _, part := range []Array{a, b} {
		if chunked, ok := part.(*chunkedArray); ok {
			for _, p := range chunked.parts {
				c.add(p)
			}
		} else {
			c.add(part)
		}
	}
	return c
}

func (c *chunkedArray) add(p Array) {
	c.parts = append(c.parts, p)
	c.ends = append(c.ends, c.Len()+p.Len())
}

func (c *chunkedArray) Len() int {
	if len(c.ends) == 0 {
		return 0
	}
	return c.ends[len(c.ends)-1]
}

func (c *chunkedArray) locate(i int) (Array, int) {
	k := sort.SearchInts(c.ends, i+1)
	if k > 0 {
		i -= c.ends[k-1]
	}
	return c.parts[k], i
}

func (c *chunkedArray) IsNull(i int) bool {
	p, j := c.locate(i)
	return p.IsNull(j)
}

func (c *chunkedArray) Value(i int) any {
	p, j := c.locate(i)
	return p.Value(j)
}
