package boyodb

import (
	"bufio"
	"context"
	"crypto/tls"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"time"
	"unicode/utf8"
)

// Conn is one connection to a server, which is one server session: settings, prepared
// statements, temporary tables and an open transaction block last as long as it does.
//
// database/sql uses it as its driver.Conn. Programs that want the operations SQL does not
// offer (Explain, IngestIPC, IngestCSV, CreateTable, ClusterStatus, ...) reach it through
// (*sql.Conn).Raw, or open one directly with Connect. Like any driver.Conn it is not safe for
// concurrent use.
type Conn struct {
	cfg       Config
	nc        net.Conn // the TLS connection over tcp, or tcp itself
	tcp       net.Conn // the TCP connection to the server
	br        *bufio.Reader
	broken    error // why the connection cannot be used any more; nil while it can
	active    *rows // a result still being read from the socket, if any
	stmtCount int   // the statements prepared so far, for their names
}

// Connect dials the server, makes the TLS handshake when cfg.TLS is set, logs in and switches
// to cfg.Database. All of it is bounded by cfg.Timeout as well as by ctx.
func Connect(ctx context.Context, cfg Config) (*Conn, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout())
	defer cancel()
	var dialer net.Dialer
	tcp, err := dialer.DialContext(ctx, "tcp", cfg.address())
	if err != nil {
		return nil, fmt.Errorf("boyodb: connecting to %s: %w", cfg.address(), err)
	}
	c := &Conn{cfg: cfg, nc: tcp, tcp: tcp}
	if cfg.TLS != nil {
		tc := tls.Client(tcp, cfg.tlsConfig())
		if err := tc.HandshakeContext(ctx); err != nil {
			tcp.Close()
			return nil, fmt.Errorf("boyodb: TLS handshake with %s failed: %w", cfg.address(), err)
		}
		c.nc = tc
	}
	c.br = bufio.NewReaderSize(c.nc, 64<<10)
	if _, err := c.do(ctx, &request{Op: "login", User: cfg.User, Password: cfg.Password}); err != nil {
		c.Close()
		return nil, c.connectError(err, true)
	}
	if cfg.Database != "" {
		// An empty statement changes nothing but the current database, which the request carries.
		if _, err := c.do(ctx, &request{Op: "query", SQL: emptyStatement, Database: cfg.Database}); err != nil {
			c.Close()
			return nil, c.connectError(err, false)
		}
	}
	return c, nil
}

// connectError makes an error of Connect say where it happened, and what it may mean when the
// login request (login set) got no answer. A broken connection there is no reason for
// database/sql to retry, so driver.ErrBadConn becomes a plain error.
func (c *Conn) connectError(err error, login bool) error {
	var serverErr *Error
	if errors.As(err, &serverErr) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, driver.ErrBadConn) {
		err = c.broken
	}
	if login && c.cfg.TLS != nil {
		// In TLS 1.3 the client's side of the handshake ends before the server has checked the
		// client's certificate, so a server refusing it says so with an alert in answer to the
		// first request, and hangs up. (The login may also meet the hang-up first.)
		var alert *net.OpError
		if errors.As(err, &alert) && alert.Op == "remote error" {
			return fmt.Errorf("boyodb: TLS handshake with %s failed: the server refused the "+
				"client's certificate (or its lack of one): %w", c.cfg.address(), alert)
		}
		if hungUp(err) {
			return fmt.Errorf("boyodb: TLS handshake with %s failed: the server closed the "+
				"connection without an answer, as it does when it refuses the client's "+
				"certificate (or its lack of one): %w", c.cfg.address(), err)
		}
	}
	if login && c.cfg.TLS == nil && hungUp(err) {
		// A server that speaks TLS reads the login frame as a malformed TLS record and hangs up.
		return fmt.Errorf("boyodb: logging in to %s: the server closed the connection without an "+
			"answer; if it requires TLS, connect with TLS (DSN parameter tls=true or tlsca, "+
			"Config.TLS): %w", c.cfg.address(), err)
	}
	return fmt.Errorf("boyodb: logging in to %s: %w", c.cfg.address(), err)
}

