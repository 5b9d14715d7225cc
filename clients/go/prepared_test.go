package boyodb

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests of statements prepared on the server: the prepare, execute and deallocate
// requests behind db.Prepare.

// prepareRaw prepares query on c, as database/sql does, and returns the driver's statement.
func prepareRaw(c *Conn, query string) (*stmt, error) {
	ds, err := c.PrepareContext(context.Background(), query)
	if err != nil {
		return nil, err
	}
	return ds.(*stmt), nil
}

func TestPrepareInfersParameterTypes(t *testing.T) {
	db := openDB(t)
	exec(t, db, "CREATE TABLE infer_t (a BIGINT, b TEXT, c TIMESTAMPTZ, d DOUBLE PRECISION)")
	raw(t, db, func(c *Conn) error {
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"SELECT a FROM infer_t WHERE b = $1 AND a > $2", []string{"TEXT", "BIGINT"}},
			{"INSERT INTO infer_t VALUES ($1, $2, $3, $4)", []string{"BIGINT", "TEXT", "TIMESTAMPTZ", "DOUBLE PRECISION"}},
			{"UPDATE infer_t SET d = $2 WHERE a = $1", []string{"BIGINT", "DOUBLE PRECISION"}},
			{"SELECT $1 + 1, $2::boolean", []string{"INTEGER", "BOOLEAN"}},
			{"SELECT $1", []string{"TEXT"}},
			{"SELECT count(*) FROM infer_t", []string{}},
		} {
			s, err := prepareRaw(c, tc.query)
			if err != nil {
				return fmt.Errorf("%s: %w", tc.query, err)
			}
			if !reflect.DeepEqual(s.parameterTypes, tc.want) || s.NumInput() != len(tc.want) {
				t.Errorf("%s: parameter types %q, NumInput %d, want %q", tc.query, s.parameterTypes, s.NumInput(), tc.want)
			}
			if err := s.Close(); err != nil {
				return fmt.Errorf("closing %s: %w", tc.query, err)
			}
		}
		// Each statement has a name of its own: preparing one text twice is no conflict.
		first, err := prepareRaw(c, "SELECT 1")
		if err != nil {
			return err
		}
		defer first.Close()
		second, err := prepareRaw(c, "SELECT 1")
		if err != nil {
			return fmt.Errorf("preparing a text a second time: %w", err)
		}
		defer second.Close()
		if first.name == second.name {
			t.Errorf("two statements are both named %q", first.name)
		}
		return nil
	})

	// database/sql takes the count of arguments from NumInput and checks it before sending.
	stmt, err := db.Prepare("SELECT a FROM infer_t WHERE b = $1 AND a > $2")
	if err != nil {
		t.Fatal(err)
	}
	defer stmt.Close()
	if _, err := stmt.Query("x"); err == nil || !strings.Contains(err.Error(), "expected 2 arguments, got 1") {
		t.Errorf("one argument for two parameters: got %v", err)
	}
	rows, err := stmt.Query("x", 1)
	if err != nil {
		t.Fatal(err)
	}
	if cols, _ := rows.Columns(); fmt.Sprint(cols) != "[a]" || rows.Next() {
		t.Errorf("columns %v, or a row from an empty table", cols)
	}
	rows.Close()
}

func TestPrepareErrors(t *testing.T) {
	db := openDB(t)
	for _, tc := range []struct {
		query    string
		state    string
		position int
	}{
		{"SELEC 1", "42601", 1},
		{"SELECT * FROM nope WHERE a = $1", "42P01", 15},
		{"SELECT 1; SELECT 2", "42601", 0}, // one statement only, as in PostgreSQL
		{"SELECT $2::int", "42P18", 0},     // $1's type cannot be inferred
	} {
		_, err := db.Prepare(tc.query)
		var e *Error
		if !errors.As(err, &e) || e.SQLState != tc.state || e.Position != tc.position {
			t.Errorf("%s: got %v, want SQLSTATE %s at position %d", tc.query, err, tc.state, tc.position)
		}
	}
}

