package boyodb

import (
	"database/sql/driver"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func args(values ...any) []driver.NamedValue {
	out := make([]driver.NamedValue, len(values))
	for i, v := range values {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return out
}

func TestBindArgs(t *testing.T) {
	for _, tc := range []struct {
		query string
		args  []any
		want  string
	}{
		{"SELECT $1", []any{1}, "SELECT 1"},
		{"SELECT $2, $1, $2", []any{"a", "b"}, "SELECT 'b', 'a', 'b'"},
		{"SELECT $1::int", []any{-5}, "SELECT (-5)::int"},
		{"SELECT x -$1 FROM t", []any{-5}, "SELECT x -(-5) FROM t"},
		{"SELECT '$1', $1", []any{1}, "SELECT '$1', 1"},
		{"SELECT 'it''s $1', $1", []any{1}, "SELECT 'it''s $1', 1"},
		{`SELECT E'\' $1', $1`, []any{1}, `SELECT E'\' $1', 1`},
		{`SELECT e'\\', $1`, []any{1}, `SELECT e'\\', 1`},
		{`SELECT '\', $1`, []any{1}, `SELECT '\', 1`},
		{`SELECT "a$1""$1", $1`, []any{1}, `SELECT "a$1""$1", 1`},
		{"SELECT a$1, $1", []any{1}, "SELECT a$1, 1"},
		{"SELECT 1 -- $1\n, $1", []any{1}, "SELECT 1 -- $1\n, 1"},
		{"SELECT /* $1 /* $1 */ $1 */ $1", []any{1}, "SELECT /* $1 /* $1 */ $1 */ 1"},
		{"SELECT $$ $1 $$, $1", []any{1}, "SELECT $$ $1 $$, 1"},
		{"SELECT $tag$ $1 $x$ $tag$, $1", []any{1}, "SELECT $tag$ $1 $x$ $tag$, 1"},
		{"SELECT $1 -- unterminated '", []any{1}, "SELECT 1 -- unterminated '"},
		{"SELECT U&'$1', $1", []any{1}, "SELECT U&'$1', 1"},
		{"SELECT $10, $1, $2, $3, $4, $5, $6, $7, $8, $9", []any{1, 2, 3, 4, 5, 6, 7, 8, 9, 10},
			"SELECT 10, 1, 2, 3, 4, 5, 6, 7, 8, 9"},
	} {
		got, _, err := bindArgs(tc.query, args(tc.args...))
		if err != nil {
			t.Errorf("%q: %v", tc.query, err)
			continue
		}
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.query, got, tc.want)
		}
	}
}

func TestBindArgsErrors(t *testing.T) {
	for _, tc := range []struct {
		query string
		args  []any
		want  string
	}{
		{"SELECT $2", []any{1}, "uses $2"},
		{"SELECT $1", []any{1, 2}, "$2 is not used"},
		{"SELECT $0", []any{1}, "$0"},
		{"SELECT $99999999999", []any{1}, "out of range"},
		{"SELECT $1", []any{"a\x00"}, "NUL"},
	} {
		_, _, err := bindArgs(tc.query, args(tc.args...))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want an error with %q", tc.query, err, tc.want)
		}
	}
	named := []driver.NamedValue{{Name: "a", Ordinal: 1, Value: 1}}
	if _, _, err := bindArgs("SELECT $1", named); err == nil {
		t.Error("a named argument was accepted")
	}
}

func TestBindArgsWithoutArgsSendsTheQuery(t *testing.T) {
	q := "SELECT '$1 unterminated"
	got, pm, err := bindArgs(q, nil)
	if err != nil || got != q || pm != nil {
		t.Errorf("got %q, %v, %v", got, pm, err)
	}
}

func TestErrorPositionsMapBack(t *testing.T) {
	query := "SELECT $1, héllo, $2 FROM nope"
	sent, pm, err := bindArgs(query, args("a long string", int64(-7)))
	if err != nil {
		t.Fatal(err)
	}
	pos := func(s, sub string) int { return characterPosition(s, strings.Index(s, sub)) }
	for _, tc := range []struct{ sentPos, want int }{
		{pos(sent, "SELECT"), 1},
		{pos(sent, "'a long") + 3, pos(query, "$1")},
		{pos(sent, "héllo"), pos(query, "héllo")},
		{pos(sent, "(-7)"), pos(query, "$2")},
		{pos(sent, "nope"), pos(query, "nope")},
		{characterPosition(sent, len(sent)) + 1, characterPosition(query, len(query)) + 1},
	} {
		err := pm.mapError(&Error{SQLState: "42P01", Message: "m", Position: tc.sentPos})
		var e *Error
		if !errors.As(err, &e) || e.Position != tc.want {
			t.Errorf("sent position %d: got %v, want position %d", tc.sentPos, err, tc.want)
		}
	}
	if err := pm.mapError(errors.New("other")); err.Error() != "other" {
		t.Errorf("a non-server error changed: %v", err)
	}
}

func TestFindPlaceholdersPositions(t *testing.T) {
	got, err := findPlaceholders("a $1 'b' $23")
	want := []placeholder{{2, 4, 1}, {9, 12, 23}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, %v, want %v", got, err, want)
	}
}
