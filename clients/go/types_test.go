package boyodb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"reflect"
	"strings"
	"testing"
	"time"

	at "boyodb.dev/clients/go/boyodb/internal/arrowtest"
)

// allTypesTable holds a column of every type SQL can write.
const allTypesTable = `CREATE TABLE %s (id INT, b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER,
	i64 BIGINT, u8 UINT8, u16 UINT16, u32 UINT32, u64 UINT64, r REAL, d DOUBLE PRECISION,
	dec DECIMAL(20,5), t TEXT, j JSON, by BYTEA, dt DATE, tm TIME, ts TIMESTAMP, tstz TIMESTAMPTZ,
	iv INTERVAL, u UUID, arr INTEGER[], tarr TEXT[])`

type jsonDoc struct {
	A []int `json:"a"`
}

func (d jsonDoc) Value() (driver.Value, error) {
	b, err := json.Marshal(d)
	return string(b), err
}

type label string

func TestParametersOfEveryGoType(t *testing.T) {
	db := openDB(t)
	exec(t, db, fmt.Sprintf(allTypesTable, "params_t"))
	zone := time.FixedZone("IST", 5*3600+30*60)
	when := time.Date(2024, 1, 2, 8, 34, 5, 123456789, zone)
	text := "it's \\ \"quoted\" $1 -- /* é ☃ */ $$"
	str := "pointer"
	_, err := db.Exec(`INSERT INTO params_t (id, b, i8, i16, i32, i64, u8, u16, u32, u64, r, d, dec,
		t, j, by, dt, tm, ts, tstz, iv, u) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
		$13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
		1, true, int8(-128), int16(-32768), int32(math.MinInt32), int64(math.MinInt64),
		uint8(255), uint16(65535), uint32(math.MaxUint32), uint64(math.MaxUint64),
		float32(1.1), math.Inf(-1), "-123456789012345.12345",
		text, json.RawMessage(`{"a":[1,2]}`), []byte{0, 1, 0xfe, 0xff}, when, "23:59:59.999999",
		when, when, Interval{Months: 14, Days: -3, Nanoseconds: 4*3600e9 + 5e6},
		"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
	if err != nil {
		t.Fatal(err)
	}
	// NULLs of every kind, named types, pointers and driver.Valuers.
	_, err = db.Exec(`INSERT INTO params_t (id, b, i64, u64, d, dec, t, j, by, ts, iv) VALUES
		($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		2, sql.NullBool{}, (*int64)(nil), nil, sql.NullFloat64{Float64: 2.5, Valid: true}, 0.5,
		&str, jsonDoc{A: []int{3}}, []byte(nil), sql.NullTime{}, label("no interval"))
	if err == nil {
		t.Fatal("a string argument for an INTERVAL column was accepted")
	}
	_, err = db.Exec(`INSERT INTO params_t (id, b, i64, u64, d, dec, t, j, by, ts, u) VALUES
		($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		2, sql.NullBool{}, (*int64)(nil), nil, sql.NullFloat64{Float64: 2.5, Valid: true}, 0.5,
		&str, jsonDoc{A: []int{3}}, []byte(nil), sql.NullTime{}, label("00000000-0000-0000-0000-000000000001"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`INSERT INTO params_t (id, d, r, t) VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)`,
		3, math.NaN(), float32(math.Inf(1)), "", 4, -0.0, float32(-3), nil)
	if err != nil {
		t.Fatal(err)
	}

	one, two := paramsRowsOneAndTwo(text)
	want := map[int][]any{1: one, 2: two}
	rows, err := db.Query(`SELECT id, b, i8, i16, i32, i64, u8, u16, u32, u64, r, d, dec, t, j, by, dt, tm,
		ts, tstz, iv, u FROM params_t ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		values := make([]any, 22)
		pointers := make([]any, len(values))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			t.Fatal(err)
		}
		id := int(values[0].(int32))
		switch id {
		case 3:
			if d := values[11].(float64); !math.IsNaN(d) || values[10] != float32(math.Inf(1)) || values[13] != "" {
				t.Errorf("row 3: %v", values)
			}
		case 4:
			if d := values[11].(float64); d != 0 || values[10] != float32(-3) || values[13] != nil {
				t.Errorf("row 4: %v", values)
			}
		default:
			for i, w := range want[id] {
				if !reflect.DeepEqual(values[i+1], w) {
					t.Errorf("row %d column %d: got %#v, want %#v", id, i+1, values[i+1], w)
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}

	// Parameters in expressions, where a literal's spelling matters.
	var s string
	var f float64
	var i int64
	if err := db.QueryRow("SELECT $1::text, $2 / 2, 10 -$3", text, 3.0, -5).Scan(&s, &f, &i); err != nil {
		t.Fatal(err)
	}
	if s != text || f != 1.5 || i != 15 {
		t.Errorf("got %q, %v, %d", s, f, i)
	}
	if err := db.QueryRow("SELECT $1::smallint", int16(math.MinInt16)).Scan(&i); err != nil || i != math.MinInt16 {
		t.Errorf("the smallest smallint: %d, %v", i, err)
	}
	for _, iv := range []Interval{{}, {Months: -25, Days: 40, Nanoseconds: -(25*3600e9 + 1000)},
		{Days: -1, Nanoseconds: 1000}, {Months: 12}, {Nanoseconds: 86399999999000}} {
		var back Interval
		if err := db.QueryRow("SELECT $1", iv).Scan(&back); err != nil || back != iv {
			t.Errorf("interval %v came back as %v, %v", iv, back, err)
		}
	}
	if _, err := db.Exec("SELECT $1", net.ParseIP("10.0.0.1")); err != nil {
		t.Errorf("a net.IP argument: %v", err)
	}
	if _, err := db.Exec("SELECT $1", "nul\x00byte"); err == nil {
		t.Error("a string with a NUL byte was accepted")
	}
	if _, err := db.Exec("SELECT '\xff'"); err == nil {
		t.Error("a query that is not UTF-8 was sent")
	}
}

// TestEveryTypeScans reads a row of every type and a row of NULLs into typed destinations
// (sql.Null* and the like) and into any.
func TestEveryTypeScans(t *testing.T) {
	db := openDB(t)
	exec(t, db, fmt.Sprintf(allTypesTable, "scan_t"),
		`INSERT INTO scan_t VALUES (1, false, 127, 32767, 2147483647, 9223372036854775807, 0, 1, 2, 3,
			-1.25, 6.02214076e23, 99999.99999, 'text', '[true, null]', '\x00ff'::bytea,
			'0001-01-01', '00:00:00', '1970-01-01 00:00:00', '2000-02-29 12:00:00+00',
			'-1 mons 00:00:00.000001', '00000000-0000-0000-0000-000000000000',
			ARRAY[1, NULL, -3], ARRAY['a', NULL, 'c''d'])`,
		`INSERT INTO scan_t (id) VALUES (2)`)

	var (
		b                     sql.NullBool
		i8, i16, i32, u8, u16 sql.NullInt32
		i64                   sql.NullInt64
		u32, u64              sql.NullString
		r, d                  sql.NullFloat64
		dec, tx, tm, u, js    sql.NullString
		by                    []byte
		dt, ts, tstz          sql.NullTime
		iv                    *Interval
		arr, tarr             any
		decAsFloat            sql.NullFloat64
	)
	query := `SELECT b, i8, i16, i32, i64, u8, u16, u32, u64, r, d, dec, t, j, by, dt, tm, ts, tstz, iv,
		u, arr, tarr, dec FROM scan_t WHERE id = $1`
	scan := func(id int) {
		t.Helper()
		err := db.QueryRow(query, id).Scan(&b, &i8, &i16, &i32, &i64, &u8, &u16, &u32, &u64, &r, &d,
			&dec, &tx, &js, &by, &dt, &tm, &ts, &tstz, &iv, &u, &arr, &tarr, &decAsFloat)
		if err != nil {
			t.Fatalf("row %d: %v", id, err)
		}
	}
	scan(1)
	got := []any{b, i8, i16, i32, i64, u8, u16, u32, u64, r, d, dec, tx, js, by, dt, tm, ts, tstz, *iv, u, arr, tarr, decAsFloat}
	want := []any{
		sql.NullBool{Valid: true}, sql.NullInt32{Int32: 127, Valid: true}, sql.NullInt32{Int32: 32767, Valid: true},
		sql.NullInt32{Int32: math.MaxInt32, Valid: true}, sql.NullInt64{Int64: math.MaxInt64, Valid: true},
		sql.NullInt32{Valid: true}, sql.NullInt32{Int32: 1, Valid: true},
		sql.NullString{String: "2", Valid: true}, sql.NullString{String: "3", Valid: true},
		sql.NullFloat64{Float64: -1.25, Valid: true}, sql.NullFloat64{Float64: 6.02214076e23, Valid: true},
		sql.NullString{String: "99999.99999", Valid: true}, sql.NullString{String: "text", Valid: true},
		sql.NullString{String: "[true, null]", Valid: true}, []byte{0, 0xff},
		sql.NullTime{Time: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true},
		sql.NullString{String: "00:00:00", Valid: true},
		sql.NullTime{Time: time.Unix(0, 0).UTC(), Valid: true},
		sql.NullTime{Time: time.Date(2000, 2, 29, 12, 0, 0, 0, time.UTC), Valid: true},
		Interval{Months: -1, Nanoseconds: 1000},
		sql.NullString{String: "00000000-0000-0000-0000-000000000000", Valid: true},
		[]any{int32(1), nil, int32(-3)}, []any{"a", nil, "c'd"},
		sql.NullFloat64{Float64: 99999.99999, Valid: true},
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("column %d: got %#v, want %#v", i, got[i], want[i])
		}
	}
	scan(2)
	for i, v := range []any{b.Valid, i8.Valid, i16.Valid, i32.Valid, i64.Valid, u8.Valid, u16.Valid,
		u32.Valid, u64.Valid, r.Valid, d.Valid, dec.Valid, tx.Valid, js.Valid, by != nil, dt.Valid,
		tm.Valid, ts.Valid, tstz.Valid, iv != nil, u.Valid, arr != nil, tarr != nil, decAsFloat.Valid} {
		if v != false {
			t.Errorf("column %d of the NULL row is not NULL", i)
		}
	}
}

// TestIngestedTypes covers types loaded through ingest_ipc (MAP and STRUCT have no SQL
// constructors; IPV4 and IPV6 come along), then read back with SQL.
func TestIngestedTypes(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	field := func(name string, typ at.Type, ext string, children ...at.Field) at.Field {
		f := at.Field{Name: name, Nullable: true, Type: typ, Children: children}
		if ext != "" {
			f.Metadata = at.Extension(ext)
		}
		return f
	}
	stream := new(at.Stream).Schema(
		field("id", at.IntType(32, true), ""),
		field("ip4", at.IntType(32, false), "boyodb.ipv4"),
		field("ip6", at.FixedSizeBinaryType(16), "boyodb.ipv6"),
		field("m", at.MapType(), "", at.Field{Name: "entries", Type: at.StructType(), Children: []at.Field{
			{Name: "key", Type: at.Utf8Type()}, field("value", at.IntType(64, true), "")}}),
		field("s", at.StructType(), "", field("a", at.IntType(32, true), ""), field("b", at.Utf8Type(), "")),
		field("n", at.NullType(), ""),
	).Batch(3,
		at.Ints(32, int64(1), int64(2), int64(3)),
		at.IPv4s("192.168.1.1", nil, "0.0.0.0"),
		at.IPv6s("2001:db8::1", nil, "::ffff:1.2.3.4"),
		at.Map([]any{2, nil, 0}, at.Bytes("a", "b"), at.Ints(64, int64(1), nil)),
		at.Struct([]bool{true, false, true}, at.Ints(32, int64(7), int64(0), nil), at.Bytes("x", nil, nil)),
		at.Nulls(3),
	).Bytes()
	raw(t, db, func(c *Conn) error {
		err := c.CreateTable(ctx, "ingest_t", []Column{
			{Name: "id", Type: "INTEGER"}, {Name: "ip4", Type: "IPV4"}, {Name: "ip6", Type: "IPV6"},
			{Name: "m", Type: "MAP(TEXT, BIGINT)"}, {Name: "s", Type: "STRUCT(a INTEGER, b TEXT)"},
			{Name: "n", Type: "TEXT"},
		}, TableOptions{})
		if err != nil {
			return err
		}
		n, err := c.IngestIPC(ctx, "ingest_t", stream)
		if err != nil || n != 3 {
			return fmt.Errorf("IngestIPC: %d, %v", n, err)
		}
		if _, err := c.IngestIPC(ctx, "ingest_t", []byte("not arrow")); err == nil {
			return fmt.Errorf("IngestIPC took garbage")
		}
		return nil
	})
	rows, err := db.Query("SELECT ip4, ip6, m, s, n, NULL AS untyped FROM ingest_t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	types, _ := rows.ColumnTypes()
	var names []string
	for _, ct := range types {
		names = append(names, ct.DatabaseTypeName()+" "+ct.ScanType().String())
	}
	if want := "IPV4 string,IPV6 string,MAP []arrow.KeyValue,STRUCT map[string]interface {},TEXT string,TEXT string"; strings.Join(names, ",") != want {
		t.Errorf("column types %v, want %v", names, want)
	}
	want := [][]any{
		{"192.168.1.1", "2001:db8::1", []KeyValue{{Key: "a", Value: int64(1)}, {Key: "b", Value: nil}},
			map[string]any{"a": int32(7), "b": "x"}, nil, nil},
		{nil, nil, nil, nil, nil, nil},
		{"0.0.0.0", "::ffff:1.2.3.4", []KeyValue{}, map[string]any{"a": nil, "b": nil}, nil, nil},
	}
	var got [][]any
	for rows.Next() {
		values := make([]any, 6)
		var ip4, ip6 sql.NullString
		if err := rows.Scan(&ip4, &ip6, &values[2], &values[3], &values[4], &values[5]); err != nil {
			t.Fatal(err)
		}
		if ip4.Valid {
			values[0] = ip4.String
		}
		if ip6.Valid {
			values[1] = ip6.String
		}
		got = append(got, values)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}

// TestLowCardinalityText reads a TEXT column of few distinct values over many rows, the shape
// segments store dictionary-encoded, checking every value.
func TestLowCardinalityText(t *testing.T) {
	db := openDB(t)
	exec(t, db, "CREATE TABLE lowcard_t (id INT, k TEXT)",
		"INSERT INTO lowcard_t SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE 'value ' || (i % 5) END FROM generate_series(1, 150000) AS g(i)")
	raw(t, db, func(c *Conn) error {
		dr, err := c.QueryContext(context.Background(), "SELECT id, k FROM lowcard_t", nil)
		if err != nil {
			return err
		}
		r := dr.(*rows)
		defer r.Close()
		t.Logf("the server sent k dictionary-encoded: %v", r.fields[1].Dictionary != nil)
		dest := make([]driver.Value, 2)
		n := 0
		for {
			if err := r.Next(dest); err == io.EOF {
				break
			} else if err != nil {
				return err
			}
			n++
			id := dest[0].(int32)
			var want driver.Value
			if id%7 != 0 {
				want = fmt.Sprintf("value %d", id%5)
			}
			if dest[1] != want {
				return fmt.Errorf("id %d: got %#v, want %#v", id, dest[1], want)
			}
		}
		if n != 150000 {
			return fmt.Errorf("%d rows, want 150000", n)
		}
		return nil
	})
}

// TestLargeResult reads 200,000 rows, which the server sends as many record batches.
func TestLargeResult(t *testing.T) {
	db := openDB(t)
	raw(t, db, func(c *Conn) error {
		dr, err := c.QueryContext(context.Background(),
			"SELECT i, 'row ' || i AS s, i * 0.5 AS half FROM generate_series(1, 200000) AS g(i)", nil)
		if err != nil {
			return err
		}
		r := dr.(*rows)
		defer r.Close()
		dest := make([]driver.Value, 3)
		var n, sum int64
		batches := map[any]bool{}
		for {
			if err := r.Next(dest); err == io.EOF {
				break
			} else if err != nil {
				return err
			}
			n++
			i := int64(dest[0].(int32))
			sum += i
			if dest[1] != fmt.Sprintf("row %d", i) || dest[2] != fmt.Sprintf("%d.%d", i/2, 5*(i%2)) {
				return fmt.Errorf("row %d: %v", i, dest)
			}
			batches[r.batch] = true
		}
		if n != 200000 || sum != 200000*200001/2 {
			return fmt.Errorf("%d rows summing to %d", n, sum)
		}
		if len(batches) < 2 {
			return fmt.Errorf("the result came in %d batch", len(batches))
		}
		t.Logf("200000 rows in %d record batches", len(batches))
		return nil
	})
}

// What rows 1 and 2 of params_t read back after the inserts of TestParameters and
// TestPreparedParametersOfEveryGoType, with `text` the TEXT value row 1 wrote.
func paramsRowsOneAndTwo(text string) (one, two []any) {
	rows := map[int][]any{
		1: {true, int8(-128), int16(-32768), int32(math.MinInt32), int64(math.MinInt64),
			uint8(255), uint16(65535), uint32(math.MaxUint32), uint64(math.MaxUint64),
			float32(1.1), math.Inf(-1), "-123456789012345.12345", text, `{"a":[1,2]}`,
			[]byte{0, 1, 0xfe, 0xff}, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), "23:59:59.999999",
			time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC), time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC),
			Interval{Months: 14, Days: -3, Nanoseconds: 4*3600e9 + 5e6}, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
		2: {nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, 2.5, "0.50000", "pointer", `{"a":[3]}`,
			nil, nil, nil, nil, nil, nil, "00000000-0000-0000-0000-000000000001"},
	}
	return rows[1], rows[2]
}
