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

// parameterValue converts an argument of a server-side prepared statement to the JSON value
// execute sends: nil, bool, int64, uint64 or string. The server reads each as its
// parameter's type reads text, so every value is written as literal writes it, minus the
// quotes and casts: integers as exact JSON numbers, floats as the text of their shortest
// exact decimal (a string, which also spells NaN and the infinities), bytes as PostgreSQL's
// hex form '\x...', times in UTC with microseconds, intervals in PostgreSQL's form.
func parameterValue(v any) (any, error) {
	v, err := normalizeArg(v)
	if err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case nil, bool, int64, uint64:
		return v, nil
	case float32:
		return floatText(float64(x), 32), nil
	case float64:
		return floatText(x, 64), nil
	case string:
		if err := checkString(x); err != nil {
			return nil, err
		}
		return x, nil
	case []byte:
		return `\x` + hex.EncodeToString(x), nil
	case time.Time:
		return timeText(x)
	case Interval:
		return x.String(), nil
	}
	return nil, fmt.Errorf("boyodb: unsupported argument type %T", v)
}

// floatLiteral writes a float as a typed string literal: the type keeps "$1 / 2" a float
// division when the value is integral, and NaN and the infinities have only this spelling.
func floatLiteral(f float64, bits int, typeName string) string {
	return "'" + floatText(f, bits) + "'::" + typeName
}

// floatText is the shortest decimal that reads back as the same float of the given bits, or
// NaN, Infinity, -Infinity.
func floatText(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'g', -1, bits)
}

func stringLiteral(s string) (string, error) {
	if err := checkString(s); err != nil {
		return "", err
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'", nil
}

// checkString refuses the strings the server cannot take as text.
func checkString(s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return errors.New("boyodb: a string argument contains a NUL byte, which SQL text cannot hold")
	}
	if !utf8.ValidString(s) {
		return errors.New("boyodb: a string argument is not valid UTF-8 (pass bytes as []byte)")
	}
	return nil
}

// timeLiteral writes a time as a timestamptz; see timeText.
func timeLiteral(t time.Time) (string, error) {
	text, err := timeText(t)
	if err != nil {
		return "", err
	}
	return "'" + text + "'::timestamptz", nil
}

// timeText writes a time in UTC with microseconds (the server's resolution; finer digits are
// cut). Years before 1 AD cannot be written.
func timeText(t time.Time) (string, error) {
	t = t.UTC()
	if t.Year() < 1 {
		return "", fmt.Errorf("boyodb: time %v is before year 1", t)
	}
	return t.Format("2006-01-02T15:04:05.000000Z"), nil
}
