package boyodb

import (
	"errors"
	"fmt"
	"io"
)

// frameStream reads the frames of a binary query result as one byte stream, the Arrow IPC
// stream, ending at the empty frame. A result whose encoding failed on the server ends with a
// JSON error response instead, told apart by its first byte '{' (IPC messages start 0xFF).
type frameStream struct {
	c    *Conn
	cur  []byte // what is left of the current frame (or, once detached, of the whole result)
	done bool   // the frame ending the result has been read
	err  error  // the server's error ending the result, or why the connection broke
}

func (s *frameStream) Read(p []byte) (int, error) {
	for len(s.cur) == 0 {
		if s.done {
			if s.err != nil {
				return 0, s.err
			}
			return 0, io.EOF
		}
		s.cur = s.next()
	}
	n := copy(p, s.cur)
	s.cur = s.cur[n:]
	return n, nil
}

// next reads the next frame from the connection and returns its IPC bytes, or nil with done
// set at the end of the result.
func (s *frameStream) next() []byte {
	payload, err := readFrame(s.c.br)
	switch {
	case err != nil:
		s.c.fail(err)
		s.done, s.err = true, fmt.Errorf("boyodb: reading a result: %w", err)
	case len(payload) == 0:
		s.done = true
	case payload[0] == '{':
		s.done = true
		resp, err := parseResponse(payload)
		if err != nil {
			s.err = err
		} else if s.err = resp.err(); s.err == nil {
			s.err = errors.New("boyodb: a result ended with a success response instead of an empty frame")
		}
	default:
		return payload
	}
	return nil
}

// discard reads and drops the rest of the result, leaving the connection in step.
func (s *frameStream) discard() error {
	s.cur = nil
	for !s.done {
		s.next()
	}
	return s.err
}

// buffer reads the rest of the result into memory, so that it no longer needs the connection.
// It returns an error only when the connection broke.
func (s *frameStream) buffer() error {
	rest := append([]byte(nil), s.cur...)
	for !s.done {
		rest = append(rest, s.next()...)
	}
	s.cur = rest
	if s.c.broken != nil {
		return s.err
	}
	return nil
}
