package boyodb

import (
	"context"
	"database/sql/driver"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"net"
	"strconv"
	"testing"
	"time"

	at "boyodb.dev/clients/go/boyodb/internal/arrowtest"
)

// fakeServer speaks the native protocol with canned answers, for what a real server does not
// readily do: fail part way through a result, close idle connections.
type fakeServer struct {
	t       *testing.T
	ln      net.Listener
	answers map[string][][]byte // the frames answering a query, by its SQL
}

func startFake(t *testing.T, answers map[string][][]byte) Config {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	s := &fakeServer{t: t, ln: ln, answers: answers}
	go s.serve()
	port, _ := strconv.Atoi(ln.Addr().(*net.TCPAddr).AddrPort().String()[len("127.0.0.1:"):])
	return Config{Host: "127.0.0.1", Port: port, User: "u", Password: "p", Timeout: 5 * time.Second}
}

func (s *fakeServer) serve() {
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.session(nc)
	}
}

func (s *fakeServer) session(nc net.Conn) {
	defer nc.Close()
	for {
		payload, err := readFrame(nc)
		if err != nil {
			return
		}
		var req request
		if err := json.Unmarshal(payload, &req); err != nil {
			return
		}
		frames, ok := s.answers[req.SQL]
		switch {
		case req.Op == "login" || req.SQL == emptyStatement:
			frames = [][]byte{[]byte(`{"status":"ok"}`)}
		case req.SQL == "close":
			return
		case !ok:
			frames = [][]byte{[]byte(`{"status":"error","code":"42601","message":"unknown"}`)}
		}
		var out []byte
		for _, f := range frames {
			out = binary.BigEndian.AppendUint32(out, uint32(len(f)))
			out = append(out, f...)
		}
		if _, err := nc.Write(out); err != nil {
			return
		}
	}
}

// twoBatches is a result of the rows 1, 2 and 3 in two record batches, one frame each, then
// the ending frames.
func twoBatches(ending ...[]byte) [][]byte {
	schema := at.Field{Name: "a", Nullable: true, Type: at.IntType(64, true)}
	return append([][]byte{
		[]byte(`{"status":"ok","binary":true,"columns":[{"name":"a","type":"BIGINT"}],"rows":3}`),
		new(at.Stream).Schema(schema).Batch(2, at.Ints(64, int64(1), int64(2))).Unterminated(),
		new(at.Stream).Batch(1, at.Ints(64, int64(3))).Unterminated(),
	}, ending...)
}

// success ends a result: the end-of-stream marker, then the empty frame.
var success = [][]byte{{0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0}, {}}

func readInts(t *testing.T, r driver.Rows, n int) []int64 {
	t.Helper()
	var out []int64
	dest := make([]driver.Value, 1)
	for i := 0; i < n; i++ {
		if err := r.Next(dest); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
		out = append(out, dest[0].(int64))
	}
	return out
}

func TestErrorFrameEndsAResult(t *testing.T) {
	cfg := startFake(t, map[string][][]byte{
		"fails": twoBatches([]byte(`{"status":"error","code":"XX000","message":"encoding failed"}`)),
	})
	c, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r, err := c.QueryContext(context.Background(), "fails", nil)
	if err != nil {
		t.Fatal(err)
	}
	readInts(t, r, 3)
	err = r.Next(make([]driver.Value, 1))
	if !errors.Is(err, &Error{SQLState: "XX000"}) {
		t.Fatalf("got %v, want the server's XX000", err)
	}
	if err := r.Close(); !errors.Is(err, &Error{SQLState: "XX000"}) {
		t.Errorf("Close: %v", err)
	}
	if err := c.Ping(context.Background()); err != nil {
		t.Errorf("the connection is out of step after the error: %v", err)
	}
}

func TestRowsSurviveAnotherRequest(t *testing.T) {
	cfg := startFake(t, map[string][][]byte{"rows": twoBatches(success...)})
	c, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r, err := c.QueryContext(context.Background(), "rows", nil)
	if err != nil {
		t.Fatal(err)
	}
	first := readInts(t, r, 1)
	if err := c.Ping(context.Background()); err != nil {
		t.Fatalf("Ping with a result open: %v", err)
	}
	rest := readInts(t, r, 2)
	if got := append(first, rest...); got[0] != 1 || got[1] != 2 || got[2] != 3 {
		t.Errorf("got %v", got)
	}
	if err := r.Next(make([]driver.Value, 1)); err != io.EOF {
		t.Errorf("after the last row: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Error(err)
	}
}

func TestClosingRowsEarlyKeepsTheConnection(t *testing.T) {
	cfg := startFake(t, map[string][][]byte{"rows": twoBatches(success...)})
	c, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r, err := c.QueryContext(context.Background(), "rows", nil)
	if err != nil {
		t.Fatal(err)
	}
	readInts(t, r, 1)
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.ResetSession(context.Background()); err != nil {
		t.Errorf("ResetSession after Close: %v", err)
	}
}

func TestServerClosingAnIdleConnection(t *testing.T) {
	cfg := startFake(t, nil)
	c, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.ResetSession(context.Background()); err != nil {
		t.Fatalf("ResetSession on a live connection: %v", err)
	}
	// "close" makes the fake server hang up; the request itself fails (it may have run).
	if _, err := c.ExecContext(context.Background(), "close", nil); err == nil || errors.Is(err, driver.ErrBadConn) {
		t.Fatalf("a request cut off after it was sent: got %v", err)
	}
	if c.IsValid() {
		t.Error("IsValid after the connection broke")
	}
	if _, err := c.ExecContext(context.Background(), "SELECT 1", nil); !errors.Is(err, driver.ErrBadConn) {
		t.Errorf("a request on a broken connection: got %v, want driver.ErrBadConn", err)
	}
}

func TestResetSessionNoticesAHangup(t *testing.T) {
	cfg := startFake(t, nil)
	c, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Make the fake server close its side, then wait for the hangup to arrive.
	if _, err := c.nc.Write(binary.BigEndian.AppendUint32(nil, 0)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for c.ResetSession(context.Background()) == nil {
		if time.Now().After(deadline) {
			t.Fatal("ResetSession never noticed the server hanging up")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if c.IsValid() {
		t.Error("IsValid after the hangup")
	}
}

func TestCanceledContextInterruptsAWait(t *testing.T) {
	cfg := startFake(t, map[string][][]byte{"never": nil}) // no answer at all
	c, err := Connect(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := c.QueryContext(ctx, "never", nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want context.DeadlineExceeded", err)
	}
	if c.IsValid() {
		t.Error("the interrupted connection is still valid")
	}
}
