package boyodb

import (
	"context"
	"crypto/tls"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"
)

// The integration tests run against the server named by BOYODB_HOST, BOYODB_PORT,
// BOYODB_USER and BOYODB_PASSWORD, each test binary in a database of its own. Without those
// variables they are skipped. When BOYODB_TLS_CA is set too (with_server.py --tls), the
// server requires mutual TLS: every test connects with that CA and the client certificate in
// BOYODB_TLS_CERT and BOYODB_TLS_KEY.

// serverConfig is the admin's Config in the tests' database; zero when there is no server.
var serverConfig Config

func TestMain(m *testing.M) {
	code, err := runTests(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(code)
}

func runTests(m *testing.M) (int, error) {
	host, port := os.Getenv("BOYODB_HOST"), os.Getenv("BOYODB_PORT")
	if host == "" || port == "" {
		return m.Run(), nil
	}
	p, err := strconv.Atoi(port)
	if err != nil {
		return 0, fmt.Errorf("BOYODB_PORT %q: %w", port, err)
	}
	cfg := Config{Host: host, Port: p, User: os.Getenv("BOYODB_USER"), Password: os.Getenv("BOYODB_PASSWORD")}
	if cfg.TLS, err = tlsFromEnv(); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c, err := Connect(ctx, cfg)
	if err != nil {
		return 0, fmt.Errorf("connecting to the test server: %w", err)
	}
	defer c.Close()
	cfg.Database = fmt.Sprintf("go_test_%d", time.Now().UnixNano())
	if err := c.CreateDatabase(ctx, cfg.Database, false); err != nil {
		return 0, fmt.Errorf("creating the test database: %w", err)
	}
	serverConfig = cfg
	return m.Run(), nil
}

// tlsParams are the DSN parameters of the test server's TLS files, from BOYODB_TLS_CA,
// BOYODB_TLS_CERT and BOYODB_TLS_KEY; empty without TLS.
func tlsParams() url.Values {
	params := url.Values{}
	if ca := os.Getenv("BOYODB_TLS_CA"); ca != "" {
		params.Set("tlsca", ca)
		params.Set("tlscert", os.Getenv("BOYODB_TLS_CERT"))
		params.Set("tlskey", os.Getenv("BOYODB_TLS_KEY"))
	}
	return params
}

// tlsFromEnv is the TLS configuration the test server requires, read as a DSN's; nil
// without TLS.
func tlsFromEnv() (*tls.Config, error) {
	params := tlsParams()
	if len(params) == 0 {
		return nil, nil
	}
	cfg, err := ParseDSN("boyodb://u@/?" + params.Encode())
	if err != nil {
		return nil, fmt.Errorf("the test server's TLS files: %w", err)
	}
	return cfg.TLS, nil
}

// openDB returns a sql.DB on the test server's database, or skips the test without a server.
func openDB(t *testing.T) *sql.DB {
	t.Helper()
	if serverConfig.User == "" {
		t.Skip("BOYODB_HOST and BOYODB_PORT are not set: no server to test against")
	}
	connector, err := NewConnector(serverConfig)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(connector)
	t.Cleanup(func() { db.Close() })
	return db
}

// dsn is serverConfig as a data source name.
func dsn(user, password string) string {
	params := tlsParams()
	params.Set("timeout", "30s")
	u := url.URL{
		Scheme:   "boyodb",
		User:     url.UserPassword(user, password),
		Host:     serverConfig.address(),
		Path:     "/" + serverConfig.Database,
		RawQuery: params.Encode(),
	}
	return u.String()
}

// exec runs statements, failing the test on an error.
func exec(t *testing.T, db *sql.DB, statements ...string) {
	t.Helper()
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// raw runs f on one connection's *Conn.
func raw(t *testing.T, db *sql.DB, f func(c *Conn) error) {
	t.Helper()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.Raw(func(dc any) error { return f(dc.(*Conn)) }); err != nil {
		t.Fatal(err)
	}
}
