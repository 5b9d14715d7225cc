package boyodb

import (
	"errors"
	"fmt"
	"strings"
)

// Error is an error the server reported, with PostgreSQL's SQLSTATE code.
//
// Match a code with errors.As and the SQLState field, or with errors.Is against an *Error
// holding only that code:
//
//	if errors.Is(err, &boyodb.Error{SQLState: "23505"}) { ... }
type Error struct {
	SQLState string // five characters, e.g. "42P01" (undefined_table)
	Message  string
	// Position is the 1-based character position in the query text the error points at, or 0.
	// For a query with $n parameters it counts characters of the query as written, before the
	// parameters were substituted.
	Position int
	// Context says where the error happened, when the server says it, e.g. "COPY t, line 3".
	Context []string
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "boyodb: %s (SQLSTATE %s", e.Message, e.SQLState)
	if e.Position > 0 {
		fmt.Fprintf(&b, ", position %d", e.Position)
	}
	b.WriteByte(')')
	for _, c := range e.Context {
		b.WriteString("; ")
		b.WriteString(c)
	}
	return b.String()
}

// Is reports whether target is an *Error with the same SQLSTATE.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.SQLState == e.SQLState
}

// ErrTxRolledBack is returned by Commit when the transaction had failed before it: the server
// answered COMMIT by rolling back, as PostgreSQL does.
var ErrTxRolledBack = errors.New("boyodb: the transaction was rolled back, since a statement in it failed")

// errConnClosed is the cause recorded when Close is called on a connection.
var errConnClosed = errors.New("boyodb: connection is closed")

// errUnexpectedData is the cause recorded when the server sent bytes no request asked for.
var errUnexpectedData = errors.New("boyodb: unexpected data from the server on an idle connection")
