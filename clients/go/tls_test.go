package boyodb

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeCertificate writes a self-signed certificate and its key as PEM files in dir, named
// name.pem and name.key.
func writeCertificate(t *testing.T, dir, name string) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: name},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".key")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

func TestParseDSNTLS(t *testing.T) {
	dir := t.TempDir()
	caFile, _ := writeCertificate(t, dir, "ca")
	certFile, keyFile := writeCertificate(t, dir, "client")
	_, otherKeyFile := writeCertificate(t, dir, "other")
	notPEM := filepath.Join(dir, "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	caPEM, err := os.ReadFile(caFile)
	if err != nil {
		t.Fatal(err)
	}
	wantRoots := x509.NewCertPool()
	wantRoots.AppendCertsFromPEM(caPEM)
	dsn := func(params ...string) string {
		values := url.Values{}
		for i := 0; i < len(params); i += 2 {
			values.Set(params[i], params[i+1])
		}
		return "boyodb://u@db1/?" + values.Encode()
	}

	for _, tc := range []struct {
		dsn                  string
		tls, roots, withCert bool
	}{
		{dsn(), false, false, false},
		{dsn("tls", "false"), false, false, false},
		{dsn("tls", "true"), true, false, false},
		{dsn("tls", "1", "tlsca", caFile), true, true, false},
		{dsn("tlsca", caFile), true, true, false},
		{dsn("tlsca", caFile, "tlscert", certFile, "tlskey", keyFile), true, true, true},
		{dsn("tlscert", certFile, "tlskey", keyFile), true, false, true},
	} {
		cfg, err := ParseDSN(tc.dsn)
		if err != nil {
			t.Errorf("%s: %v", tc.dsn, err)
			continue
		}
		if (cfg.TLS != nil) != tc.tls {
			t.Errorf("%s: TLS %v, want TLS %v", tc.dsn, cfg.TLS, tc.tls)
			continue
		}
		if !tc.tls {
			continue
		}
		if cfg.TLS.MinVersion != tls.VersionTLS13 || cfg.TLS.InsecureSkipVerify {
			t.Errorf("%s: MinVersion %x, InsecureSkipVerify %v", tc.dsn, cfg.TLS.MinVersion, cfg.TLS.InsecureSkipVerify)
		}
		if tc.roots != (cfg.TLS.RootCAs != nil) || (tc.roots && !cfg.TLS.RootCAs.Equal(wantRoots)) {
			t.Errorf("%s: RootCAs %v", tc.dsn, cfg.TLS.RootCAs)
		}
		if tc.withCert != (len(cfg.TLS.Certificates) == 1) {
			t.Errorf("%s: %d client certificates", tc.dsn, len(cfg.TLS.Certificates))
		}
	}

	for _, tc := range []struct{ dsn, want string }{
		{dsn("tls", "maybe"), "not true or false"},
		{dsn("tls", "false", "tlsca", caFile), "contradicts"},
		{dsn("tlscert", certFile), "together"},
		{dsn("tlskey", keyFile), "together"},
		{dsn("tlsca", filepath.Join(dir, "missing.pem")), "no such file"},
		{dsn("tlsca", notPEM), "no PEM certificate"},
		{dsn("tlscert", notPEM, "tlskey", keyFile), "loading DSN tlscert"},
		{dsn("tlscert", certFile, "tlskey", otherKeyFile), "does not match"},
	} {
		if _, err := ParseDSN(tc.dsn); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want an error with %q", tc.dsn, err, tc.want)
		}
	}
}

func TestTLSConfigOfAConnection(t *testing.T) {
	mine := &tls.Config{MinVersion: tls.VersionTLS12}
	got := Config{Host: "db1.example", TLS: mine}.tlsConfig()
	if got.MinVersion != tls.VersionTLS13 || got.ServerName != "db1.example" {
		t.Errorf("MinVersion %x, ServerName %q", got.MinVersion, got.ServerName)
	}
	if mine.MinVersion != tls.VersionTLS12 || mine.ServerName != "" {
		t.Error("the Config's own tls.Config was changed")
	}
	if got := (Config{TLS: &tls.Config{}}).tlsConfig(); got.ServerName != "127.0.0.1" {
		t.Errorf("the default host: ServerName %q", got.ServerName)
	}
	if got := (Config{Host: "10.0.0.1", TLS: &tls.Config{ServerName: "db1"}}).tlsConfig(); got.ServerName != "db1" {
		t.Errorf("a ServerName of the caller's own became %q", got.ServerName)
	}
}

