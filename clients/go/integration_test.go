package boyodb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestConnectWithDSN(t *testing.T) {
	openDB(t)
	db, err := sql.Open("boyodb", dsn(serverConfig.User, serverConfig.Password))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Ping(); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	// The DSN's database is the connection's current one: a table made there is found unqualified.
	exec(t, db, "CREATE TABLE dsn_check (a INT)")
	var n int
	if err := db.QueryRow(fmt.Sprintf("SELECT count(*) FROM %s.dsn_check", serverConfig.Database)).Scan(&n); err != nil {
		t.Fatalf("the table is not in database %s: %v", serverConfig.Database, err)
	}
}

func TestLoginFailures(t *testing.T) {
	db := openDB(t)
	user := serverConfig.Database + "_user" // users are global: one per test run
	exec(t, db, "CREATE USER "+user+" WITH PASSWORD 'Right-pass-123' LOGIN")
	for _, who := range [][2]string{{user, "Wrong-pass-123"}, {user + "_missing", "whatever-1A"}} {
		bad, err := sql.Open("boyodb", dsn(who[0], who[1]))
		if err != nil {
			t.Fatal(err)
		}
		err = bad.Ping()
		bad.Close()
		var e *Error
		if !errors.As(err, &e) || e.SQLState != "28P01" {
			t.Fatalf("%s: got %v, want SQLSTATE 28P01", who[0], err)
		}
		if !errors.Is(err, &Error{SQLState: "28P01"}) || !strings.Contains(e.Message, "password authentication failed") {
			t.Errorf("%s: got %#v", who[0], e)
		}
	}
	good, err := sql.Open("boyodb", dsn(user, "Right-pass-123"))
	if err != nil {
		t.Fatal(err)
	}
	defer good.Close()
	if err := good.Ping(); err != nil {
		t.Errorf("the right password: %v", err)
	}
	if _, err := Connect(context.Background(), Config{Host: "127.0.0.1", Port: 1, User: "x", Timeout: time.Second}); err == nil {
		t.Error("connecting to a closed port succeeded")
	}
}

func TestNativeOperations(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	raw(t, db, func(c *Conn) error {
		name := serverConfig.Database + "_other"
		if err := c.CreateDatabase(ctx, name, false); err != nil {
			return err
		}
		if err := c.CreateDatabase(ctx, name, true); err != nil {
			return fmt.Errorf("IF NOT EXISTS: %w", err)
		}
		if err := c.CreateDatabase(ctx, name, false); !errors.Is(err, &Error{SQLState: "42P04"}) {
			return fmt.Errorf("creating a database twice: got %v, want 42P04", err)
		}
		err := c.CreateTable(ctx, "native_t", []Column{
			{Name: "id", Type: "BIGINT", NotNull: true},
			{Name: "name", Type: "TEXT"},
			{Name: "price", Type: "DECIMAL(8,2)"},
		}, TableOptions{Codec: "zstd", SortKey: []string{"id"}})
		if err != nil {
			return err
		}
		n, err := c.IngestCSV(ctx, "native_t", "id;name;price\n1;a;1.50\n2;;\n3;\"c;d\";-2\n",
			CSVOptions{Header: true, Delimiter: ";"})
		if err != nil || n != 3 {
			return fmt.Errorf("IngestCSV: %d, %v", n, err)
		}
		null := "NULL"
		if n, err = c.IngestCSV(ctx, "native_t", "4,NULL,NULL\n", CSVOptions{Null: &null}); err != nil || n != 1 {
			return fmt.Errorf("IngestCSV with a NULL string: %d, %v", n, err)
		}
		if _, err := c.IngestCSV(ctx, "native_t", "x,y,z\n", CSVOptions{}); !errors.Is(err, &Error{SQLState: "22P02"}) {
			return fmt.Errorf("bad CSV: got %v, want 22P02", err)
		}
		plan, err := c.Explain(ctx, "SELECT * FROM native_t WHERE id = 1")
		if err != nil || !strings.Contains(strings.ToLower(plan), "native_t") {
			return fmt.Errorf("Explain: %q, %v", plan, err)
		}
		// A frame over the server's request limit (64 MiB by default) ends the connection.
		if _, err := c.IngestIPC(ctx, "native_t", make([]byte, 65<<20)); !errors.Is(err, &Error{SQLState: "54000"}) {
			return fmt.Errorf("an oversized frame: got %v, want 54000", err)
		}
		if c.IsValid() {
			return errors.New("the connection is still valid after the server refused a frame")
		}
		return nil
	})
	raw(t, db, func(c *Conn) error {
		status, err := c.ClusterStatus(ctx)
		if err != nil || status.Mode != "standalone" || len(status.Nodes) != 1 || status.Nodes[0].Role != "leader" {
			return fmt.Errorf("ClusterStatus: %+v, %v", status, err)
		}
		return nil
	})
	var names []string
	rows, err := db.Query("SELECT coalesce(name, '-') FROM native_t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		names = append(names, s)
	}
	if got := strings.Join(names, ","); got != "a,-,c;d,-" || rows.Err() != nil {
		t.Errorf("got %s, %v", got, rows.Err())
	}
}

