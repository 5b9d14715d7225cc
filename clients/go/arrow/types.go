package arrow

import "fmt"

// TypeID names an Arrow type; the values are those of the Type union in Arrow's Schema.fbs.
type TypeID uint8

// The Arrow types this package decodes. Others (unions, views, large and fixed-size lists,
// durations, half floats, dates in milliseconds) are refused when the schema is read, since BoyoDB never sends them.
const (
	TypeNull            TypeID = 1
	TypeInt             TypeID = 2
	TypeFloatingPoint   TypeID = 3
	TypeBinary          TypeID = 4
	TypeUtf8            TypeID = 5
	TypeBool            TypeID = 6
	TypeDecimal         TypeID = 7
	TypeDate            TypeID = 8
	TypeTime            TypeID = 9
	TypeTimestamp       TypeID = 10
	TypeInterval        TypeID = 11
	TypeList            TypeID = 12
	TypeStruct          TypeID = 13
	TypeFixedSizeBinary TypeID = 15
	TypeMap             TypeID = 17
)

// TimeUnit is the resolution of Time and Timestamp values.
type TimeUnit int16

// The time units of Schema.fbs.
const (
	Second TimeUnit = iota
	Millisecond
	Microsecond
	Nanosecond
)

// perSecond is how many units make a second.
func (u TimeUnit) perSecond() int64 {
	switch u {
	case Second:
		return 1
	case Millisecond:
		return 1e3
	case Microsecond:
		return 1e6
	default:
		return 1e9
	}
}

// digits is how many decimal digits a fraction of a second has in this unit.
func (u TimeUnit) digits() int {
	switch u {
	case Second:
		return 0
	case Millisecond:
		return 3
	case Microsecond:
		return 6
	default:
		return 9
	}
}

func (u TimeUnit) String() string {
	switch u {
	case Second:
		return "s"
	case Millisecond:
		return "ms"
	case Microsecond:
		return "us"
	case Nanosecond:
		return "ns"
	}
	return fmt.Sprintf("unit %d", int16(u))
}

// Extension names BoyoDB puts in ARROW:extension:name.
const (
	ExtensionUUID = "arrow.uuid"
	ExtensionIPv4 = "boyodb.ipv4"
	ExtensionIPv6 = "boyodb.ipv6"
)

// DataType is an Arrow type with its parameters; only those of its ID are meaningful.
type DataType struct {
	ID        TypeID
	BitWidth  int      // Int: 8..64; FloatingPoint: 32 or 64; Time: 32 or 64; Decimal: 128
	Signed    bool     // Int
	Precision int      // Decimal
	Scale     int      // Decimal
	Unit      TimeUnit // Time, Timestamp
	TimeZone  string   // Timestamp
	ByteWidth int      // FixedSizeBinary
}

func (t DataType) String() string {
	switch t.ID {
	case TypeNull:
		return "null"
	case TypeInt:
		if t.Signed {
			return fmt.Sprintf("int%d", t.BitWidth)
		}
		return fmt.Sprintf("uint%d", t.BitWidth)
	case TypeFloatingPoint:
		return fmt.Sprintf("float%d", t.BitWidth)
	case TypeBinary:
		return "binary"
	case TypeUtf8:
		return "utf8"
	case TypeBool:
		return "bool"
	case TypeDecimal:
		return fmt.Sprintf("decimal%d(%d, %d)", t.BitWidth, t.Precision, t.Scale)
	case TypeDate:
		return "date[day]"
	case TypeTime:
		return fmt.Sprintf("time%d[%s]", t.BitWidth, t.Unit)
	case TypeTimestamp:
		if t.TimeZone == "" {
			return fmt.Sprintf("timestamp[%s]", t.Unit)
		}
		return fmt.Sprintf("timestamp[%s, tz=%s]", t.Unit, t.TimeZone)
	case TypeInterval:
		return "interval[month_day_nano]"
	case TypeList:
		return "list"
	case TypeStruct:
		return "struct"
	case TypeFixedSizeBinary:
		return fmt.Sprintf("fixed_size_binary[%d]", t.ByteWidth)
	case TypeMap:
		return "map"
	}
	return fmt.Sprintf("type %d", t.ID)
}

// DictionaryEncoding says a field's values come as indices into a dictionary sent in
// DictionaryBatch messages with the same ID.
type DictionaryEncoding struct {
	ID          int64
	IndexWidth  int // bits: 8, 16, 32 or 64
	IndexSigned bool
}

// Field is one column of a schema, or one child of a nested type.
type Field struct {
	Name       string
	Nullable   bool
	Type       DataType
	Children   []Field // List: the item; Map: the entries struct (key, value); Struct: its fields
	Dictionary *DictionaryEncoding
	Metadata   map[string]string
}

// Extension is the field's ARROW:extension:name, "" for none.
func (f Field) Extension() string { return f.Metadata["ARROW:extension:name"] }

// Schema is the list of columns of a stream.
type Schema struct {
	Fields   []Field
	Metadata map[string]string
}
