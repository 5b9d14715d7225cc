package boyodb

import (
	"context"
	"net"
	"time"
)

// The native protocol has no way to cancel a running request: the server finishes it and
// writes the answer. So a context that ends while the client waits interrupts the connection
// instead: the watcher sets a deadline in the past on the socket, which fails the blocked read
// or write at once, and the connection is then closed, since it is out of step with the
// server. database/sql then discards it and opens another for the next query.

// pastDeadline makes every pending and future I/O on a socket fail at once.
var pastDeadline = time.Unix(1, 0)

// watcher interrupts I/O on a socket when its context ends, until stopped.
type watcher struct {
	ctx    context.Context
	done   chan struct{}
	exited chan struct{}
	fired  bool // set by the watching goroutine before exited closes
}

// watch starts watching ctx for nc; nil when ctx can never end.
func watch(ctx context.Context, nc net.Conn) *watcher {
	if ctx.Done() == nil {
		return nil
	}
	w := &watcher{ctx: ctx, done: make(chan struct{}), exited: make(chan struct{})}
	go func() {
		defer close(w.exited)
		select {
		case <-ctx.Done():
			_ = nc.SetDeadline(pastDeadline)
			w.fired = true
		case <-w.done:
		}
	}()
	return w
}

// stop ends the watch. It reports whether the context interrupted the socket, in which case
// the socket's deadline is in the past and its state unknown.
func (w *watcher) stop() (interrupted bool) {
	if w == nil {
		return false
	}
	close(w.done)
	<-w.exited
	return w.fired
}
