// Arrow IPC metadata: building the flatbuffers of Schema, RecordBatch and DictionaryBatch
// messages and of the file footer, and verifying and parsing the ones a reader gets (which may
// be arbitrary untrusted bytes). Framing is in message_reader.h; the layout is described in
// docs/formats/arrow_ipc.md.
// Thread safety: pure functions; a parsed IpcSchema is an immutable value.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "columnar/chunk.h"
#include "common/result.h"
#include "formats/compression/codec.h"
#include "formats/ipc/batch_location.h"
#include "formats/ipc/fbs/File_generated.h"
#include "formats/ipc/fbs/Message_generated.h"
#include "formats/ipc/options.h"
#include "formats/ipc/type_mapping.h"

namespace boyodb::formats::ipc {

using KeyValues = std::vector<std::pair<std::string, std::string>>;

/// "ARROW1": the first and last bytes of an IPC file (the first padded to 8 bytes with zeros).
inline constexpr std::string_view kFileMagic = "ARROW1";
/// Precedes the metadata length of every message since Arrow 0.15.
inline constexpr uint32_t kContinuationMarker = 0xFFFFFFFF;

struct FieldNodeInfo {
  int64_t length = 0;
  int64_t null_count = 0;
};

struct BufferRegion {
  int64_t offset = 0;  // in the body
  int64_t length = 0;
};

/// The contents of a RecordBatch header (also the data of a DictionaryBatch).
struct BatchHeader {
  int64_t length = 0;
  std::vector<FieldNodeInfo> nodes;
  std::vector<BufferRegion> buffers;
  CompressionCodec codec = CompressionCodec::kNone;
};

/// A schema as a reader understood it.
struct IpcSchema {
  columnar::SchemaPtr schema;
  /// One per column, in order.
  std::vector<IpcField> fields;
  KeyValues metadata;
  /// Layout of each dictionary's values, by dictionary id (fields at any depth).
  std::map<int64_t, IpcField> dictionaries;
};

// ---- Building (writers). Each returns finished flatbuffer bytes, not yet framed. ----

std::string BuildSchemaMessage(const std::vector<IpcField>& fields, const KeyValues& metadata);
std::string BuildRecordBatchMessage(const BatchHeader& header, int64_t body_length);
std::string BuildDictionaryBatchMessage(int64_t id, bool is_delta, const BatchHeader& header,
                                        int64_t body_length);
struct FileBlock {
  int64_t offset = 0;
  int32_t metadata_length = 0;
  int64_t body_length = 0;
};
std::string BuildFooter(const std::vector<IpcField>& fields, const KeyValues& metadata,
                        const std::vector<FileBlock>& dictionaries,
                        const std::vector<FileBlock>& record_batches);

/// Appends the framing of a message's metadata: continuation marker, int32 length, the
/// flatbuffer, zero padding so the body that follows starts 8-byte aligned. Returns the bytes
/// appended (the message's metadata length as a file footer counts it).
int32_t AppendFramedMetadata(std::string_view flatbuffer, std::string* out);

// ---- Parsing (readers). Requires: data is 8-byte aligned. ----

/// Verifies a Message flatbuffer. Corruption (XX001) when it is malformed; NotSupported
/// (0A000) for metadata versions before V4.
Result<const org::apache::arrow::flatbuf::Message*> VerifyMessage(const uint8_t* data, size_t size,
                                                                  const ReadOptions& options);
/// Verifies a Footer flatbuffer, as VerifyMessage.
Result<const org::apache::arrow::flatbuf::Footer*> VerifyFooter(const uint8_t* data, size_t size,
                                                                const ReadOptions& options);

/// Maps a schema to BoyoDB fields (see IpcFieldFromFlatbuffer for the errors); also
/// NotSupported for big-endian data and Corruption for two fields with one dictionary id.
Result<IpcSchema> ParseSchema(const org::apache::arrow::flatbuf::Schema* schema,
                              const ReadOptions& options);

/// Parses a RecordBatch header, checking that every buffer lies inside a body of
/// body_length bytes, lengths and null counts are not negative, and the compression is known.
Result<BatchHeader> ParseRecordBatch(const org::apache::arrow::flatbuf::RecordBatch* batch,
                                     int64_t body_length);

/// The blocks of a footer (copied out: vectors of structs may be misaligned in damaged input).
std::vector<FileBlock> ParseBlocks(
    const flatbuffers::Vector<const org::apache::arrow::flatbuf::Block*>* blocks);

/// The body range of each top-level field's buffers (children included): from the smallest
/// offset to the largest end among them; a field without buffers gets an empty range at the
/// end of the previous one. Requires: buffers.size() is the fields' total buffer count.
std::vector<ByteRange> ColumnBodyRanges(const std::vector<IpcField>& fields,
                                        const std::vector<BufferRegion>& buffers);

}  // namespace boyodb::formats::ipc
