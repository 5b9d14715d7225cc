package boyodb

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultPort is the port boyodb-server serves the native protocol on by default.
const DefaultPort = 8765

// DefaultTimeout bounds connecting and logging in when Config.Timeout is zero.
const DefaultTimeout = 10 * time.Second

// Config says how to reach and log in to a server.
type Config struct {
	Host     string // default "127.0.0.1"
	Port     int    // default DefaultPort
	User     string
	Password string
	// Database is the database (schema) the connection starts in; "" keeps the server's
	// default, "default".
	Database string
	// Timeout bounds dialing and logging in; DefaultTimeout when zero. Queries are bounded by
	// their contexts instead.
	Timeout time.Duration
}

// ParseDSN reads a data source name of the form
//
//	boyodb://user:password@host:port/database?timeout=10s
//
// Everything but the scheme is optional: host defaults to 127.0.0.1, port to 8765, the
// database to the server's default. User name and password are URL-encoded (a "@" in a
// password is "%40"). timeout is a Go duration bounding dial and login.
func ParseDSN(dsn string) (Config, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return Config{}, fmt.Errorf("boyodb: invalid DSN: %w", err)
	}
	if u.Scheme != "boyodb" {
		return Config{}, fmt.Errorf("boyodb: DSN scheme %q is not boyodb://", u.Scheme)
	}
	cfg := Config{Host: u.Hostname()}
	if p := u.Port(); p != "" {
		if cfg.Port, err = strconv.Atoi(p); err != nil || cfg.Port <= 0 || cfg.Port > 65535 {
			return Config{}, fmt.Errorf("boyodb: DSN port %q is not valid", p)
		}
	}
	if u.User != nil {
		cfg.User = u.User.Username()
		cfg.Password, _ = u.User.Password()
	}
	cfg.Database = strings.TrimPrefix(u.Path, "/")
	if strings.Contains(cfg.Database, "/") {
		return Config{}, fmt.Errorf("boyodb: DSN path %q names more than a database", u.Path)
	}
	for key, values := range u.Query() {
		if len(values) != 1 {
			return Config{}, fmt.Errorf("boyodb: DSN parameter %q is given %d times", key, len(values))
		}
		switch key {
		case "timeout":
			if cfg.Timeout, err = time.ParseDuration(values[0]); err != nil || cfg.Timeout <= 0 {
				return Config{}, fmt.Errorf("boyodb: DSN timeout %q is not a positive duration", values[0])
			}
		default:
			return Config{}, fmt.Errorf("boyodb: unknown DSN parameter %q", key)
		}
	}
	return cfg, nil
}

// address is host:port with the defaults filled in.
func (c Config) address() string {
	host, port := c.Host, c.Port
	if host == "" {
		host = "127.0.0.1"
	}
	if port == 0 {
		port = DefaultPort
	}
	return net.JoinHostPort(host, strconv.Itoa(port))
}

func (c Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

func (c Config) validate() error {
	if c.User == "" {
		return errors.New("boyodb: Config.User is empty")
	}
	if c.Port < 0 || c.Port > 65535 {
		return fmt.Errorf("boyodb: Config.Port %d is not valid", c.Port)
	}
	return nil
}
