package boyodb

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
)

// stmt is a statement prepared on the server under name, for the session of c. Executing it
// sends the arguments as JSON values (the protocol's execute request); closing it forgets it
// on the server (deallocate).
type stmt struct {
	c              *Conn
	name           string
	parameterTypes []string // the server's type of each $n, inferred from their use
	closed         bool
}

// errStmtClosed is the error of using a statement after Close.
var errStmtClosed = errors.New("boyodb: the prepared statement is closed")

// Close deallocates the statement on the server. On a connection that is closed or broken
// there is nothing to do: the statement ended with the session.
func (s *stmt) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	if s.c.broken != nil {
		return nil
	}
	_, err := s.c.do(context.Background(), &request{Op: "deallocate", Name: s.name})
	return err
}

// NumInput is the number of parameters the server found, $1 to the highest $n, so that
// database/sql refuses a wrong number of arguments before sending them.
func (s *stmt) NumInput() int { return len(s.parameterTypes) }

func (s *stmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), namedValues(args))
}

func (s *stmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), namedValues(args))
}

func (s *stmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	req, err := s.execute(args)
	if err != nil {
		return nil, err
	}
	return s.c.runExec(ctx, req, nil)
}

func (s *stmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	req, err := s.execute(args)
	if err != nil {
		return nil, err
	}
	return s.c.runQuery(ctx, req, nil)
}

// execute makes the request running the statement with args. Their number is the server's
// to check (08P01).
func (s *stmt) execute(args []driver.NamedValue) (*request, error) {
	if s.closed {
		return nil, errStmtClosed
	}
	values := make([]any, len(args))
	for i, arg := range args {
		if arg.Name != "" {
			return nil, fmt.Errorf("boyodb: named argument %q: use positional $n placeholders", arg.Name)
		}
		v, err := parameterValue(arg.Value)
		if err != nil {
			return nil, fmt.Errorf("boyodb: argument $%d: %w", i+1, err)
		}
		values[i] = v
	}
	return &request{Op: "execute", Name: s.name, Parameters: values}, nil
}

func namedValues(args []driver.Value) []driver.NamedValue {
	named := make([]driver.NamedValue, len(args))
	for i, v := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return named
}
