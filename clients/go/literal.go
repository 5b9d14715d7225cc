package boyodb

import (
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

var valuerType = reflect.TypeOf((*driver.Valuer)(nil)).Elem()

// normalizeArg reduces an argument to one of the types literal writes: nil, bool, int64,
// uint64, float32, float64, string, []byte, time.Time or Interval. Other integer types
// widen; a nil []byte is NULL; json.RawMessage becomes its text; net.IP and netip.Addr their text form;
// driver.Valuers give their value; named types of those kinds and pointers go through
// database/sql's default conversion.
func normalizeArg(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, int64, uint64, float32, float64, string, time.Time, Interval:
		return v, nil
	case []byte:
		if x == nil {
			return nil, nil // as database/sql's own drivers treat it: NULL, not an empty BYTEA
		}
		return x, nil
	case int:
		return int64(x), nil
	case int8:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case uint:
		return uint64(x), nil
	case uint8:
		return uint64(x), nil
	case uint16:
		return uint64(x), nil
	case uint32:
		return uint64(x), nil
	case json.RawMessage:
		if x == nil {
			return nil, nil
		}
		return string(x), nil
	case net.IP:
		if x == nil {
			return nil, nil
		}
		if len(x) != net.IPv4len && len(x) != net.IPv6len {
			return nil, fmt.Errorf("boyodb: net.IP of %d bytes is not an address", len(x))
		}
		return x.String(), nil
	case netip.Addr:
		if !x.IsValid() {
			return nil, errors.New("boyodb: the zero netip.Addr is not an address")
		}
		return x.String(), nil
	case driver.Valuer:
		// A nil pointer whose Value method has a value receiver would panic: it stands for NULL,
		// as database/sql treats it.
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() &&
			rv.Type().Elem().Implements(valuerType) {
			return nil, nil
		}
		value, err := x.Value()
		if err != nil {
			return nil, err
		}
		if _, again := value.(driver.Valuer); again {
			return nil, fmt.Errorf("boyodb: %T.Value returned another driver.Valuer", v)
		}
		return normalizeArg(value)
	}
	converted, err := driver.DefaultParameterConverter.ConvertValue(v)
	if err != nil {
		return nil, fmt.Errorf("boyodb: unsupported argument type %T: %w", v, err)
	}
	return normalizeArg(converted)
}

// literal writes an argument as a SQL literal of PostgreSQL's dialect, with
// standard_conforming_strings on (a backslash in '...' is an ordinary character).
func literal(v any) (string, error) {
	v, err := normalizeArg(v)
	if err != nil {
		return "", err
	}
	switch x := v.(type) {
	case nil:
		return "NULL", nil
	case bool:
		if x {
			return "TRUE", nil
		}
		return "FALSE", nil
	case int64:
		// Parenthesized so that "x -$1" cannot become the comment "x --1", and so that a cast
		// after the placeholder applies to the negative number: $1::smallint with -32768.
		if x < 0 {
			return "(" + strconv.FormatInt(x, 10) + ")", nil
		}
		return strconv.FormatInt(x, 10), nil
	case uint64:
		return strconv.FormatUint(x, 10), nil
	case float32:
		return floatLiteral(float64(x), 32, "real"), nil
	case float64:
		return floatLiteral(x, 64, "double precision"), nil
	case string:
		return stringLiteral(x)
	case []byte:
		return "'\\x" + hex.EncodeToString(x) + "'::bytea", nil
	case time.Time:
		return timeLiteral(x)
	case Interval:
		return "'" + x.String() + "'::interval", nil
	}
	return "", fmt.Errorf("boyodb: unsupported argument type %T", v)
}

// floatLiteral writes a float as a typed string literal: the type keeps "$1 / 2" a float
// division when the value is integral, and NaN and the infinities have only this spelling.
// The shortest decimal that reads back as the same float is used.
func floatLiteral(f float64, bits int, typeName string) string {
	var text string
	switch {
	case math.IsNaN(f):
		text = "NaN"
	case math.IsInf(f, 1):
		text = "Infinity"
	case math.IsInf(f, -1):
		text = "-Infinity"
	default:
		text = strconv.FormatFloat(f, 'g', -1, bits)
	}
	return "'" + text + "'::" + typeName
}

func stringLiteral(s string) (string, error) {
	if strings.IndexByte(s, 0) >= 0 {
		return "", errors.New("boyodb: a string argument contains a NUL byte, which SQL text cannot hold")
	}
	if !utf8.ValidString(s) {
		return "", errors.New("boyodb: a string argument is not valid UTF-8 (pass bytes as []byte)")
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", nil
}

// timeLiteral writes a time as a timestamptz in UTC with microseconds (the server's
// resolution; finer digits are cut). Years before 1 AD cannot be written.
func timeLiteral(t time.Time) (string, error) {
	t = t.UTC()
	if t.Year() < 1 {
		return "", fmt.Errorf("boyodb: time %v is before year 1", t)
	}
	return "'" + t.Format("2006-01-02T15:04:05.000000Z") + "'::timestamptz", nil
}
