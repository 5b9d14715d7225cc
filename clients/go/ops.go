package boyodb

import "context"

// The operations below are native protocol requests with no SQL statement of their own (or,
// for Explain, with a result shape of its own). They run in the connection's current database.

// Explain returns the plan of one statement, the text EXPLAIN gives.
func (c *Conn) Explain(ctx context.Context, sql string) (string, error) {
	resp, err := c.do(ctx, &request{Op: "explain", SQL: sql})
	if err != nil {
		return "", err
	}
	return resp.Plan, nil
}

// IngestIPC appends the rows of an Arrow IPC stream or file to table, atomically, matching
// columns by position and casting them to the table's types (COPY table FROM STDIN (FORMAT
// arrow)). Bodies may be LZ4_FRAME or ZSTD compressed. ipc travels in one frame, so it is
// subject to the server's --max-request-bytes (64 MiB by default). It returns the number of
// rows appended.
func (c *Conn) IngestIPC(ctx context.Context, table string, ipc []byte) (int64, error) {
	if ipc == nil {
		ipc = []byte{} // the data frame is sent even when empty
	}
	resp, err := c.doWithData(ctx, &request{Op: "ingest_ipc", Table: table, Binary: true}, ipc)
	if err != nil {
		return 0, err
	}
	return newResult(resp).affected, nil
}

// CSVOptions are COPY's CSV options; the zero value means PostgreSQL's defaults (no header,
// delimiter ",", NULL as an unquoted empty field, quote '"').
type CSVOptions struct {
	Header    bool
	Delimiter string  // one byte; "" for the default
	Null      *string // the text of NULL; nil for the default
	Quote     string  // one byte; "" for the default
}

// IngestCSV appends CSV text to table, atomically, with PostgreSQL's CSV rules (COPY table
// FROM STDIN (FORMAT csv, ...)). It returns the number of rows appended.
func (c *Conn) IngestCSV(ctx context.Context, table, csv string, opts CSVOptions) (int64, error) {
	req := &request{Op: "ingest_csv", Table: table, CSV: &csv, Delimiter: opts.Delimiter,
		Null: opts.Null, Quote: opts.Quote}
	if opts.Header {
		req.Header = &opts.Header
	}
	resp, err := c.do(ctx, req)
	if err != nil {
		return 0, err
	}
	return newResult(resp).affected, nil
}

// CreateDatabase creates a database (CREATE SCHEMA).
func (c *Conn) CreateDatabase(ctx context.Context, name string, ifNotExists bool) error {
	_, err := c.do(ctx, &request{Op: "create_database", Name: name, IfNotExists: ifNotExists})
	return err
}

// Column is a column of CreateTable.
type Column struct {
	Name string
	// Type is any type name BoyoDB reads, including those CREATE TABLE's grammar cannot spell:
	// "DECIMAL(10,2)", "TEXT[]", "MAP(TEXT, BIGINT)", "STRUCT(a INTEGER, b TEXT)".
	Type    string
	NotNull bool
}

// TableOptions are CreateTable's options; the zero value means the server's defaults.
type TableOptions struct {
	IfNotExists bool
	Codec       string   // "lz4", "zstd", "snappy" or "none"
	SortKey     []string // column names
}

// CreateTable creates a table in the current database.
func (c *Conn) CreateTable(ctx context.Context, table string, columns []Column, opts TableOptions) error {
	defs := make([]columnDef, len(columns))
	for i, col := range columns {
		defs[i] = columnDef{Name: col.Name, Type: col.Type, Nullable: !col.NotNull}
	}
	_, err := c.do(ctx, &request{Op: "create_table", Table: table, Columns: defs,
		IfNotExists: opts.IfNotExists, Codec: opts.Codec, SortKey: opts.SortKey})
	return err
}

// ClusterStatus describes the server's cluster: one leader node when it runs alone.
type ClusterStatus struct {
	Mode    string // "standalone" when not in a cluster
	Version string
	Nodes   []Node
}

// Node is one node of a cluster.
type Node struct {
	Address string `json:"address"`
	Role    string `json:"role"`
	Healthy bool   `json:"healthy"`
}

// ClusterStatus returns the nodes of the server's cluster and their roles.
func (c *Conn) ClusterStatus(ctx context.Context) (*ClusterStatus, error) {
	resp, err := c.do(ctx, &request{Op: "cluster_status"})
	if err != nil {
		return nil, err
	}
	return &ClusterStatus{Mode: resp.Mode, Version: resp.Version, Nodes: resp.Nodes}, nil
}
