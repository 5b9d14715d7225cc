package arrow

import (
	"errors"
	"fmt"
)

// decoder turns one RecordBatch (or a DictionaryBatch's data) into Arrays, consuming its field
// nodes and buffers depth first, the order in which writers lay them out. Every length,
// offset and dictionary index is checked here, once, so that Array.Value can index without
// checks of its own.
type decoder struct {
	body    []byte
	nodes   [][2]int64 // (length, null count) per field node
	buffers [][2]int64 // (offset, length) in body per buffer
	dicts   map[int64]Array
}

var errTooFewNodes = errors.New("the batch has fewer field nodes than the schema needs")

func (d *decoder) node() (length, nulls int, err error) {
	if len(d.nodes) == 0 {
		return 0, 0, errTooFewNodes
	}
	n := d.nodes[0]
	d.nodes = d.nodes[1:]
	if n[0] < 0 || n[0] > 1<<31-1 || n[1] < 0 || n[1] > n[0] {
		return 0, 0, fmt.Errorf("field node (length %d, null count %d) is not valid", n[0], n[1])
	}
	return int(n[0]), int(n[1]), nil
}

func (d *decoder) buffer() ([]byte, error) {
	if len(d.buffers) == 0 {
		return nil, errors.New("the batch has fewer buffers than the schema needs")
	}
	b := d.buffers[0]
	d.buffers = d.buffers[1:]
	if b[0] < 0 || b[1] < 0 || b[0] > int64(len(d.body)) || b[1] > int64(len(d.body))-b[0] {
		return nil, fmt.Errorf("buffer (offset %d, length %d) is outside the body of %d bytes", b[0], b[1], len(d.body))
	}
	return d.body[b[0] : b[0]+b[1] : b[0]+b[1]], nil
}

// finish checks that the batch had no field nodes or buffers left over.
func (d *decoder) finish() error {
	if len(d.nodes) != 0 || len(d.buffers) != 0 {
		return fmt.Errorf("%d field nodes and %d buffers are left over", len(d.nodes), len(d.buffers))
	}
	return nil
}

// validity reads a validity bitmap; nil when the array has no nulls (the buffer may be empty).
func (d *decoder) validity(n, nulls int) (validity, error) {
	b, err := d.buffer()
	if err != nil || nulls == 0 {
		return nil, err
	}
	if len(b) < (n+7)/8 {
		return nil, fmt.Errorf("validity bitmap of %d bytes for %d rows with nulls", len(b), n)
	}
	return b, nil
}

// fixed reads a buffer of n values of size bytes each.
func (d *decoder) fixed(n, size int) ([]byte, error) {
	b, err := d.buffer()
	if err != nil {
		return nil, err
	}
	if int64(len(b)) < int64(n)*int64(size) {
		return nil, fmt.Errorf("values buffer of %d bytes for %d values of %d bytes", len(b), n, size)
	}
	return b, nil
}

// offsets reads the n+1 int32 offsets of a variable-size array and checks they start at 0 or
// more and never decrease; it returns them and the last one. A writer may send no offsets at
// all for an empty array.
func (d *decoder) offsets(n int) ([]byte, int, error) {
	b, err := d.buffer()
	if err != nil {
		return nil, 0, err
	}
	if n == 0 && len(b) == 0 {
		return make([]byte, 4), 0, nil
	}
	if int64(len(b)) < 4*(int64(n)+1) {
		return nil, 0, fmt.Errorf("offsets buffer of %d bytes for %d rows", len(b), n)
	}
	prev := int32(le.Uint32(b))
	if prev < 0 {
		return nil, 0, fmt.Errorf("offset %d is negative", prev)
	}
	for i := 1; i <= n; i++ {
		next := int32(le.Uint32(b[4*i:]))
		if next < prev {
			return nil, 0, fmt.Errorf("offsets decrease at row %d", i-1)
		}
		prev = next
	}
	return b, int(prev), nil
}

