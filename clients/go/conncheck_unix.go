//go:build unix

package boyodb

import (
	"errors"
	"io"
	"net"
	"syscall"
)

// checkIdle tells whether an idle connection is still open, without blocking: the server has
// nothing to say between requests, so a read that finds data or the end of the stream means
// the connection is unusable. A deadline cannot do this, since Go fails a read whose deadline
// has passed before trying it.
func checkIdle(nc net.Conn) error {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return nil
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return err
	}
	var checkErr error
	err = raw.Read(func(fd uintptr) bool {
		var buf [1]byte
		n, err := syscall.Read(int(fd), buf[:])
		switch {
		case n == 0 && err == nil:
			checkErr = io.EOF
		case n > 0:
			checkErr = errUnexpectedData
		case err != nil && !errors.Is(err, syscall.EAGAIN) && !errors.Is(err, syscall.EWOULDBLOCK):
			checkErr = err
		}
		return true // never wait for the socket to become readable
	})
	if err != nil {
		return err
	}
	return checkErr
}
