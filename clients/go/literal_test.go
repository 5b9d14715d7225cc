package boyodb

import (
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"math"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

type celsius float64

type point struct{ x, y int }

func (p point) Value() (driver.Value, error) { return "(1,2)", nil }

func TestLiteral(t *testing.T) {
	ok := true
	name := "x"
	var nilPoint *point
	zone := time.FixedZone("", 5*3600+30*60)
	for _, tc := range []struct {
		in   any
		want string
	}{
		{nil, "NULL"},
		{true, "TRUE"},
		{false, "FALSE"},
		{0, "0"},
		{int8(-128), "(-128)"},
		{int16(32767), "32767"},
		{int32(-1), "(-1)"},
		{int64(math.MinInt64), "(-9223372036854775808)"},
		{uint(7), "7"},
		{uint8(255), "255"},
		{uint64(math.MaxUint64), "18446744073709551615"},
		{float32(1.1), "'1.1'::real"},
		{1.5, "'1.5'::double precision"},
		{3.0, "'3'::double precision"},
		{1e300, "'1e+300'::double precision"},
		{-0.25, "'-0.25'::double precision"},
		{math.NaN(), "'NaN'::double precision"},
		{math.Inf(1), "'Infinity'::double precision"},
		{math.Inf(-1), "'-Infinity'::double precision"},
		{celsius(-2.5), "'-2.5'::double precision"},
		{"", "''"},
		{"it's", "'it''s'"},
		{`a\b`, `'a\b'`},
		{"$1 -- /* */ \"x\" $$", `'$1 -- /* */ "x" $$'`},
		{"héllo ☃", "'héllo ☃'"},
		{[]byte{}, `'\x'::bytea`},
		{[]byte(nil), "NULL"},
		{[]byte{0xde, 0xad, 0x00}, `'\xdead00'::bytea`},
		{json.RawMessage(`{"a":"b'c"}`), `'{"a":"b''c"}'`},
		{json.RawMessage(nil), "NULL"},
		{time.Date(2024, 1, 2, 3, 4, 5, 123456789, zone), "'2024-01-01T21:34:05.123456Z'::timestamptz"},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), "'10000-01-01T00:00:00.000000Z'::timestamptz"},
		{Interval{Months: 14, Days: -3, Nanoseconds: 1500}, "'1 year 2 mons -3 days +00:00:00.0000015'::interval"},
		{net.ParseIP("192.168.0.1"), "'192.168.0.1'"},
		{net.IP(nil), "NULL"},
		{netip.MustParseAddr("2001:db8::1"), "'2001:db8::1'"},
		{point{}, "'(1,2)'"},
		{nilPoint, "NULL"},
		{&ok, "TRUE"},
		{&name, "'x'"},
		{(*string)(nil), "NULL"},
		{sql.NullString{String: "v", Valid: true}, "'v'"},
		{sql.NullInt64{}, "NULL"},
	} {
		got, err := literal(tc.in)
		if err != nil {
			t.Errorf("%#v: %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%#v: got %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestLiteralRejects(t *testing.T) {
	for _, in := range []any{
		"a\x00b",
		"\xff\xfe",
		time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC),
		net.IP{1, 2, 3},
		netip.Addr{},
		[]int{1},
		struct{}{},
		uint64Named(math.MaxUint64),
	} {
		if got, err := literal(in); err == nil {
			t.Errorf("%#v: got %s, want an error", in, got)
		}
	}
}

type uint64Named uint64

func TestCheckNamedValue(t *testing.T) {
	c := &Conn{}
	nv := &driver.NamedValue{Ordinal: 1, Value: int16(3)}
	if err := c.CheckNamedValue(nv); err != nil || nv.Value != int64(3) {
		t.Errorf("int16: got %#v, %v", nv.Value, err)
	}
	nv = &driver.NamedValue{Ordinal: 1, Value: uint64(math.MaxUint64)}
	if err := c.CheckNamedValue(nv); err != nil || nv.Value != uint64(math.MaxUint64) {
		t.Errorf("uint64: got %#v, %v", nv.Value, err)
	}
	if err := c.CheckNamedValue(&driver.NamedValue{Name: "x", Ordinal: 1, Value: 1}); err == nil ||
		!strings.Contains(err.Error(), "positional") {
		t.Errorf("named argument: got %v", err)
	}
	if err := c.CheckNamedValue(&driver.NamedValue{Ordinal: 1, Value: []string{"a"}}); err == nil {
		t.Error("[]string was accepted")
	}
}

// TestParameterValue checks the JSON values execute sends for a prepared statement's
// arguments: each as literal writes it, minus quotes and casts.
func TestParameterValue(t *testing.T) {
	zone := time.FixedZone("", 5*3600+30*60)
	var nilPoint *point
	values := []any{
		nil, true, int8(-128), int64(math.MinInt64), uint64(math.MaxUint64), float32(1.1), 3.0,
		1e300, math.NaN(), math.Inf(-1), celsius(-2.5), "it's \"q\" \\", []byte{0xde, 0xad, 0x00},
		[]byte{}, []byte(nil), json.RawMessage(`{"a":1}`),
		time.Date(2024, 1, 2, 3, 4, 5, 123456789, zone),
		Interval{Months: 14, Days: -3, Nanoseconds: 1500}, net.ParseIP("10.0.0.1"), point{}, nilPoint,
		sql.NullInt64{Int64: 5, Valid: true},
	}
	sent := make([]any, len(values))
	for i, v := range values {
		var err error
		if sent[i], err = parameterValue(v); err != nil {
			t.Fatalf("%#v: %v", v, err)
		}
	}
	got, err := json.Marshal(&request{Op: "execute", Name: "s", Parameters: sent})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"op":"execute","name":"s","parameters":[null,true,-128,-9223372036854775808,` +
		`18446744073709551615,"1.1","3","1e+300","NaN","-Infinity","-2.5","it's \"q\" \\",` +
		`"\\xdead00","\\x",null,"{\"a\":1}","2024-01-01T21:34:05.123456Z",` +
		`"1 year 2 mons -3 days +00:00:00.0000015","10.0.0.1","(1,2)",null,5]}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, in := range []any{"a\x00b", "\xff\xfe", time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC), []int{1}} {
		if got, err := parameterValue(in); err == nil {
			t.Errorf("%#v: got %#v, want an error", in, got)
		}
	}
}
