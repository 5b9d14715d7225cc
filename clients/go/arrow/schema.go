package arrow

import (
	"errors"
	"fmt"
)

// maxNesting bounds how deep nested types may go, so that a hostile schema cannot exhaust the
// stack. BoyoDB's own limit is the same.
const maxNesting = 64

// Field ids of the Schema.fbs tables read here (a union takes two ids: its type, then its value).
const (
	schemaEndianness     = 0
	schemaFields         = 1
	schemaCustomMetadata = 2

	fieldName           = 0
	fieldNullable       = 1
	fieldTypeType       = 2
	fieldType           = 3
	fieldDictionary     = 4
	fieldChildren       = 5
	fieldCustomMetadata = 6
)

func parseSchema(t table) (*Schema, error) {
	endianness, err := t.int16Field(schemaEndianness, 0)
	if err != nil {
		return nil, err
	}
	if endianness != 0 {
		return nil, errors.New("big-endian Arrow schemas are not supported")
	}
	fields, err := t.tableVector(schemaFields)
	if err != nil {
		return nil, err
	}
	s := &Schema{Fields: make([]Field, len(fields))}
	for i, ft := range fields {
		if s.Fields[i], err = parseField(ft, 0); err != nil {
			return nil, err
		}
	}
	if s.Metadata, err = parseMetadata(t, schemaCustomMetadata); err != nil {
		return nil, err
	}
	return s, nil
}

func parseMetadata(t table, id int) (map[string]string, error) {
	pairs, err := t.tableVector(id)
	if err != nil || len(pairs) == 0 {
		return nil, err
	}
	m := make(map[string]string, len(pairs))
	for _, kv := range pairs {
		k, err := kv.stringField(0)
		if err != nil {
			return nil, err
		}
		v, err := kv.stringField(1)
		if err != nil {
			return nil, err
		}
		m[k] = v
	}
	return m, nil
}

func parseField(t table, depth int) (Field, error) {
	if depth > maxNesting {
		return Field{}, fmt.Errorf("types nest deeper than %d levels", maxNesting)
	}
	var f Field
	var err error
	if f.Name, err = t.stringField(fieldName); err != nil {
		return f, err
	}
	if f.Nullable, err = t.boolField(fieldNullable, false); err != nil {
		return f, err
	}
	if f.Metadata, err = parseMetadata(t, fieldCustomMetadata); err != nil {
		return f, err
	}
	children, err := t.tableVector(fieldChildren)
	if err != nil {
		return f, err
	}
	for _, ct := range children {
		child, err := parseField(ct, depth+1)
		if err != nil {
			return f, err
		}
		f.Children = append(f.Children, child)
	}
	typeID, err := t.uint8Field(fieldTypeType, 0)
	if err != nil {
		return f, err
	}
	typeTable, ok, err := t.tableField(fieldType)
	if err != nil {
		return f, err
	}
	if !ok {
		return f, fmt.Errorf("field %q has no type", f.Name)
	}
	if f.Type, err = parseType(TypeID(typeID), typeTable); err != nil {
		return f, fmt.Errorf("field %q: %w", f.Name, err)
	}
	if err := checkShape(f); err != nil {
		return f, err
	}
	if dt, ok, err := t.tableField(fieldDictionary); err != nil {
		return f, err
	} else if ok {
		if f.Dictionary, err = parseDictionaryEncoding(dt); err != nil {
			return f, fmt.Errorf("field %q: %w", f.Name, err)
		}
	}
	return f, nil
}

// checkShape checks the children a nested type needs, so that decoding can rely on them.
func checkShape(f Field) error {
	switch f.Type.ID {
	case TypeList:
		if len(f.Children) != 1 {
			return fmt.Errorf("list field %q has %d children, want 1", f.Name, len(f.Children))
		}
	case TypeMap:
		if len(f.Children) != 1 || f.Children[0].Type.ID != TypeStruct || len(f.Children[0].Children) != 2 {
			return fmt.Errorf("map field %q is not a list of (key, value) structs", f.Name)
		}
	case TypeFixedSizeBinary:
		if ext := f.Extension(); (ext == ExtensionUUID || ext == ExtensionIPv6) && f.Type.ByteWidth != 16 {
			return fmt.Errorf("field %q of extension %s has %d bytes, want 16", f.Name, ext, f.Type.ByteWidth)
		}
	case TypeInt:
		if f.Extension() == ExtensionIPv4 && (f.Type.BitWidth != 32 || f.Type.Signed) {
			return fmt.Errorf("field %q of extension %s is %s, want uint32", f.Name, ExtensionIPv4, f.Type)
		}
	}
	return nil
}