func TestServerErrors(t *testing.T) {
	db := openDB(t)
	for _, tc := range []struct {
		query    string
		args     []any
		state    string
		position int
	}{
		{"SELEC 1", nil, "42601", 1},
		{"SELECT * FROM nope", nil, "42P01", 15},
		{"SELECT 1/0", nil, "22012", 0},
		{"SELECT 1; SELECT * FROM nope", nil, "42P01", 25},
		// Positions count in the query as written, not in the text with the arguments in it.
		{"SELECT $1, * FROM nope", []any{"a long argument"}, "42P01", 19},
		{"SELECT $1, 'é', * FROM nope", []any{strings.Repeat("x", 50)}, "42P01", 24},
	} {
		_, err := db.Query(tc.query, tc.args...)
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: got %v, want a server error", tc.query, err)
			continue
		}
		if e.SQLState != tc.state || e.Position != tc.position {
			t.Errorf("%s: got SQLSTATE %s position %d, want %s and %d (%v)", tc.query, e.SQLState, e.Position, tc.state, tc.position, e)
		}
	}
	if _, err := db.Exec("INSERT INTO nope VALUES (1)"); !errors.Is(err, &Error{SQLState: "42P01"}) {
		t.Errorf("Exec: got %v", err)
	}
}

func TestTransactions(t *testing.T) {
	db := openDB(t)
	exec(t, db, "CREATE TABLE tx_t (id INT, v TEXT)")
	ctx := context.Background()
	count := func() int {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM tx_t").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO tx_t VALUES ($1, $2), ($3, $4)", 1, "a", 2, "b"); err != nil {
		t.Fatal(err)
	}
	var inside int
	if err := tx.QueryRow("SELECT count(*) FROM tx_t").Scan(&inside); err != nil || inside != 2 {
		t.Fatalf("reading its own writes: %d, %v", inside, err)
	}
	if n := count(); n != 0 {
		t.Errorf("another session sees %d uncommitted rows", n)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Errorf("after COMMIT: %d rows, want 2", n)
	}

	tx, err = db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO tx_t VALUES (3, 'c')"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 2 {
		t.Errorf("after ROLLBACK: %d rows, want 2", n)
	}

	// A failed statement spoils the block: later ones fail with 25P02 and COMMIT rolls back.
	tx, err = db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO tx_t VALUES (4, 'd')"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("SELECT 1/0"); !errors.Is(err, &Error{SQLState: "22012"}) {
		t.Fatalf("got %v", err)
	}
	if _, err := tx.Exec("SELECT 1"); !errors.Is(err, &Error{SQLState: "25P02"}) {
		t.Errorf("in a failed block: got %v, want 25P02", err)
	}
	if err := tx.Commit(); !errors.Is(err, ErrTxRolledBack) {
		t.Errorf("COMMIT of a failed block: got %v, want ErrTxRolledBack", err)
	}
	if n := count(); n != 2 {
		t.Errorf("after the failed block: %d rows, want 2", n)
	}

	for _, opts := range []*sql.TxOptions{{ReadOnly: true}, {Isolation: sql.LevelSerializable}, {Isolation: sql.LevelRepeatableRead}} {
		if tx, err := db.BeginTx(ctx, opts); err == nil {
			tx.Rollback()
			t.Errorf("%+v was accepted", opts)
		}
	}
	tx, err = db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelReadCommitted})
	if err != nil {
		t.Fatalf("read committed: %v", err)
	}
	// A result left open while the transaction runs another statement stays readable.
	rows, err := tx.Query("SELECT id FROM tx_t ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	if _, err := tx.Exec("INSERT INTO tx_t VALUES (5, 'e')"); err != nil {
		t.Fatal(err)
	}
	var ids []int
	for ok := true; ok; ok = rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if fmt.Sprint(ids) != "[1 2]" || rows.Err() != nil {
		t.Errorf("the open result: %v, %v", ids, rows.Err())
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 3 {
		t.Errorf("after the last COMMIT: %d rows, want 3", n)
	}
}

