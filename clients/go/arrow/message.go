package arrow

import (
	"errors"
	"fmt"
	"io"
	"math"
)

// Limits on what one message may claim, checked before anything is allocated. They match
// BoyoDB's own reader (4 GiB per message body); metadata is a few KiB in practice.
const (
	maxMetadataBytes = 64 << 20
	maxBodyBytes     = 4 << 30
)

// Message header types (the MessageHeader union of Message.fbs).
const (
	headerSchema          = 1
	headerDictionaryBatch = 2
	headerRecordBatch     = 3
)

// metadataV4 is MetadataVersion V4, the oldest version whose layout this reader knows.
const metadataV4 = 3

// message is one encapsulated IPC message: its header table and its body.
type message struct {
	headerType uint8
	header     table
	body       []byte
}

// readMessage reads the next message. It returns io.EOF at the end-of-stream marker, and also
// when the stream simply ends between two messages, which older writers do.
func readMessage(r io.Reader) (*message, error) {
	var prefix [4]byte
	if _, err := io.ReadFull(r, prefix[:]); err != nil {
		if err == io.EOF {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("reading a message length: %w", unexpected(err))
	}
	length := int32(le.Uint32(prefix[:]))
	if length == -1 { // the continuation marker; the length follows
		if _, err := io.ReadFull(r, prefix[:]); err != nil {
			return nil, fmt.Errorf("reading a message length: %w", unexpected(err))
		}
		length = int32(le.Uint32(prefix[:]))
	}
	if length == 0 {
		return nil, io.EOF
	}
	if length < 0 || length > maxMetadataBytes {
		return nil, fmt.Errorf("message metadata length %d is out of range", length)
	}
	meta, err := readBytes(r, int64(length))
	if err != nil {
		return nil, fmt.Errorf("reading message metadata: %w", err)
	}
	root, err := rootTable(meta)
	if err != nil {
		return nil, err
	}
	version, err := root.int16Field(0, 0)
	if err != nil {
		return nil, err
	}
	if version < metadataV4 {
		return nil, fmt.Errorf("metadata version V%d is not supported (V4 and V5 are)", version+1)
	}
	m := &message{}
	if m.headerType, err = root.uint8Field(1, 0); err != nil {
		return nil, err
	}
	header, ok, err := root.tableField(2)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("message has no header")
	}
	m.header = header
	bodyLength, err := root.int64Field(3, 0)
	if err != nil {
		return nil, err
	}
	if bodyLength < 0 || bodyLength > maxBodyBytes || bodyLength > math.MaxInt {
		return nil, fmt.Errorf("message body length %d is out of range", bodyLength)
	}
	if m.body, err = readBytes(r, bodyLength); err != nil {
		return nil, fmt.Errorf("reading a message body: %w", err)
	}
	return m, nil
}

// readBytes reads exactly n bytes, growing the buffer as data arrives so that a corrupt length
// cannot make it allocate far more than the stream holds.
func readBytes(r io.Reader, n int64) ([]byte, error) {
	const step = 16 << 20
	buf := make([]byte, 0, minInt64(n, step))
	for int64(len(buf)) < n {
		chunk := minInt64(n-int64(len(buf)), step)
		if int64(cap(buf)-len(buf)) < chunk {
			grown := make([]byte, len(buf), minInt64(n, 2*int64(cap(buf))+chunk))
			copy(grown, buf)
			buf = grown
		}
		start := len(buf)
		buf = buf[:start+int(chunk)]
		if _, err := io.ReadFull(r, buf[start:]); err != nil {
			return nil, unexpected(err)
		}
	}
	return buf, nil
}

func minInt64(a, b int64) int64 {
	if a < b {
		return a
	}
	return b
}

// unexpected turns io.EOF inside a message into io.ErrUnexpectedEOF: only a message boundary
// may end a stream.
func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
