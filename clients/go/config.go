package boyodb

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
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
	// Timeout bounds dialing, the TLS handshake and logging in; DefaultTimeout when zero.
	// Queries are bounded by their contexts instead.
	Timeout time.Duration
	// TLS, when not nil, makes connections use TLS, as a server started with --tls-cert
	// requires. Each connection uses a copy in which MinVersion is raised to TLS 1.3 (the only
	// version the server speaks) and an empty ServerName is set to Host, against which the
	// server's certificate is verified (an IP address is matched against the certificate's IP
	// addresses). Put the CA that signed the server's certificate in RootCAs (nil means the
	// system's CAs) and, for a server started with --tls-client-ca, the client certificate in
	// Certificates. The Config is not modified, and may be shared.
	TLS *tls.Config
}

// ParseDSN reads a data source name of the form
//
//	boyodb://user:password@host:port/database?timeout=10s&tls=true&tlsca=/etc/boyodb/ca.pem
//
// Everything but the scheme is optional: host defaults to 127.0.0.1, port to 8765, the
// database to the server's default. User name and password are URL-encoded (a "@" in a
// password is "%40"). The parameters are:
//
//	timeout   a Go duration bounding dial, TLS handshake and login
//	tls       true to connect with TLS 1.3, verifying the server's certificate against the
//	          system's CAs and host; false (the default) for plain TCP
//	tlsca     a PEM file of the CA certificates to verify the server's certificate against,
//	          instead of the system's; implies tls=true
//	tlscert   a PEM file of the client certificate (and its chain) to present, for a server
//	          that requires one (--tls-client-ca); needs tlskey; implies tls=true
//	tlskey    the PEM file of tlscert's private key
//
// The files are read by ParseDSN, so a missing or malformed one is an error here (and so of
// sql.Open). The result's TLS field holds what they describe.
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
	var tlsParams dsnTLS
	for key, values := range u.Query() {
		if len(values) != 1 {
			return Config{}, fmt.Errorf("boyodb: DSN parameter %q is given %d times", key, len(values))
		}
		value := values[0]
		switch key {
		case "timeout":
			if cfg.Timeout, err = time.ParseDuration(value); err != nil || cfg.Timeout <= 0 {
				return Config{}, fmt.Errorf("boyodb: DSN timeout %q is not a positive duration", value)
			}
		case "tls":
			on, err := strconv.ParseBool(value)
			if err != nil {
				return Config{}, fmt.Errorf("boyodb: DSN tls %q is not true or false", value)
			}
			tlsParams.enabled = &on
		case "tlsca":
			tlsParams.caFile = value
		case "tlscert":
			tlsParams.certFile = value
		case "tlskey":
			tlsParams.keyFile = value
		default:
			return Config{}, fmt.Errorf("boyodb: unknown DSN parameter %q", key)
		}
	}
	if cfg.TLS, err = tlsParams.config(); err != nil {
		return Config{}, err
	}
	return cfg, nil
}

// dsnTLS is what a DSN's TLS parameters say.
type dsnTLS struct {
	enabled                   *bool // tls=, when given
	caFile, certFile, keyFile string
}

// config reads the files the parameters name into a tls.Config; nil without TLS.
func (d dsnTLS) config() (*tls.Config, error) {
	files := d.caFile != "" || d.certFile != "" || d.keyFile != ""
	if d.enabled != nil && !*d.enabled {
		if files {
			return nil, errors.New("boyodb: DSN tls=false contradicts tlsca, tlscert or tlskey")
		}
		return nil, nil
	}
	if d.enabled == nil && !files {
		return nil, nil
	}
	if (d.certFile == "") != (d.keyFile == "") {
		return nil, errors.New("boyodb: DSN tlscert and tlskey must be given together")
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS13}
	if d.caFile != "" {
		pem, err := os.ReadFile(d.caFile)
		if err != nil {
			return nil, fmt.Errorf("boyodb: reading DSN tlsca: %w", err)
		}
		cfg.RootCAs = x509.NewCertPool()
		if !cfg.RootCAs.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("boyodb: DSN tlsca %q holds no PEM certificate", d.caFile)
		}
	}
	if d.certFile != "" {
		cert, err := tls.LoadX509KeyPair(d.certFile, d.keyFile)
		if err != nil {
			return nil, fmt.Errorf("boyodb: loading DSN tlscert %q and tlskey %q: %w", d.certFile, d.keyFile, err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return cfg, nil
}

// host is Host with the default filled in.
func (c Config) host() string {
	if c.Host == "" {
		return "127.0.0.1"
	}
	return c.Host
}

// address is host:port with the defaults filled in.
func (c Config) address() string {
	port := c.Port
	if port == 0 {
		port = DefaultPort
	}
	return net.JoinHostPort(c.host(), strconv.Itoa(port))
}

// tlsConfig is the TLS configuration of one connection: a copy of c.TLS requiring TLS 1.3 and
// naming the host the server's certificate must be for.
func (c Config) tlsConfig() *tls.Config {
	cfg := c.TLS.Clone()
	if cfg.MinVersion < tls.VersionTLS13 {
		cfg.MinVersion = tls.VersionTLS13
	}
	if cfg.ServerName == "" {
		cfg.ServerName = c.host()
	}
	return cfg
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