// hungUp reports whether err says that the server closed the connection.
func hungUp(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// ConnectionState returns the state of the connection's TLS session, and false when the
// connection does not use TLS.
func (c *Conn) ConnectionState() (tls.ConnectionState, bool) {
	if tc, ok := c.nc.(*tls.Conn); ok {
		return tc.ConnectionState(), true
	}
	return tls.ConnectionState{}, false
}

// Close closes the connection; a result still open on it fails.
func (c *Conn) Close() error {
	if c.broken != nil {
		return nil
	}
	c.broken = errConnClosed
	return c.nc.Close()
}

// fail records that the connection broke and closes it.
func (c *Conn) fail(err error) {
	if c.broken == nil {
		c.broken = err
		_ = c.nc.Close()
	}
}

// exchange sends a request (and, for binary ingest, the frame of data after it) and reads its
// response frame. The watch over ctx stays on, so that reading any result frames after the
// response is interrupted too; the caller ends it with release. An error means the request
// failed on the client side: a server error is in the response.
func (c *Conn) exchange(ctx context.Context, req *request, data []byte) (*response, *watcher, error) {
	if c.broken != nil {
		return nil, nil, driver.ErrBadConn
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if c.active != nil {
		// The previous result is still on the socket: read it into memory so that it stays
		// readable, and the socket free.
		if err := c.active.detach(); err != nil {
			return nil, nil, driver.ErrBadConn
		}
	}
	// JSON would silently replace invalid UTF-8, changing the text.
	if !utf8.ValidString(req.SQL) || (req.CSV != nil && !utf8.ValidString(*req.CSV)) {
		return nil, nil, errors.New("boyodb: the request's text is not valid UTF-8")
	}
	payload, err := json.Marshal(req)
	if err != nil {
		return nil, nil, fmt.Errorf("boyodb: encoding a request: %w", err)
	}
	buf := appendFrame(make([]byte, 0, 4+len(payload)+4+len(data)), payload)
	if data != nil {
		buf = appendFrame(buf, data)
	}
	w := watch(ctx, c.nc)
	n, werr := c.nc.Write(buf)
	if werr != nil && n == 0 {
		c.fail(werr)
		if w.stop() {
			return nil, nil, ctx.Err()
		}
		// Nothing reached the server, so nothing ran: database/sql may retry elsewhere.
		return nil, nil, driver.ErrBadConn
	}
	// After a partial write the server may still have answered, refusing the request (a
	// frame over its size limit, say) before it hung up: that answer says more than the write
	// error. The connection is unusable either way.
	frame, err := readFrame(c.br)
	if werr != nil {
		c.fail(werr)
		if err != nil {
			return nil, nil, c.release(w, fmt.Errorf("boyodb: sending a request: %w", werr))
		}
	}
	if err != nil {
		c.fail(err)
		return nil, nil, c.release(w, fmt.Errorf("boyodb: reading a response: %w", err))
	}
	resp, err := parseResponse(frame)
	if err != nil {
		c.fail(err)
		return nil, nil, c.release(w, err)
	}
	if resp.Code == sqlStateFrameTooLarge {
		// The server refuses a frame over its size limit without reading it, then hangs up.
		c.fail(resp.err())
	}
	return resp, w, nil
}

// release ends the watch w over a request and returns err, or the context's error when the
// context ended and broke the connection. A context that ended after the request finished
// changes nothing: the answer is there and the connection in step.
func (c *Conn) release(w *watcher, err error) error {
	if !w.stop() {
		return err
	}
	if c.broken == nil {
		_ = c.nc.SetDeadline(time.Time{})
		return err
	}
	return w.ctx.Err()
}

// do runs a request that has no result frames and returns its successful response.
func (c *Conn) do(ctx context.Context, req *request) (*response, error) {
	return c.doWithData(ctx, req, nil)
}

func (c *Conn) doWithData(ctx context.Context, req *request, data []byte) (*response, error) {
	resp, w, err := c.exchange(ctx, req, data)
	if err != nil {
		return nil, err
	}
	if err := c.release(w, resp.err()); err != nil {
		return nil, err
	}
	return resp, nil
}

// run sends a request that answers as query does (query, execute), in binary result mode.
// When the statement returns rows, the caller must read or discard the result frames;
// positions in errors are mapped back through pm.
func (c *Conn) run(ctx context.Context, req *request, pm *positionMap) (*response, *watcher, error) {
	req.Binary = true
	resp, w, err := c.exchange(ctx, req, nil)
	if err != nil {
		return nil, nil, err
	}
	if err := resp.err(); err != nil {
		return nil, nil, c.release(w, pm.mapError(err))
	}
	return resp, w, nil
}

// runQuery runs req and returns its rows.
func (c *Conn) runQuery(ctx context.Context, req *request, pm *positionMap) (driver.Rows, error) {
	resp, w, err := c.run(ctx, req, pm)
	if err != nil {
		return nil, err
	}
	return c.newRows(resp, w)
}

// runExec runs req and returns the number of rows it affected, dropping the rows it returns.
func (c *Conn) runExec(ctx context.Context, req *request, pm *positionMap) (driver.Result, error) {
	resp, w, err := c.run(ctx, req, pm)
	if err != nil {
		return nil, err
	}
	if resp.Binary {
		stream := &frameStream{c: c}
		err = stream.discard()
	}
	if err := c.release(w, err); err != nil {
		return nil, err
	}
	return newResult(resp), nil
}

// QueryContext runs a query, substituting args for its $n placeholders on the client (see
// the package documentation), and returns its rows: the last statement's when query holds
// several.
func (c *Conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	sql, pm, err := bindArgs(query, args)
	if err != nil {
		return nil, err
	}
	return c.runQuery(ctx, &request{Op: "query", SQL: sql}, pm)
}

// ExecContext runs a statement, substituting args for its $n placeholders on the client, and
// returns the number of rows it affected. Rows a statement returns are read and dropped.
func (c *Conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	sql, pm, err := bindArgs(query, args)
	if err != nil {
		return nil, err
	}
	return c.runExec(ctx, &request{Op: "query", SQL: sql}, pm)
}

// sqlStateFrameTooLarge (program_limit_exceeded) answers a request frame over the server's
// --max-request-bytes.
const sqlStateFrameTooLarge = "54000"

// emptyStatement runs nothing, for requests made for their side effects or their answer alone.
const emptyStatement = ";"

// Ping checks that the connection still works, with a request that runs nothing.
func (c *Conn) Ping(ctx context.Context) error {
	_, err := c.do(ctx, &request{Op: "query", SQL: emptyStatement})
	return err
}

// ResetSession is called by database/sql before it reuses a connection. It reports a
// connection that broke, or that the server closed while it sat in the pool (seen without
// sending anything, where the platform allows), as driver.ErrBadConn so that database/sql
// replaces it.
func (c *Conn) ResetSession(context.Context) error {
	if c.broken != nil || c.active != nil {
		return driver.ErrBadConn
	}
	// Over TLS the socket under it is checked: a record the server sends unasked (the
	// close_notify of a server shutting down) means the end of the connection as surely as the
	// end of the stream does.
	err := checkIdle(c.tcp)
	if err == nil && c.br.Buffered() > 0 {
		err = errUnexpectedData
	}
	if err != nil {
		c.fail(err)
		return driver.ErrBadConn
	}
	return nil
}

// IsValid reports whether database/sql may put the connection back in its pool.
func (c *Conn) IsValid() bool { return c.broken == nil }

// Prepare prepares query on the server; see PrepareContext.
func (c *Conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext prepares query, one statement with $n placeholders, on the server (the
// protocol's prepare request), under a name of its own. The server parses and types it once;
// each execution sends only the arguments, which never become part of SQL text. The
// statement lasts until it is closed or the connection is.
func (c *Conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	c.stmtCount++
	name := fmt.Sprintf("boyodb-go-%d", c.stmtCount)
	resp, err := c.do(ctx, &request{Op: "prepare", SQL: query, Name: name})
	if err != nil {
		return nil, err
	}
	return &stmt{c: c, name: name, parameterTypes: resp.ParameterTypes}, nil
}

// CheckNamedValue accepts the argument types the driver can send (see the package
// documentation), converting them to a few base types; it refuses named arguments, since
// placeholders are positional ($1, $2, ...).
func (c *Conn) CheckNamedValue(nv *driver.NamedValue) error {
	if nv.Name != "" {
		return fmt.Errorf("boyodb: named argument %q: use positional $n placeholders", nv.Name)
	}
	v, err := normalizeArg(nv.Value)
	if err != nil {
		return err
	}
	nv.Value = v
	return nil
}
