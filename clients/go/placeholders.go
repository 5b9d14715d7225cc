package boyodb

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"
)

// A query run with arguments but not prepared (db.Query, db.Exec) goes in one query request,
// which carries SQL text only, so its $n parameters are substituted on the client, as SQL
// literals. (Prepared statements send their arguments apart: see stmt.) Finding the
// placeholders needs a little of PostgreSQL's lexer: a "$1" inside a string, a quoted
// identifier, a comment or a dollar-quoted string is text, and so is a "$" inside an
// identifier (PostgreSQL allows "a$1" as a name).

// placeholder is one $n in a query: its byte range and n.
type placeholder struct {
	start, end int
	n          int
}

// findPlaceholders returns the query's placeholders in order. An unterminated string or
// comment simply runs to the end of the query; the server reports it.
func findPlaceholders(query string) ([]placeholder, error) {
	var found []placeholder
	for i := 0; i < len(query); {
		c := query[i]
		switch {
		case c == '\'':
			i = skipString(query, i, false)
		case c == '"':
			i = skipQuotedIdentifier(query, i)
		case c == '-' && strings.HasPrefix(query[i:], "--"):
			if end := strings.IndexByte(query[i:], '\n'); end >= 0 {
				i += end + 1
			} else {
				i = len(query)
			}
		case c == '/' && strings.HasPrefix(query[i:], "/*"):
			i = skipBlockComment(query, i)
		case c == '$' && i+1 < len(query) && isDigit(query[i+1]):
			j, n := i+1, 0
			for ; j < len(query) && isDigit(query[j]); j++ {
				n = n*10 + int(query[j]-'0')
				if n > 65535 {
					return nil, fmt.Errorf("boyodb: placeholder at byte %d is out of range", i)
				}
			}
			if n == 0 {
				return nil, errors.New("boyodb: placeholders are numbered from $1; the query has $0")
			}
			found = append(found, placeholder{start: i, end: j, n: n})
			i = j
		case c == '$':
			i = skipDollarQuoted(query, i)
		case isIdentStart(c):
			j := i + 1
			for j < len(query) && isIdentCont(query[j]) {
				j++
			}
			if j-i == 1 && (c == 'E' || c == 'e') && j < len(query) && query[j] == '\'' {
				i = skipString(query, j, true) // E'...': backslash escapes
			} else {
				i = j
			}
		default:
			i++
		}
	}
	return found, nil
}

func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isIdentStart(c byte) bool { return c == '_' || c >= 0x80 || ('a' <= c|0x20 && c|0x20 <= 'z') }
func isIdentCont(c byte) bool  { return isIdentStart(c) || isDigit(c) || c == '$' }

// skipString returns the index after the string literal whose opening quote is at i. Quotes
// are doubled inside; with backslashes (E'...') a backslash escapes the next byte too.
func skipString(q string, i int, backslashes bool) int {
	for j := i + 1; j < len(q); j++ {
		switch {
		case backslashes && q[j] == '\\':
			j++
		case q[j] == '\'':
			if j+1 < len(q) && q[j+1] == '\'' {
				j++
			} else {
				return j + 1
			}
		}
	}
	return len(q)
}

func skipQuotedIdentifier(q string, i int) int {
	for j := i + 1; j < len(q); j++ {
		if q[j] == '"' {
			if j+1 < len(q) && q[j+1] == '"' {
				j++
			} else {
				return j + 1
			}
		}
	}
	return len(q)
}

