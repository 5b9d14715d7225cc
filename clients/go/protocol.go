package boyodb

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
)

// The native protocol: every message is a frame, a big-endian uint32 length and that many
// bytes. Requests and responses are JSON objects; a binary query result follows its response
// as frames of Arrow IPC stream bytes ended by an empty frame.

// maxFrameBytes bounds a response frame: the server cuts results into one frame per record
// batch, far below this, so anything larger means the stream is out of step.
const maxFrameBytes = 1 << 30

// request is one request frame. Fields an operation does not use are left empty and omitted.
type request struct {
	Op          string      `json:"op"`
	SQL         string      `json:"sql,omitempty"`
	Binary      bool        `json:"binary,omitempty"`
	Database    string      `json:"database,omitempty"`
	Table       string      `json:"table,omitempty"`
	CSV         *string     `json:"csv,omitempty"`
	Header      *bool       `json:"header,omitempty"`
	Delimiter   string      `json:"delimiter,omitempty"`
	Null        *string     `json:"null,omitempty"`
	Quote       string      `json:"quote,omitempty"`
	Name        string      `json:"name,omitempty"`
	IfNotExists bool        `json:"if_not_exists,omitempty"`
	Columns     []columnDef `json:"columns,omitempty"`
	Codec       string      `json:"codec,omitempty"`
	SortKey     []string    `json:"sort_key,omitempty"`
	User        string      `json:"user,omitempty"`
	Password    string      `json:"password,omitempty"`
	Parameters  []any       `json:"parameters,omitempty"` // execute's, made by parameterValue
}

// columnDef is a create_table column; nullable is always sent, since the server's default
// (true) is not Go's zero value.
type columnDef struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Nullable bool   `json:"nullable"`
}

// response is any response frame; which fields are set depends on the request.
type response struct {
	Status         string       `json:"status"`
	Code           string       `json:"code"`
	Message        string       `json:"message"`
	Position       int          `json:"position"`
	Context        []string     `json:"context"`
	Command        string       `json:"command"`
	Rows           *int64       `json:"rows"`
	RowsAffected   *int64       `json:"rows_affected"`
	Columns        []columnInfo `json:"columns"`
	Binary         bool         `json:"binary"`
	Plan           string       `json:"plan"`
	User           string       `json:"user"`
	Superuser      bool         `json:"superuser"`
	Mode           string       `json:"mode"`
	Version        string       `json:"version"`
	Nodes          []Node       `json:"nodes"`
	ParameterTypes []string     `json:"parameter_types"` // of a prepared statement's $1, $2, ...
}

// columnInfo is a result column as the response names it.
type columnInfo struct {
	Name string `json:"name"`
	Type string `json:"type"` // BoyoDB's type name: "INTEGER", "DECIMAL(10,2)", "TEXT[]"
}

// err returns the response's error, or nil when it reports success.
func (r *response) err() error {
	if r.Status == "ok" {
		return nil
	}
	if r.Status != "error" {
		return fmt.Errorf("boyodb: response with unknown status %q", r.Status)
	}
	return &Error{SQLState: r.Code, Message: r.Message, Position: r.Position, Context: r.Context}
}

func parseResponse(payload []byte) (*response, error) {
	var r response
	if err := json.Unmarshal(payload, &r); err != nil {
		return nil, fmt.Errorf("boyodb: malformed response frame: %w", err)
	}
	return &r, nil
}

// appendFrame appends payload to buf as one frame.
func appendFrame(buf, payload []byte) []byte {
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(payload)))
	return append(buf, payload...)
}

// readFrame reads one frame's payload.
func readFrame(r io.Reader) ([]byte, error) {
	var header [4]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(header[:])
	if n > maxFrameBytes {
		return nil, fmt.Errorf("boyodb: response frame of %d bytes is over the limit of %d", n, maxFrameBytes)
	}
	payload := make([]byte, n)
	if _, err := io.ReadFull(r, payload); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return payload, nil
}