func TestPreparedStatements(t *testing.T) {
	db := openDB(t)
	exec(t, db, "CREATE TABLE prep_t (id BIGINT, name TEXT, score DOUBLE PRECISION)")
	insert, err := db.Prepare("INSERT INTO prep_t VALUES ($1, $2, $3)")
	if err != nil {
		t.Fatal(err)
	}
	defer insert.Close()
	for i := 0; i < 50; i++ {
		res, err := insert.Exec(i, fmt.Sprintf("name '%d'", i), float64(i)/4)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			t.Fatalf("RowsAffected: %d, %v", n, err)
		}
		if _, err := res.LastInsertId(); err == nil {
			t.Fatal("LastInsertId worked")
		}
	}
	if _, err := insert.Exec(1, "too few"); err == nil {
		t.Error("two arguments for three placeholders were accepted")
	}
	query, err := db.Prepare("SELECT name, score FROM prep_t WHERE id >= $1 AND id < $2 ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer query.Close()
	rows, err := query.Query(10, 12)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var name string
		var score float64
		if err := rows.Scan(&name, &score); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s=%g", name, score))
	}
	if strings.Join(got, ",") != "name '10'=2.5,name '11'=2.75" || rows.Err() != nil {
		t.Errorf("got %v, %v", got, rows.Err())
	}
	var name string
	if err := query.QueryRow(49, 50).Scan(&name, new(float64)); err != nil || name != "name '49'" {
		t.Errorf("QueryRow: %q, %v", name, err)
	}
}

func TestExecAndQueryShapes(t *testing.T) {
	db := openDB(t)
	exec(t, db, "CREATE TABLE shape_t (a INT NOT NULL, d DECIMAL(12,3), v TEXT)")
	res, err := db.Exec("INSERT INTO shape_t VALUES (1, 1.5, 'x'), (2, NULL, NULL), (3, -0.001, 'z')")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 3 {
		t.Errorf("INSERT affected %d", n)
	}
	if res, err = db.Exec("SELECT * FROM shape_t"); err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 3 {
		t.Errorf("a SELECT through Exec counts %d rows", n)
	}
	if res, err = db.Exec("UPDATE shape_t SET v = 'y' WHERE a >= $1", 2); err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 2 {
		t.Errorf("UPDATE affected %d", n)
	}
	rows, err := db.Query("DELETE FROM shape_t WHERE a = 3")
	if err != nil {
		t.Fatal(err)
	}
	if cols, _ := rows.Columns(); len(cols) != 0 || rows.Next() {
		t.Errorf("a DELETE through Query has columns %v", cols)
	}
	rows.Close()

	rows, err = db.Query("SELECT a, d, v, a * 2 AS doubled FROM shape_t WHERE false")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	var described []string
	for _, ct := range types {
		nullable, ok := ct.Nullable()
		p, s, isDecimal := ct.DecimalSize()
		described = append(described, fmt.Sprintf("%s %s %v %v/%v %v:%d,%d",
			ct.Name(), ct.DatabaseTypeName(), ct.ScanType(), nullable, ok, isDecimal, p, s))
	}
	want := []string{
		// The server marks every result column nullable, NOT NULL ones included.
		"a INTEGER int32 true/true false:0,0",
		"d DECIMAL string true/true true:12,3",
		"v TEXT string true/true false:0,0",
		"doubled INTEGER int32 true/true false:0,0",
	}
	if strings.Join(described, "\n") != strings.Join(want, "\n") {
		t.Errorf("column types:\n%s\nwant:\n%s", strings.Join(described, "\n"), strings.Join(want, "\n"))
	}
	if rows.Next() {
		t.Error("WHERE false returned a row")
	}
}

