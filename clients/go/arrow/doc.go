// Package arrow decodes the Apache Arrow IPC stream format, in which BoyoDB sends query
// results, into Go values.
//
// It covers the types BoyoDB writes (see Field.ValueType for the Go type of each), dictionary
// encoding with delta and replacement dictionaries, and both the current framing and the
// one before Arrow 0.15. It reads uncompressed bodies only, and refuses types BoyoDB never
// sends, such as unions and views. Its FlatBuffers reading is its own, so the package needs
// nothing beyond the standard library. Input is not trusted: every offset and length is
// checked, and malformed input gives an error rather than a panic.
package arrow
