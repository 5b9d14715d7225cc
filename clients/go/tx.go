package boyodb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
)

// errReadOnlyTx refuses read-only transactions: the server accepts BEGIN READ ONLY but does
// not enforce it, so promising it would be wrong.
var errReadOnlyTx = errors.New("boyodb: read-only transactions are not supported")

// tx is a transaction block: BEGIN, then COMMIT or ROLLBACK on the same connection.
type tx struct{ c *Conn }

// Begin starts a transaction; see BeginTx.
func (c *Conn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

// BeginTx sends BEGIN. The server's isolation is read committed, so only the default level and
// sql.LevelReadCommitted are accepted; read-only transactions are refused.
func (c *Conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if opts.ReadOnly {
		return nil, errReadOnlyTx
	}
	switch level := sql.IsolationLevel(opts.Isolation); level {
	case sql.LevelDefault, sql.LevelReadCommitted:
	default:
		return nil, fmt.Errorf("boyodb: isolation level %s is not supported (only read committed)", level)
	}
	if _, err := c.do(ctx, &request{Op: "query", SQL: "BEGIN"}); err != nil {
		return nil, err
	}
	return &tx{c: c}, nil
}

// Commit sends COMMIT. When a statement of the block had failed, the server rolls the block
// back instead and Commit returns ErrTxRolledBack.
func (t *tx) Commit() error {
	resp, err := t.c.do(context.Background(), &request{Op: "query", SQL: "COMMIT"})
	if err != nil {
		return err
	}
	if resp.Command == "ROLLBACK" {
		return ErrTxRolledBack
	}
	return nil
}

func (t *tx) Rollback() error {
	_, err := t.c.do(context.Background(), &request{Op: "query", SQL: "ROLLBACK"})
	return err
}