func TestParallelPool(t *testing.T) {
	db := openDB(t)
	db.SetMaxOpenConns(4)
	exec(t, db, "CREATE TABLE pool_t (worker INT, i INT)")
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				var got int64
				if err := db.QueryRow("SELECT $1::bigint * $2", w, i).Scan(&got); err != nil {
					errs <- err
					return
				}
				if got != int64(w*i) {
					errs <- fmt.Errorf("worker %d: %d * %d = %d", w, w, i, got)
					return
				}
				if _, err := db.Exec("INSERT INTO pool_t VALUES ($1, $2)", w, i); err != nil {
					errs <- err
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
	var n int
	if err := db.QueryRow("SELECT count(*) FROM pool_t").Scan(&n); err != nil || n != 160 {
		t.Errorf("count %d, %v", n, err)
	}
	if open := db.Stats().OpenConnections; open > 4 {
		t.Errorf("%d connections open, limit 4", open)
	}
}

func TestContextTimeout(t *testing.T) {
	db := openDB(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	start := time.Now()
	var n int64
	err := db.QueryRowContext(ctx, "SELECT count(*) FROM generate_series(1, 10000000)").Scan(&n)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v (%d), want context.DeadlineExceeded", err, n)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("the timeout took %v to take effect", elapsed)
	}
	// The interrupted connection is discarded; the pool goes on with others.
	if err := db.QueryRow("SELECT 42").Scan(&n); err != nil || n != 42 {
		t.Errorf("after the timeout: %d, %v", n, err)
	}
}

func TestCancelWhileReading(t *testing.T) {
	db := openDB(t)
	db.SetMaxOpenConns(1)
	ctx, cancel := context.WithCancel(context.Background())
	rows, err := db.QueryContext(ctx, "SELECT i FROM generate_series(1, 200000) AS g(i)")
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	cancel()
	for rows.Next() {
	}
	if err := rows.Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	rows.Close()
	var n int
	if err := db.QueryRow("SELECT 7").Scan(&n); err != nil || n != 7 {
		t.Errorf("after the cancel: %d, %v", n, err)
	}
}

func TestBrokenConnectionIsReplaced(t *testing.T) {
	db := openDB(t)
	db.SetMaxOpenConns(1)
	// Break the pooled connection under database/sql, as a network failure would.
	raw(t, db, func(c *Conn) error { return c.nc.Close() })
	var n int
	if err := db.QueryRow("SELECT 5").Scan(&n); err != nil || n != 5 {
		t.Errorf("after the connection broke: %d, %v", n, err)
	}
	raw(t, db, func(c *Conn) error {
		c.fail(errors.New("test"))
		if _, err := c.QueryContext(context.Background(), "SELECT 1", nil); !errors.Is(err, driver.ErrBadConn) {
			return fmt.Errorf("a request on a broken connection: got %v, want driver.ErrBadConn", err)
		}
		return nil
	})
	if err := db.QueryRow("SELECT 6").Scan(&n); err != nil || n != 6 {
		t.Errorf("after ErrBadConn: %d, %v", n, err)
	}
}
