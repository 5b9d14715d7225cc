package boyodb

import (
	"database/sql/driver"
	"fmt"
	"io"
	"reflect"
	"strings"

	"boyodb.dev/clients/go/boyodb/arrow"
)

// rows is a query result, decoded a record batch at a time as its frames arrive.
type rows struct {
	c       *Conn
	w       *watcher // the query's context watch, until the result has been read
	columns []columnInfo
	fields  []arrow.Field
	stream  *frameStream
	reader  *arrow.Reader
	batch   *arrow.Batch
	row     int
	err     error // io.EOF once the result is over, or the error that ended it
}

// newRows starts reading the result announced by resp: it reads the stream's schema, which
// comes in the first frame.
func (c *Conn) newRows(resp *response, w *watcher) (driver.Rows, error) {
	r := &rows{c: c, w: w, columns: resp.Columns}
	if !resp.Binary {
		// The statement returns no rows (an INSERT, say): an empty result without columns.
		r.err = io.EOF
		return r, c.release(w, nil)
	}
	r.stream = &frameStream{c: c}
	c.active = r
	reader, err := arrow.NewReader(r.stream)
	if err == nil && len(reader.Schema().Fields) != len(resp.Columns) {
		err = fmt.Errorf("boyodb: the result has %d Arrow fields for %d columns",
			len(reader.Schema().Fields), len(resp.Columns))
	}
	if err != nil {
		r.end(err)
		return nil, r.err
	}
	r.reader, r.fields = reader, reader.Schema().Fields
	return r, nil
}

// end finishes the result with err (io.EOF when it was read to the end): it reads what is
// left of the result so that the connection is in step, and frees the connection.
func (r *rows) end(err error) {
	if r.stream.err != nil {
		// The server's error, or a broken connection, rather than how it showed in decoding.
		err = r.stream.err
	} else if derr := r.stream.discard(); derr != nil {
		err = derr
	}
	if r.c.active == r {
		r.c.active = nil
		err = r.c.release(r.w, err)
	}
	r.err = err
}

// detach reads the rest of the result into memory because the connection is needed for
// another request. Reading it still works afterwards.
func (r *rows) detach() error {
	err := r.stream.buffer()
	r.c.active = nil
	return r.c.release(r.w, err)
}

func (r *rows) Columns() []string {
	names := make([]string, len(r.columns))
	for i, c := range r.columns {
		names[i] = c.Name
	}
	return names
}

// Close drops the rest of the result. Its frames are read off the connection, as the protocol
// has no way to stop a result part way.
func (r *rows) Close() error {
	if r.err == nil {
		r.end(io.EOF)
	}
	if r.err == io.EOF {
		return nil
	}
	return r.err
}

func (r *rows) Next(dest []driver.Value) error {
	for r.err == nil {
		if r.batch != nil && r.row < r.batch.Len {
			for i, col := range r.batch.Columns {
				dest[i] = col.Value(r.row)
			}
			r.row++
			return nil
		}
		batch, err := r.reader.Next()
		if err != nil {
			r.end(err)
			break
		}
		r.batch, r.row = batch, 0
	}
	return r.err
}

// ColumnTypeDatabaseTypeName returns BoyoDB's name of the column's type without its
// modifiers, as database/sql asks: "INTEGER", "DECIMAL", "TEXT[]", "MAP", "STRUCT".
func (r *rows) ColumnTypeDatabaseTypeName(i int) string {
	name := r.columns[i].Type
	if open := strings.IndexByte(name, '('); open >= 0 {
		if close := strings.LastIndexByte(name, ')'); close > open {
			name = name[:open] + name[close+1:]
		}
	}
	return name
}

// ColumnTypeScanType returns the Go type of the column's non-NULL values (see the package
// documentation for the mapping).
func (r *rows) ColumnTypeScanType(i int) reflect.Type {
	return r.fields[i].ValueType()
}

// ColumnTypeNullable reports whether the column may hold NULLs, as the server declares it.
func (r *rows) ColumnTypeNullable(i int) (nullable, ok bool) {
	return r.fields[i].Nullable, true
}

// ColumnTypePrecisionScale returns a DECIMAL column's precision and scale.
func (r *rows) ColumnTypePrecisionScale(i int) (precision, scale int64, ok bool) {
	if r.fields[i].Type.ID != arrow.TypeDecimal {
		return 0, 0, false
	}
	return int64(r.fields[i].Type.Precision), int64(r.fields[i].Type.Scale), true
}