// tlsServer skips the test unless the test server runs with mutual TLS.
func tlsServer(t *testing.T) {
	t.Helper()
	if serverConfig.User == "" {
		t.Skip("BOYODB_HOST and BOYODB_PORT are not set: no server to test against")
	}
	if serverConfig.TLS == nil {
		t.Skip("BOYODB_TLS_CA is not set: the server does not run with TLS")
	}
}

// withTLS returns the test server's Config with tlsConfig in place of its TLS settings.
func withTLS(tlsConfig *tls.Config) Config {
	cfg := serverConfig
	cfg.TLS = tlsConfig
	cfg.Timeout = 30 * time.Second
	return cfg
}

func TestTLSClientCertificate(t *testing.T) {
	tlsServer(t)
	db := openDB(t)
	ctx := context.Background()
	raw(t, db, func(c *Conn) error {
		state, ok := c.ConnectionState()
		if !ok || state.Version != tls.VersionTLS13 || !state.HandshakeComplete || len(state.VerifiedChains) == 0 {
			t.Errorf("TLS state: %v, version %x, handshake complete %v, %d verified chains",
				ok, state.Version, state.HandshakeComplete, len(state.VerifiedChains))
		}
		// An idle TLS connection reads as alive to database/sql's check before reuse.
		if err := c.ResetSession(ctx); err != nil {
			t.Errorf("ResetSession: %v", err)
		}
		return c.Ping(ctx)
	})
	// The server's certificate names localhost as well as 127.0.0.1.
	cfg := withTLS(serverConfig.TLS)
	cfg.Host = "localhost"
	c, err := Connect(ctx, cfg)
	if err != nil {
		t.Fatalf("connecting to localhost: %v", err)
	}
	defer c.Close()
	if err := c.Ping(ctx); err != nil {
		t.Error(err)
	}
	if _, ok := c.ConnectionState(); !ok {
		t.Error("the connection to localhost does not use TLS")
	}
}

func TestTLSRefusedClients(t *testing.T) {
	tlsServer(t)
	ctx := context.Background()
	rogue, err := tls.LoadX509KeyPair(os.Getenv("BOYODB_TLS_ROGUE_CERT"), os.Getenv("BOYODB_TLS_ROGUE_KEY"))
	if err != nil {
		t.Fatal(err)
	}
	roots := serverConfig.TLS.RootCAs
	for _, tc := range []struct {
		name  string
		certs []tls.Certificate
	}{
		{"no client certificate", nil},
		{"a certificate from another CA", []tls.Certificate{rogue}},
	} {
		c, err := Connect(ctx, withTLS(&tls.Config{RootCAs: roots, Certificates: tc.certs}))
		if err == nil {
			c.Close()
			t.Errorf("%s: connected", tc.name)
			continue
		}
		// An alert (remote error: tls: certificate required), or a hang-up when the login
		// was sent too late to be answered even with that.
		if !strings.Contains(err.Error(), "TLS handshake") || !strings.Contains(err.Error(), "client's certificate") {
			t.Errorf("%s: got %v", tc.name, err)
		}
	}
	// The server's certificate is verified: against the system's CAs, which did not sign it,
	// and against the name asked for.
	_, err = Connect(ctx, withTLS(&tls.Config{Certificates: serverConfig.TLS.Certificates}))
	if !errors.As(err, &x509.UnknownAuthorityError{}) {
		t.Errorf("a server certificate from an unknown CA: got %v", err)
	}
	other := serverConfig.TLS.Clone()
	other.ServerName = "db.example"
	_, err = Connect(ctx, withTLS(other))
	if !errors.As(err, &x509.HostnameError{}) {
		t.Errorf("a server certificate for another name: got %v", err)
	}
	// The refusals left the server serving.
	c, err := Connect(ctx, withTLS(serverConfig.TLS))
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}

func TestPlainTCPToATLSServer(t *testing.T) {
	tlsServer(t)
	// The server hangs up on a login frame it reads as a malformed TLS record; the client
	// says so at once rather than waiting out its timeout.
	c, err := Connect(context.Background(), withTLS(nil))
	if err == nil {
		c.Close()
		t.Fatal("a plain connection to a TLS server logged in")
	}
	if errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "if it requires TLS") {
		t.Errorf("got %v", err)
	}
}
