package boyodb

import "errors"

// result is what Exec returns.
type result struct{ affected int64 }

// newResult takes the count of rows a statement changed, or, for a statement that returns
// rows, the number of rows, as PostgreSQL's command tag gives it.
func newResult(resp *response) result {
	switch {
	case resp.RowsAffected != nil:
		return result{*resp.RowsAffected}
	case resp.Rows != nil:
		return result{*resp.Rows}
	}
	return result{}
}

var errNoLastInsertID = errors.New("boyodb: LastInsertId is not supported; use INSERT ... RETURNING")

func (result) LastInsertId() (int64, error)   { return 0, errNoLastInsertID }
func (r result) RowsAffected() (int64, error) { return r.affected, nil }
