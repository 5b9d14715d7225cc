// Command example connects to a BoyoDB server, creates a table, inserts a few rows with $n
// parameters and reads them back through database/sql.
//
// It finds the server in BOYODB_HOST (default 127.0.0.1), BOYODB_PORT (default 8765),
// BOYODB_USER (default admin) and BOYODB_PASSWORD. With BOYODB_TLS_CA set it connects with
// TLS, verifying the server against that CA, and presents the client certificate in
// BOYODB_TLS_CERT and BOYODB_TLS_KEY when they are set.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"net/url"
	"os"
	"time"

	_ "boyodb.dev/clients/go/boyodb"
)

func main() {
	params := url.Values{"timeout": {"10s"}}
	if ca := os.Getenv("BOYODB_TLS_CA"); ca != "" {
		params.Set("tlsca", ca)
		if cert := os.Getenv("BOYODB_TLS_CERT"); cert != "" {
			params.Set("tlscert", cert)
			params.Set("tlskey", os.Getenv("BOYODB_TLS_KEY"))
		}
	}
	dsn := url.URL{
		Scheme:   "boyodb",
		User:     url.UserPassword(env("BOYODB_USER", "admin"), os.Getenv("BOYODB_PASSWORD")),
		Host:     env("BOYODB_HOST", "127.0.0.1") + ":" + env("BOYODB_PORT", "8765"),
		RawQuery: params.Encode(),
	}
	db, err := sql.Open("boyodb", dsn.String())
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, db); err != nil {
		log.Fatal(err)
	}
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func run(ctx context.Context, db *sql.DB) error {
	for _, ddl := range []string{
		"DROP TABLE IF EXISTS example_cities",
		"CREATE TABLE example_cities (name TEXT NOT NULL, population BIGINT, area_km2 DECIMAL(10,2), founded DATE)",
	} {
		if _, err := db.ExecContext(ctx, ddl); err != nil {
			return err
		}
	}
	defer db.Exec("DROP TABLE example_cities")

	insert, err := db.PrepareContext(ctx, "INSERT INTO example_cities VALUES ($1, $2, $3, $4)")
	if err != nil {
		return err
	}
	defer insert.Close()
	cities := []struct {
		name       string
		population any
		area       string
		founded    time.Time
	}{
		{"Lisbon", 545923, "100.05", time.Date(1179, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"Reykjavík", 139875, "273.00", time.Date(874, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"Atlantis", nil, "0.01", time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)},
	}
	for _, c := range cities {
		if _, err := insert.ExecContext(ctx, c.name, c.population, c.area, c.founded); err != nil {
			return err
		}
	}

	rows, err := db.QueryContext(ctx,
		"SELECT name, population, area_km2, founded FROM example_cities WHERE area_km2 > $1 ORDER BY name", 0.5)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			name       string
			population sql.NullInt64
			area       float64
			founded    time.Time
		)
		if err := rows.Scan(&name, &population, &area, &founded); err != nil {
			return err
		}
		fmt.Printf("%-10s population %-8s area %8.2f km² founded %d\n",
			name, nullable(population), area, founded.Year())
	}
	return rows.Err()
}

func nullable(n sql.NullInt64) string {
	if !n.Valid {
		return "unknown"
	}
	return fmt.Sprint(n.Int64)
}
