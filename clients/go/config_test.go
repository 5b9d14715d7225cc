package boyodb

import (
	"testing"
	"time"
)

func TestParseDSN(t *testing.T) {
	for dsn, want := range map[string]Config{
		"boyodb://u:p%40ss@db.example:9000/sales?timeout=3s": {Host: "db.example", Port: 9000, User: "u", Password: "p@ss", Database: "sales", Timeout: 3 * time.Second},
		"boyodb://admin@localhost":                           {Host: "localhost", User: "admin"},
		"boyodb://u:p@[::1]:1234/":                           {Host: "::1", Port: 1234, User: "u", Password: "p"},
		"boyodb://u@/":                                       {User: "u"},
	} {
		got, err := ParseDSN(dsn)
		if err != nil || got != want {
			t.Errorf("%s: got %+v, %v, want %+v", dsn, got, err, want)
		}
	}
	for _, dsn := range []string{
		"postgres://u@h/db",
		"boyodb://u@h:99999/",
		"boyodb://u@h/a/b",
		"boyodb://u@h/?timeout=soon",
		"boyodb://u@h/?timeout=-1s",
		"boyodb://u@h/?sslmode=disable",
		"boyodb://u@h/?timeout=1s&timeout=2s",
		"::",
	} {
		if _, err := ParseDSN(dsn); err == nil {
			t.Errorf("%s: accepted", dsn)
		}
	}
}

func TestConfigDefaults(t *testing.T) {
	var c Config
	if got := c.address(); got != "127.0.0.1:8765" {
		t.Errorf("address %q", got)
	}
	if c.timeout() != DefaultTimeout {
		t.Errorf("timeout %v", c.timeout())
	}
	if _, err := NewConnector(Config{}); err == nil {
		t.Error("a Config without a user was accepted")
	}
}
