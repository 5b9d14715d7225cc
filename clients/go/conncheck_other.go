//go:build !unix

package boyodb

import "net"

// checkIdle cannot look at a socket without blocking on this platform; a connection the server
// closed is found out by the next request instead.
func checkIdle(net.Conn) error { return nil }