// TestPreparedParametersOfEveryGoType stores a value of every Go type the driver takes through
// a prepared INSERT, as TestParametersOfEveryGoType does with arguments written into the text.
func TestPreparedParametersOfEveryGoType(t *testing.T) {
	db := openDB(t)
	exec(t, db, fmt.Sprintf(allTypesTable, "prep_params_t"))
	insert, err := db.Prepare(`INSERT INTO prep_params_t (id, b, i8, i16, i32, i64, u8, u16, u32, u64,
		r, d, dec, t, j, by, dt, tm, ts, tstz, iv, u) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
		$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`)
	if err != nil {
		t.Fatal(err)
	}
	defer insert.Close()
	zone := time.FixedZone("IST", 5*3600+30*60)
	when := time.Date(2024, 1, 2, 8, 34, 5, 123456789, zone)
	text := "it's \\ \"quoted\" $1 -- /* é ☃ */ $$ \\x00"
	str := "pointer"
	if _, err := insert.Exec(1, true, int8(-128), int16(-32768), int32(math.MinInt32),
		int64(math.MinInt64), uint8(255), uint16(65535), uint32(math.MaxUint32), uint64(math.MaxUint64),
		float32(1.1), math.Inf(-1), "-123456789012345.12345", text, json.RawMessage(`{"a":[1,2]}`),
		[]byte{0, 1, 0xfe, 0xff}, when, "23:59:59.999999", when, when,
		Interval{Months: 14, Days: -3, Nanoseconds: 4*3600e9 + 5e6},
		"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"); err != nil {
		t.Fatal(err)
	}
	// NULLs of every kind, named types, pointers and driver.Valuers.
	if _, err := insert.Exec(2, sql.NullBool{}, nil, nil, nil, (*int64)(nil), nil, nil, nil, nil,
		nil, sql.NullFloat64{Float64: 2.5, Valid: true}, 0.5, &str, jsonDoc{A: []int{3}},
		[]byte(nil), nil, nil, sql.NullTime{}, nil, nil,
		label("00000000-0000-0000-0000-000000000001")); err != nil {
		t.Fatal(err)
	}
	if _, err := insert.Exec(3, false, int8(127), int16(32767), int32(math.MaxInt32),
		int64(math.MaxInt64), uint8(0), uint16(0), uint32(0), uint64(0), float32(math.Inf(1)),
		math.NaN(), 1e-5, "", json.RawMessage(`[]`), []byte{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		"00:00:00", time.Unix(0, 0), time.Unix(0, 0), Interval{}, "00000000-0000-0000-0000-000000000000"); err != nil {
		t.Fatal(err)
	}
	if _, err := insert.Exec(4, nil, nil, nil, nil, nil, nil, nil, nil, nil, float32(-3), math.Copysign(0, -1),
		nil, nil, nil, nil, nil, nil, nil, nil, nil, nil); err != nil {
		t.Fatal(err)
	}

	epoch := time.Unix(0, 0).UTC()
	one, two := paramsRowsOneAndTwo(text)
	want := map[int32][]any{
		1: one,
		2: two,
		3: {false, int8(127), int16(32767), int32(math.MaxInt32), int64(math.MaxInt64),
			uint8(0), uint16(0), uint32(0), uint64(0), float32(math.Inf(1)), nil /* NaN */, "0.00001", "",
			"[]", []byte{}, time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "00:00:00", epoch, epoch, Interval{},
			"00000000-0000-0000-0000-000000000000"},
		4: {nil, nil, nil, nil, nil, nil, nil, nil, nil, float32(-3), 0.0, nil, nil, nil, nil, nil, nil,
			nil, nil, nil, nil},
	}
	rows, err := db.Query(`SELECT id, b, i8, i16, i32, i64, u8, u16, u32, u64, r, d, dec, t, j, by,
		dt, tm, ts, tstz, iv, u FROM prep_params_t ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		values := make([]any, 22)
		pointers := make([]any, len(values))
		for i := range values {
			pointers[i] = &values[i]
		}
		if err := rows.Scan(pointers...); err != nil {
			t.Fatal(err)
		}
		id := values[0].(int32)
		seen++
		for i, w := range want[id] {
			got := values[i+1]
			if id == 3 && i+1 == 11 {
				if d, ok := got.(float64); !ok || !math.IsNaN(d) {
					t.Errorf("row 3: NaN came back as %#v", got)
				}
				continue
			}
			if id == 4 && i+1 == 11 && !math.Signbit(got.(float64)) {
				t.Errorf("row 4: -0.0 came back as %#v", got)
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("row %d column %d: got %#v, want %#v", id, i+1, got, w)
			}
		}
	}
	if err := rows.Err(); err != nil || seen != 4 {
		t.Fatalf("%d rows, %v", seen, err)
	}
}

// TestPreparedParametersInExpressions sends each common Go type through a parameter of the
// matching SQL type and reads it back unchanged.
func TestPreparedParametersInExpressions(t *testing.T) {
	db := openDB(t)
	echo, err := db.Prepare(`SELECT $1::bigint, $2::double precision, $3::text, $4::bytea,
		$5::boolean, $6::timestamptz, $7::interval, $8::real`)
	if err != nil {
		t.Fatal(err)
	}
	defer echo.Close()
	for _, in := range [][8]any{
		{int64(math.MaxInt64), math.MaxFloat64, "it's \"quoted\" \\ 'twice''", []byte{0, 0x5c, 0x27, 0xff}, true,
			time.Date(2024, 2, 29, 23, 59, 59, 999999000, time.FixedZone("", -7*3600)),
			Interval{Months: -25, Days: 40, Nanoseconds: -(25*3600e9 + 1000)}, float32(0.1)},
		{int64(math.MinInt64), math.SmallestNonzeroFloat64, "", []byte{}, false,
			time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), Interval{}, float32(math.MaxFloat32)},
		{int64(9007199254740993), 0.1, "$1 'x' -- é", []byte("\\x41"), true,
			time.Date(294246, 12, 31, 0, 0, 0, 0, time.UTC), Interval{Nanoseconds: 86399999999000}, float32(-1.5)},
		{nil, nil, nil, nil, nil, nil, nil, nil},
	} {
		var (
			i  sql.NullInt64
			f  sql.NullFloat64
			s  sql.NullString
			by []byte
			b  sql.NullBool
			ts sql.NullTime
			iv *Interval
			r  *float32
		)
		if err := echo.QueryRow(in[:]...).Scan(&i, &f, &s, &by, &b, &ts, &iv, &r); err != nil {
			t.Fatalf("%v: %v", in, err)
		}
		if in[0] == nil {
			if i.Valid || f.Valid || s.Valid || by != nil || b.Valid || ts.Valid || iv != nil || r != nil {
				t.Errorf("NULLs came back as %v %v %v %v %v %v %v %v", i, f, s, by, b, ts, iv, r)
			}
			continue
		}
		got := []any{i.Int64, f.Float64, s.String, by, b.Bool, ts.Time, *iv, *r}
		want := []any{in[0], in[1], in[2], in[3], in[4], in[5].(time.Time).UTC(), in[6], in[7]}
		for k := range want {
			if !reflect.DeepEqual(got[k], want[k]) {
				t.Errorf("parameter $%d: %#v came back as %#v", k+1, want[k], got[k])
			}
		}
	}
}

func TestPreparedInsertThenSelect(t *testing.T) {
	db := openDB(t)
	exec(t, db, "CREATE TABLE prep_rows_t (id BIGINT, name TEXT, at TIMESTAMPTZ)")
	base := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	insert, err := tx.Prepare("INSERT INTO prep_rows_t VALUES ($1, $2, $3)")
	if err != nil {
		t.Fatal(err)
	}
	const n = 300
	for i := 0; i < n; i++ {
		res, err := insert.Exec(i, fmt.Sprintf("row '%d'", i), base.Add(time.Duration(i)*time.Second))
		if err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		if affected, _ := res.RowsAffected(); affected != 1 {
			t.Fatalf("row %d: %d rows affected", i, affected)
		}
	}
	if err := insert.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	query, err := db.Prepare("SELECT name, at FROM prep_rows_t WHERE id >= $1 AND id < $2 ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer query.Close()
	for from := 0; from < n; from += 7 {
		rows, err := query.Query(from, from+3)
		if err != nil {
			t.Fatal(err)
		}
		id := from
		for rows.Next() {
			var name string
			var at time.Time
			if err := rows.Scan(&name, &at); err != nil {
				t.Fatal(err)
			}
			if name != fmt.Sprintf("row '%d'", id) || !at.Equal(base.Add(time.Duration(id)*time.Second)) {
				t.Errorf("row %d: %q at %v", id, name, at)
			}
			id++
		}
		end := from + 3
		if end > n {
			end = n
		}
		if err := rows.Err(); err != nil || id != end {
			t.Fatalf("from %d: read up to %d, %v", from, id, err)
		}
	}
	var count int64
	countStmt, err := db.Prepare("SELECT count(*) FROM prep_rows_t")
	if err != nil {
		t.Fatal(err)
	}
	defer countStmt.Close()
	if err := countStmt.QueryRow().Scan(&count); err != nil || count != n {
		t.Errorf("count %d, %v", count, err)
	}
	// Exec of a statement that returns rows drops them and counts them.
	if res, err := query.Exec(0, 10); err != nil {
		t.Fatal(err)
	} else if affected, _ := res.RowsAffected(); affected != 10 {
		t.Errorf("Exec of a SELECT counts %d rows", affected)
	}

	// database/sql prepares the statement again on each connection it runs on.
	db.SetMaxOpenConns(4)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				var name string
				id := (w*20 + i) % n
				if err := query.QueryRow(id, id+1).Scan(&name, new(time.Time)); err != nil {
					errs <- err
					return
				}
				if name != fmt.Sprintf("row '%d'", id) {
					errs <- fmt.Errorf("row %d: %q", id, name)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestPreparedStatementErrors runs the failures of execute on one connection, which keeps
// working after each.
func TestPreparedStatementErrors(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	stillWorks := func(what string) {
		t.Helper()
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT 42").Scan(&n); err != nil || n != 42 {
			t.Fatalf("after %s: %d, %v", what, n, err)
		}
	}

	typed, err := conn.PrepareContext(ctx, "SELECT $1::bigint + 1")
	if err != nil {
		t.Fatal(err)
	}
	defer typed.Close()
	for _, tc := range []struct {
		arg   any
		state string
	}{
		{"not a number", "22P02"},
		{uint64(math.MaxUint64), "22003"},
		{1.5, "22P02"},
	} {
		var n int64
		err := typed.QueryRowContext(ctx, tc.arg).Scan(&n)
		var e *Error
		if !errors.As(err, &e) || e.SQLState != tc.state || !errors.Is(err, &Error{SQLState: tc.state}) {
			t.Errorf("%#v: got %v, want SQLSTATE %s", tc.arg, err, tc.state)
		}
		stillWorks(fmt.Sprintf("%#v", tc.arg))
	}
	var n int64
	if err := typed.QueryRowContext(ctx, int64(math.MaxInt64-1)).Scan(&n); err != nil || n != math.MaxInt64 {
		t.Errorf("the statement after its errors: %d, %v", n, err)
	}
	// Values the client cannot send fail before anything is sent.
	if _, err := typed.ExecContext(ctx, "nul\x00byte"); err == nil || !strings.Contains(err.Error(), "NUL") {
		t.Errorf("a string with a NUL byte: got %v", err)
	}
	if _, err := typed.ExecContext(ctx, time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Error("a time before year 1 was sent")
	}
	stillWorks("the client's refusals")

	// A statement failing as it runs.
	divide, err := conn.PrepareContext(ctx, "SELECT 10 / $1::int")
	if err != nil {
		t.Fatal(err)
	}
	defer divide.Close()
	if _, err := divide.ExecContext(ctx, 0); !errors.Is(err, &Error{SQLState: "22012"}) {
		t.Errorf("division by zero: got %v", err)
	}
	stillWorks("division by zero")

	// Close, then use: database/sql refuses, and the server has forgotten the statement.
	closing, err := conn.PrepareContext(ctx, "SELECT $1::int")
	if err != nil {
		t.Fatal(err)
	}
	if err := closing.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := closing.ExecContext(ctx, 1); err == nil {
		t.Error("a closed statement ran")
	}
	stillWorks("closing a statement")

	err = conn.Raw(func(dc any) error {
		c := dc.(*Conn)
		s, err := prepareRaw(c, "SELECT $1::int * 2")
		if err != nil {
			return err
		}
		// The wrong number of values, which database/sql would refuse before sending.
		if _, err := s.QueryContext(ctx, namedValues(nil)); !errors.Is(err, &Error{SQLState: "08P01"}) {
			return fmt.Errorf("no values for one parameter: got %v, want 08P01", err)
		}
		if _, err := s.ExecContext(ctx, args(int64(1), int64(2))); !errors.Is(err, &Error{SQLState: "08P01"}) {
			return fmt.Errorf("two values for one parameter: got %v, want 08P01", err)
		}
		if err := s.Close(); err != nil {
			return err
		}
		if err := s.Close(); err != nil {
			return fmt.Errorf("closing twice: %w", err)
		}
		if _, err := s.ExecContext(ctx, args(int64(1))); !errors.Is(err, errStmtClosed) {
			return fmt.Errorf("executing a closed statement: got %v", err)
		}
		// Deallocated on the server: executing its name is 26000.
		if _, err := c.do(ctx, &request{Op: "execute", Name: s.name, Parameters: []any{int64(1)}}); !errors.Is(err, &Error{SQLState: "26000"}) {
			return fmt.Errorf("executing a deallocated statement: got %v, want 26000", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	stillWorks("the protocol's errors")
}
