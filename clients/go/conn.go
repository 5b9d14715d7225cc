package boyodb

import (
	"bufio"
	"context"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"net"
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
	cfg    Config
	nc     net.Conn
	br     *bufio.Reader
	broken error // why the connection cannot be used any more; nil while it can
	active *rows // a result still being read from the socket, if any
}

// Connect dials the server, logs in and switches to cfg.Database. Dialing and logging in are
// bounded by cfg.Timeout as well as by ctx.
func Connect(ctx context.Context, cfg Config) (*Conn, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.timeout())
	defer cancel()
	var dialer net.Dialer
	nc, err := dialer.DialContext(ctx, "tcp", cfg.address())
	if err != nil {
		return nil, fmt.Errorf("boyodb: connecting to %s: %w", cfg.address(), err)
	}
	c := &Conn{cfg: cfg, nc: nc, br: bufio.NewReaderSize(nc, 64<<10)}
	if _, err := c.do(ctx, &request{Op: "login", User: cfg.User, Password: cfg.Password}); err != nil {
		c.Close()
		return nil, c.connectError(err)
	}
	if cfg.Database != "" {
		// An empty statement changes nothing but the current database, which the request carries.
		if _, err := c.do(ctx, &request{Op: "query", SQL: emptyStatement, Database: cfg.Database}); err != nil {
			c.Close()
			return nil, c.connectError(err)
		}
	}
	return c, nil
}

// connectError makes an error of Connect say where it happened. A broken connection there is
// no reason for database/sql to retry, so driver.ErrBadConn becomes a plain error.
func (c *Conn) connectError(err error) error {
	var serverErr *Error
	if errors.As(err, &serverErr) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if errors.Is(err, driver.ErrBadConn) {
		err = c.broken
	}
	return fmt.Errorf("boyodb: logging in to %s: %w", c.cfg.address(), err)
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

// query runs SQL in binary result mode. When the statement returns rows, the caller must
// read or discard the result frames; positions in errors are mapped back through pm.
func (c *Conn) query(ctx context.Context, sql string, pm *positionMap) (*response, *watcher, error) {
	resp, w, err := c.exchange(ctx, &request{Op: "query", SQL: sql, Binary: true}, nil)
	if err != nil {
		return nil, nil, err
	}
	if err := resp.err(); err != nil {
		return nil, nil, c.release(w, pm.mapError(err))
	}
	return resp, w, nil
}

// QueryContext runs a query, substituting args for its $n placeholders (see the package
// documentation), and returns its rows: the last statement's when query holds several.
func (c *Conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	sql, pm, err := bindArgs(query, args)
	if err != nil {
		return nil, err
	}
	resp, w, err := c.query(ctx, sql, pm)
	if err != nil {
		return nil, err
	}
	return c.newRows(resp, w)
}

// ExecContext runs a statement, substituting args for its $n placeholders, and returns the
// number of rows it affected. Rows a statement returns are read and dropped.
func (c *Conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	sql, pm, err := bindArgs(query, args)
	if err != nil {
		return nil, err
	}
	resp, w, err := c.query(ctx, sql, pm)
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
	err := checkIdle(c.nc)
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

// Prepare returns a statement for query. Statements are prepared on the client: query is kept
// and its $n placeholders counted, and each execution sends it with the arguments substituted.
func (c *Conn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext is Prepare; nothing is sent, so ctx is not used.
func (c *Conn) PrepareContext(_ context.Context, query string) (driver.Stmt, error) {
	n, err := countPlaceholders(query)
	if err != nil {
		return nil, err
	}
	return &stmt{c: c, query: query, numInput: n}, nil
}

// CheckNamedValue accepts the argument types the driver can write as SQL literals (see the
// package documentation), converting them to a few base types; it refuses named arguments,
// since placeholders are positional ($1, $2, ...).
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