func parseDictionaryEncoding(t table) (*DictionaryEncoding, error) {
	id, err := t.int64Field(0, 0)
	if err != nil {
		return nil, err
	}
	d := &DictionaryEncoding{ID: id, IndexWidth: 32, IndexSigned: true}
	if it, ok, err := t.tableField(1); err != nil {
		return nil, err
	} else if ok {
		index, err := parseType(TypeInt, it)
		if err != nil {
			return nil, err
		}
		d.IndexWidth, d.IndexSigned = index.BitWidth, index.Signed
	}
	return d, nil
}

// parseType reads the table of the Type union member id.
func parseType(id TypeID, t table) (DataType, error) {
	dt := DataType{ID: id}
	switch id {
	case TypeNull, TypeBinary, TypeUtf8, TypeBool, TypeList, TypeStruct, TypeMap:
		return dt, nil
	case TypeInt:
		width, err := t.int32Field(0, 0)
		if err != nil {
			return dt, err
		}
		if dt.Signed, err = t.boolField(1, false); err != nil {
			return dt, err
		}
		if width != 8 && width != 16 && width != 32 && width != 64 {
			return dt, fmt.Errorf("integer width %d is not supported", width)
		}
		dt.BitWidth = int(width)
	case TypeFloatingPoint:
		precision, err := t.int16Field(0, 0)
		if err != nil {
			return dt, err
		}
		switch precision {
		case 1:
			dt.BitWidth = 32
		case 2:
			dt.BitWidth = 64
		default:
			return dt, errors.New("half-precision floats are not supported")
		}
	case TypeDecimal:
		precision, err := t.int32Field(0, 0)
		if err != nil {
			return dt, err
		}
		scale, err := t.int32Field(1, 0)
		if err != nil {
			return dt, err
		}
		width, err := t.int32Field(2, 128)
		if err != nil {
			return dt, err
		}
		if width != 128 || precision < 1 || precision > 38 || scale < 0 || scale > precision {
			return dt, fmt.Errorf("decimal(%d, %d) of %d bits is not supported", precision, scale, width)
		}
		dt.BitWidth, dt.Precision, dt.Scale = 128, int(precision), int(scale)
	case TypeDate:
		unit, err := t.int16Field(0, 1)
		if err != nil {
			return dt, err
		}
		if unit != 0 {
			return dt, errors.New("dates in milliseconds are not supported (only DAY)")
		}
	case TypeTime:
		unit, err := t.int16Field(0, 1)
		if err != nil {
			return dt, err
		}
		width, err := t.int32Field(1, 32)
		if err != nil {
			return dt, err
		}
		dt.Unit, dt.BitWidth = TimeUnit(unit), int(width)
		if !(width == 32 && (dt.Unit == Second || dt.Unit == Millisecond)) &&
			!(width == 64 && (dt.Unit == Microsecond || dt.Unit == Nanosecond)) {
			return dt, fmt.Errorf("time of unit %d and width %d is not supported", unit, width)
		}
	case TypeTimestamp:
		unit, err := t.int16Field(0, 0)
		if err != nil {
			return dt, err
		}
		if unit < 0 || unit > 3 {
			return dt, fmt.Errorf("timestamp unit %d is not supported", unit)
		}
		dt.Unit = TimeUnit(unit)
		if dt.TimeZone, err = t.stringField(1); err != nil {
			return dt, err
		}
	case TypeInterval:
		unit, err := t.int16Field(0, 0)
		if err != nil {
			return dt, err
		}
		if unit != 2 {
			return dt, fmt.Errorf("interval unit %d is not supported (only MONTH_DAY_NANO)", unit)
		}
	case TypeFixedSizeBinary:
		width, err := t.int32Field(0, 0)
		if err != nil {
			return dt, err
		}
		if width <= 0 {
			return dt, fmt.Errorf("fixed-size binary width %d is not valid", width)
		}
		dt.ByteWidth = int(width)
	default:
		return dt, fmt.Errorf("Arrow type %d is not supported", id)
	}
	return dt, nil
}