// skipBlockComment skips a /* */ comment, which nests in PostgreSQL.
func skipBlockComment(q string, i int) int {
	depth := 0
	for j := i; j+1 < len(q); j++ {
		switch {
		case q[j] == '/' && q[j+1] == '*':
			depth++
			j++
		case q[j] == '*' && q[j+1] == '/':
			depth--
			j++
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(q)
}

// skipDollarQuoted skips $tag$...$tag$ when a tag (possibly empty) starts at i; otherwise it
// steps over the lone "$".
func skipDollarQuoted(q string, i int) int {
	j := i + 1
	if j < len(q) && isIdentStart(q[j]) {
		for j < len(q) && (isIdentStart(q[j]) || isDigit(q[j])) {
			j++
		}
	}
	if j >= len(q) || q[j] != '$' {
		return i + 1
	}
	tag := q[i : j+1]
	if end := strings.Index(q[j+1:], tag); end >= 0 {
		return j + 1 + end + len(tag)
	}
	return len(q)
}

// bindArgs substitutes the arguments for the query's placeholders. With no arguments the
// query is sent as written. The returned map turns error positions in the sent text back
// into positions in query.
func bindArgs(query string, args []driver.NamedValue) (string, *positionMap, error) {
	if len(args) == 0 {
		return query, nil, nil
	}
	found, err := findPlaceholders(query)
	if err != nil {
		return "", nil, err
	}
	literals := make([]string, len(args))
	used := make([]bool, len(args))
	for i, arg := range args {
		if arg.Name != "" {
			return "", nil, fmt.Errorf("boyodb: named argument %q: use positional $n placeholders", arg.Name)
		}
		if literals[i], err = literal(arg.Value); err != nil {
			return "", nil, fmt.Errorf("boyodb: argument $%d: %w", i+1, err)
		}
	}
	var b strings.Builder
	pm := &positionMap{query: query}
	last := 0
	for _, p := range found {
		if p.n > len(args) {
			return "", nil, fmt.Errorf("boyodb: the query uses $%d but has %d arguments", p.n, len(args))
		}
		b.WriteString(query[last:p.start])
		pm.spans = append(pm.spans, span{origStart: p.start, origEnd: p.end, sentStart: b.Len()})
		b.WriteString(literals[p.n-1])
		pm.spans[len(pm.spans)-1].sentEnd = b.Len()
		used[p.n-1] = true
		last = p.end
	}
	b.WriteString(query[last:])
	for i, u := range used {
		if !u {
			return "", nil, fmt.Errorf("boyodb: argument $%d is not used by the query", i+1)
		}
	}
	pm.sent = b.String()
	return pm.sent, pm, nil
}

// span is one substitution: a placeholder's bytes in the query and its literal's in the text
// sent.
type span struct {
	origStart, origEnd int
	sentStart, sentEnd int
}

// positionMap maps character positions in the text sent back to the query as written.
type positionMap struct {
	query, sent string
	spans       []span
}

// mapError rewrites the position of a server error into the query's own terms. A position
// inside a substituted literal points at its placeholder.
func (pm *positionMap) mapError(err error) error {
	var e *Error
	if pm == nil || !errors.As(err, &e) || e.Position <= 0 {
		return err
	}
	at := byteOffset(pm.sent, e.Position)
	orig := at
	for _, s := range pm.spans {
		if at < s.sentStart {
			break
		}
		if at < s.sentEnd {
			orig = s.origStart
		} else {
			orig = s.origEnd + (at - s.sentEnd)
		}
	}
	mapped := *e
	mapped.Position = characterPosition(pm.query, orig)
	return &mapped
}

// byteOffset returns the byte offset of the 1-based character position pos in s (len(s) or
// more past its end), counting characters as the server does: bytes that do not continue a
// UTF-8 sequence.
func byteOffset(s string, pos int) int {
	chars := 0
	for i := 0; i < len(s); i++ {
		if s[i]&0xC0 != 0x80 {
			chars++
			if chars == pos {
				return i
			}
		}
	}
	return len(s) + pos - chars - 1
}

// characterPosition is the inverse of byteOffset.
func characterPosition(s string, offset int) int {
	if offset > len(s) {
		return characterPosition(s, len(s)) + offset - len(s)
	}
	chars := 0
	for i := 0; i < offset; i++ {
		if s[i]&0xC0 != 0x80 {
			chars++
		}
	}
	return chars + 1
}
