// Package boyodb is a client for BoyoDB's native protocol and a database/sql driver,
// registered as "boyodb". It uses the standard library only.
//
// # Connecting
//
//	db, err := sql.Open("boyodb", "boyodb://app:secret@db1:8765/sales?timeout=10s")
//
// See ParseDSN for the data source name, or build a Config and call NewConnector (for
// sql.OpenDB) or Connect (for a *Conn of your own).
//
// # TLS
//
// A server started with --tls-cert speaks TLS 1.3 only; with --tls-client-ca it also requires
// a client certificate signed by that CA. The DSN parameters tls=true, tlsca, tlscert and
// tlskey (see ParseDSN), or Config.TLS, make connections use TLS 1.3, verifying the server's
// certificate against the host connected to:
//
//	db, err := sql.Open("boyodb", "boyodb://app:secret@db1/sales?tlsca=ca.pem&tlscert=app.pem&tlskey=app.key")
//
// A server that refuses the client's certificate, or its lack of one, fails Connect with an
// error saying so; so does a plain connection to a TLS server, at once. The driver opens no
// connection other than its Conns. Conn.ConnectionState gives the TLS state.
//
// # Parameters
//
// Placeholders are PostgreSQL's: $1, $2, ... ("?" is not one). Queries run with arguments
// but not prepared (db.Query, db.Exec, QueryRow) go in one query request, which carries SQL
// text only, so the driver writes each argument into the query as a literal, in PostgreSQL's
// syntax with standard_conforming_strings on; "$1" inside a string, a quoted identifier, a
// comment or a dollar-quoted string is left alone. This costs one round trip and allows
// several statements in a query. Arguments are written as:
//
//	nil, a nil pointer, a nil []byte   NULL
//	bool                               TRUE, FALSE
//	int, int8 ... uint64               decimal digits; negative ones in parentheses: (-5)
//	float32, float64                   '1.5'::real, '1.5'::double precision ('NaN', 'Infinity', '-Infinity')
//	string                             'it''s' (NUL bytes and invalid UTF-8 are refused)
//	[]byte                             '\xdeadbeef'::bytea
//	time.Time                          '2024-01-02T03:04:05.123456Z'::timestamptz (UTC, microseconds)
//	Interval                           '1 year 2 mons 3 days 04:05:06'::interval
//	json.RawMessage                    its text as a string literal
//	net.IP, netip.Addr                 the address as a string literal
//	driver.Valuer                      its Value, written as above
//
// Named types of those kinds (type Status string) work too. Named arguments (sql.Named) are
// refused. Without arguments a query is sent exactly as written. Positions in errors count
// characters of the query as written, not of the text sent.
//
// # Prepared statements
//
// Prepare prepares the statement on the server (the protocol's prepare request, under a name
// the driver makes up), which types its parameters from their use; NumInput is their number.
// Each execution sends an execute request with the arguments as JSON values, apart from the
// SQL, and Close sends deallocate. The arguments are those above, sent as null, true/false,
// exact integers, or strings in PostgreSQL's text form: floats in their shortest exact
// decimal ("1.1", "NaN", "-Infinity"), []byte as "\xdeadbeef", times as
// "2024-01-02T03:04:05.123456Z" (UTC, microseconds), intervals as Interval.String writes
// them. The server reads each as its parameter's type reads text, and refuses a value it
// cannot read (22P02, 22003, ...) when the statement runs. A prepared statement is one
// statement: several in one text are refused (42601).
//
// # Results
//
// Rows come in BoyoDB's binary result mode, as an Arrow IPC stream decoded by package arrow
// a record batch at a time. Column values have these Go types (nil for NULL):
//
//	BOOLEAN                            bool
//	TINYINT, SMALLINT, INTEGER, BIGINT int8, int16, int32, int64
//	UINT8, UINT16, UINT32, UINT64      uint8, uint16, uint32, uint64
//	REAL, DOUBLE PRECISION             float32, float64
//	DECIMAL(p,s)                       string, exact ("-12345678.91"); scans into float64 too
//	TEXT, JSON                         string
//	BYTEA                              []byte
//	DATE                               time.Time, midnight UTC
//	TIME                               string, "15:04:05.999999"
//	TIMESTAMP, TIMESTAMPTZ             time.Time in UTC (TIMESTAMP's wall clock read as UTC)
//	INTERVAL                           Interval
//	UUID                               string, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
//	IPV4, IPV6                         string, "192.168.0.1", "2001:db8::1"
//	T[]                                []any of T's types
//	MAP(K, V)                          []KeyValue, in the server's order
//	STRUCT(...)                        map[string]any
//
// database/sql converts them for Scan: integers into any integer type or string, DECIMAL
// into string or float64, and so on. PostgreSQL's 'infinity' and '-infinity' read as the
// extremes the server stores them as: years 294247 and -290308 for timestamps, 5881580 and
// -5877641 for dates.
//
// Rows.ColumnTypeDatabaseTypeName gives BoyoDB's type name without modifiers ("DECIMAL",
// "TEXT[]", "MAP"), ColumnTypeScanType the Go type above, ColumnTypePrecisionScale a
// DECIMAL's precision and scale.
//
// # Errors
//
// Errors the server reports are *Error values carrying the SQLSTATE code, the message and
// the position. A connection that broke before a request was sent gives driver.ErrBadConn,
// so database/sql retries on another connection; once a request is sent it is never retried,
// since it may have run.
//
// # Context
//
// The protocol cannot cancel a request, so a context that ends while the driver waits for the
// server closes the connection: the call returns the context's error at once and
// database/sql discards the connection. The server still finishes the statement (a COMMIT
// it had begun, say, takes effect). Connecting and logging in are bounded by Config.Timeout
// as well.
//
// # Transactions
//
// BeginTx sends BEGIN. The server runs read committed: sql.LevelDefault and
// sql.LevelReadCommitted are accepted, other levels and read-only transactions refused. When
// a statement in a transaction fails, the server rolls the block back at COMMIT and Commit
// returns ErrTxRolledBack.
//
// # Native operations
//
// Explain, IngestIPC, IngestCSV, CreateDatabase, CreateTable and ClusterStatus are methods of
// *Conn, reached from database/sql through (*sql.Conn).Raw:
//
//	conn, _ := db.Conn(ctx)
//	err := conn.Raw(func(dc any) error {
//		n, err := dc.(*boyodb.Conn).IngestCSV(ctx, "events", csvText, boyodb.CSVOptions{Header: true})
//		...
//	})
package boyodb