func (d *decoder) decode(f Field, depth int) (Array, error) {
	if depth > maxNesting {
		return nil, fmt.Errorf("types nest deeper than %d levels", maxNesting)
	}
	n, nulls, err := d.node()
	if err != nil {
		return nil, err
	}
	if f.Type.ID == TypeNull {
		return nullArray{n: n}, nil
	}
	valid, err := d.validity(n, nulls)
	if err != nil {
		return nil, err
	}
	if f.Dictionary != nil {
		return d.dictionary(f, n, valid)
	}
	t := f.Type
	switch t.ID {
	case TypeBool:
		bits, err := d.fixed((n+7)/8, 1)
		return &boolArray{validity: valid, n: n, bits: bits}, err
	case TypeInt:
		data, err := d.fixed(n, t.BitWidth/8)
		if f.Extension() == ExtensionIPv4 {
			return &ipv4Array{validity: valid, n: n, data: data}, err
		}
		return &intArray{validity: valid, n: n, data: data, width: t.BitWidth, signed: t.Signed}, err
	case TypeFloatingPoint:
		data, err := d.fixed(n, t.BitWidth/8)
		return &floatArray{validity: valid, n: n, data: data, width: t.BitWidth}, err
	case TypeDecimal:
		data, err := d.fixed(n, 16)
		return &decimalArray{validity: valid, n: n, data: data, scale: t.Scale}, err
	case TypeDate:
		data, err := d.fixed(n, 4)
		return &dateArray{validity: valid, n: n, data: data}, err
	case TypeTime:
		data, err := d.fixed(n, t.BitWidth/8)
		return &timeArray{validity: valid, n: n, data: data, unit: t.Unit, width: t.BitWidth}, err
	case TypeTimestamp:
		data, err := d.fixed(n, 8)
		return &timestampArray{validity: valid, n: n, data: data, unit: t.Unit}, err
	case TypeInterval:
		data, err := d.fixed(n, 16)
		return &intervalArray{validity: valid, n: n, data: data}, err
	case TypeFixedSizeBinary:
		data, err := d.fixed(n, t.ByteWidth)
		return &fixedBinaryArray{validity: valid, n: n, data: data, width: t.ByteWidth, ext: f.Extension()}, err
	case TypeUtf8, TypeBinary:
		offsets, end, err := d.offsets(n)
		if err != nil {
			return nil, err
		}
		data, err := d.buffer()
		if err != nil {
			return nil, err
		}
		if end > len(data) {
			return nil, fmt.Errorf("offsets reach %d in data of %d bytes", end, len(data))
		}
		return &bytesArray{validity: valid, n: n, offsets: offsets, data: data, text: t.ID == TypeUtf8}, nil
	case TypeList, TypeMap:
		offsets, end, err := d.offsets(n)
		if err != nil {
			return nil, err
		}
		child, err := d.decode(f.Children[0], depth+1)
		if err != nil {
			return nil, err
		}
		if end > child.Len() {
			return nil, fmt.Errorf("offsets reach %d in a child of %d rows", end, child.Len())
		}
		if t.ID == TypeList {
			return &listArray{validity: valid, n: n, offsets: offsets, child: child}, nil
		}
		entries, ok := child.(*structArray)
		if !ok {
			return nil, errors.New("map entries are dictionary-encoded")
		}
		return &mapArray{validity: valid, n: n, offsets: offsets, keys: entries.children[0], values: entries.children[1]}, nil
	case TypeStruct:
		a := &structArray{validity: valid, n: n}
		for _, cf := range f.Children {
			child, err := d.decode(cf, depth+1)
			if err != nil {
				return nil, err
			}
			if child.Len() < n {
				return nil, fmt.Errorf("struct child %q has %d rows, want %d", cf.Name, child.Len(), n)
			}
			a.names = append(a.names, cf.Name)
			a.children = append(a.children, child)
		}
		return a, nil
	}
	return nil, fmt.Errorf("type %s is not supported", t)
}

// dictionary decodes the indices of a dictionary-encoded field and checks each non-null one
// against the dictionary sent so far.
func (d *decoder) dictionary(f Field, n int, valid validity) (Array, error) {
	enc := f.Dictionary
	data, err := d.fixed(n, enc.IndexWidth/8)
	if err != nil {
		return nil, err
	}
	dict, ok := d.dicts[enc.ID]
	if !ok {
		return nil, fmt.Errorf("dictionary %d has not been sent", enc.ID)
	}
	indices := &intArray{validity: valid, n: n, data: data, width: enc.IndexWidth, signed: enc.IndexSigned}
	size := int64(dict.Len())
	for i := 0; i < n; i++ {
		if indices.IsNull(i) {
			continue
		}
		if index, ok := indices.index(i); !ok || index >= size {
			return nil, fmt.Errorf("dictionary index %v at row %d is outside dictionary %d of %d values",
				indices.Value(i), i, enc.ID, size)
		}
	}
	return &dictArray{indices: indices, dict: dict}, nil
}
