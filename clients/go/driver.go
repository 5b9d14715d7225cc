package boyodb

import (
	"context"
	"database/sql"
	"database/sql/driver"
)

func init() {
	sql.Register("boyodb", &Driver{})
}

// Driver is the database/sql driver, registered as "boyodb". Data source names are described
// at ParseDSN.
type Driver struct{}

// Open connects with a data source name; database/sql prefers OpenConnector.
func (d *Driver) Open(dsn string) (driver.Conn, error) {
	connector, err := d.OpenConnector(dsn)
	if err != nil {
		return nil, err
	}
	return connector.Connect(context.Background())
}

// OpenConnector parses a data source name once for all the connections of a sql.DB.
func (d *Driver) OpenConnector(dsn string) (driver.Connector, error) {
	cfg, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	return NewConnector(cfg)
}

// Connector opens connections with a fixed Config; pass it to sql.OpenDB.
type Connector struct {
	cfg Config
}

// NewConnector returns a Connector for cfg, for programs that build a Config rather than a
// data source name (a password with characters a URL would need escaped, say):
//
//	connector, err := boyodb.NewConnector(boyodb.Config{Host: "db1", User: "app", Password: pw})
//	db := sql.OpenDB(connector)
func NewConnector(cfg Config) (*Connector, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return &Connector{cfg: cfg}, nil
}

// Connect opens a connection; see the package function Connect.
func (c *Connector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := Connect(ctx, c.cfg)
	if err != nil {
		return nil, err
	}
	return conn, nil
}

// Driver returns the package's Driver.
func (c *Connector) Driver() driver.Driver { return &Driver{} }

// The database/sql interfaces the driver implements, checked when it compiles.
var (
	_ driver.DriverContext                  = (*Driver)(nil)
	_ driver.Connector                      = (*Connector)(nil)
	_ driver.ConnBeginTx                    = (*Conn)(nil)
	_ driver.ConnPrepareContext             = (*Conn)(nil)
	_ driver.QueryerContext                 = (*Conn)(nil)
	_ driver.ExecerContext                  = (*Conn)(nil)
	_ driver.Pinger                         = (*Conn)(nil)
	_ driver.SessionResetter                = (*Conn)(nil)
	_ driver.Validator                      = (*Conn)(nil)
	_ driver.NamedValueChecker              = (*Conn)(nil)
	_ driver.StmtExecContext                = (*stmt)(nil)
	_ driver.StmtQueryContext               = (*stmt)(nil)
	_ driver.RowsColumnTypeDatabaseTypeName = (*rows)(nil)
	_ driver.RowsColumnTypeScanType         = (*rows)(nil)
	_ driver.RowsColumnTypeNullable         = (*rows)(nil)
	_ driver.RowsColumnTypePrecisionScale   = (*rows)(nil)
)
