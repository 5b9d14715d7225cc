package arrow

import (
	"errors"
	"fmt"
	"io"
	"math"
)

// Batch is one decoded record batch: Len rows, one Array per schema field.
type Batch struct {
	Len     int
	Columns []Array
}

// Reader decodes an Arrow IPC stream: a Schema message, then record batches with the
// dictionary batches they need (first, delta and replacement dictionaries), then the
// end-of-stream marker. Bodies must be uncompressed, which is how BoyoDB sends query results.
type Reader struct {
	r          io.Reader
	schema     *Schema
	dictFields map[int64]Field // each dictionary's value field, by dictionary id
	dicts      map[int64]Array // the current dictionary of each id
	done       bool
}

// NewReader reads the stream's Schema message from r.
func NewReader(r io.Reader) (*Reader, error) {
	m, err := readMessage(r)
	if err == io.EOF {
		return nil, errors.New("arrow: the stream has no schema")
	}
	if err != nil {
		return nil, fmt.Errorf("arrow: %w", err)
	}
	if m.headerType != headerSchema {
		return nil, fmt.Errorf("arrow: the stream starts with message type %d, not a schema", m.headerType)
	}
	schema, err := parseSchema(m.header)
	if err != nil {
		return nil, fmt.Errorf("arrow: schema: %w", err)
	}
	rd := &Reader{r: r, schema: schema, dictFields: map[int64]Field{}, dicts: map[int64]Array{}}
	if err := rd.collectDictionaries(schema.Fields); err != nil {
		return nil, err
	}
	return rd, nil
}

// collectDictionaries records the value field of every dictionary-encoded field, nested ones
// included.
func (r *Reader) collectDictionaries(fields []Field) error {
	for _, f := range fields {
		if f.Dictionary != nil {
			if _, dup := r.dictFields[f.Dictionary.ID]; dup {
				return fmt.Errorf("arrow: dictionary id %d is used by two fields", f.Dictionary.ID)
			}
			value := f
			value.Dictionary = nil
			r.dictFields[f.Dictionary.ID] = value
		}
		if err := r.collectDictionaries(f.Children); err != nil {
			return err
		}
	}
	return nil
}

// Schema returns the stream's schema.
func (r *Reader) Schema() *Schema { return r.schema }

// Next returns the next record batch, applying the dictionary batches before it. It returns
// io.EOF after the last one.
func (r *Reader) Next() (*Batch, error) {
	for !r.done {
		m, err := readMessage(r.r)
		if err == io.EOF {
			r.done = true
			break
		}
		if err != nil {
			return nil, fmt.Errorf("arrow: %w", err)
		}
		switch m.headerType {
		case headerRecordBatch:
			b, err := r.readBatch(m)
			if err != nil {
				return nil, fmt.Errorf("arrow: record batch: %w", err)
			}
			return b, nil
		case headerDictionaryBatch:
			if err := r.readDictionary(m); err != nil {
				return nil, fmt.Errorf("arrow: dictionary batch: %w", err)
			}
		case headerSchema:
			return nil, errors.New("arrow: a second schema message in the stream")
		default:
			return nil, fmt.Errorf("arrow: message type %d is not supported", m.headerType)
		}
	}
	return nil, io.EOF
}

// Field ids of RecordBatch and DictionaryBatch in Message.fbs.
const (
	batchLength      = 0
	batchNodes       = 1
	batchBuffers     = 2
	batchCompression = 3

	dictionaryID      = 0
	dictionaryData    = 1
	dictionaryIsDelta = 2
)

func (r *Reader) readBatch(m *message) (*Batch, error) {
	d, length, err := r.newDecoder(m.header, m.body)
	if err != nil {
		return nil, err
	}
	b := &Batch{Len: length, Columns: make([]Array, len(r.schema.Fields))}
	for i, f := range r.schema.Fields {
		if b.Columns[i], err = d.decode(f, 0); err != nil {
			return nil, fmt.Errorf("column %q: %w", f.Name, err)
		}
		if b.Columns[i].Len() != length {
			return nil, fmt.Errorf("column %q has %d rows in a batch of %d", f.Name, b.Columns[i].Len(), length)
		}
	}
	return b, d.finish()
}

func (r *Reader) readDictionary(m *message) error {
	id, err := m.header.int64Field(dictionaryID, 0)
	if err != nil {
		return err
	}
	isDelta, err := m.header.boolField(dictionaryIsDelta, false)
	if err != nil {
		return err
	}
	data, ok, err := m.header.tableField(dictionaryData)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("dictionary %d has no data", id)
	}
	field, ok := r.dictFields[id]
	if !ok {
		return fmt.Errorf("dictionary id %d belongs to no field", id)
	}
	d, _, err := r.newDecoder(data, m.body)
	if err != nil {
		return err
	}
	values, err := d.decode(field, 0)
	if err != nil {
		return fmt.Errorf("dictionary %d: %w", id, err)
	}
	if err := d.finish(); err != nil {
		return err
	}
	if old, ok := r.dicts[id]; ok && isDelta {
		values = appendArrays(old, values)
	}
	r.dicts[id] = values
	return nil
}

func (r *Reader) newDecoder(rb table, body []byte) (*decoder, int, error) {
	length, err := rb.int64Field(batchLength, 0)
	if err != nil {
		return nil, 0, err
	}
	if length < 0 || length > math.MaxInt32 {
		return nil, 0, fmt.Errorf("batch length %d is out of range", length)
	}
	if _, compressed, err := rb.tableField(batchCompression); err != nil {
		return nil, 0, err
	} else if compressed {
		return nil, 0, errors.New("compressed bodies are not supported")
	}
	d := &decoder{body: body, dicts: r.dicts}
	if d.nodes, err = rb.int64Pairs(batchNodes); err != nil {
		return nil, 0, err
	}
	if d.buffers, err = rb.int64Pairs(batchBuffers); err != nil {
		return nil, 0, err
	}
	return d, int(length), nil
}
