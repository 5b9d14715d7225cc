#include "formats/ipc/metadata.h"

#include <algorithm>
#include <cstring>

#include "common/sqlstate.h"
#include "formats/ipc/body_compression.h"

namespace boyodb::formats::ipc {

namespace {

using KeyValueVector = flatbuffers::Offset<flatbuffers::Vector<flatbuffers::Offset<fb::KeyValue>>>;

KeyValueVector WriteKeyValues(flatbuffers::FlatBufferBuilder& builder, const KeyValues& pairs) {
  if (pairs.empty()) return 0;
  std::vector<flatbuffers::Offset<fb::KeyValue>> entries;
  entries.reserve(pairs.size());
  for (const auto& [key, value] : pairs) {
    entries.push_back(
        fb::CreateKeyValue(builder, builder.CreateString(key), builder.CreateString(value)));
  }
  return builder.CreateVector(entries);
}

flatbuffers::Offset<fb::Schema> WriteSchema(flatbuffers::FlatBufferBuilder& builder,
                                            const std::vector<IpcField>& fields,
                                            const KeyValues& metadata) {
  std::vector<flatbuffers::Offset<fb::Field>> offsets;
  offsets.reserve(fields.size());
  for (const IpcField& field : fields) offsets.push_back(WriteIpcField(builder, field));
  const auto field_vector = builder.CreateVector(offsets);
  const KeyValueVector metadata_vector = WriteKeyValues(builder, metadata);
  return fb::CreateSchema(builder, fb::Endianness::Little, field_vector, metadata_vector);
}

flatbuffers::Offset<fb::RecordBatch> WriteRecordBatch(flatbuffers::FlatBufferBuilder& builder,
                                                      const BatchHeader& header) {
  std::vector<fb::FieldNode> nodes;
  nodes.reserve(header.nodes.size());
  for (const FieldNodeInfo& node : header.nodes) nodes.emplace_back(node.length, node.null_count);
  std::vector<fb::Buffer> buffers;
  buffers.reserve(header.buffers.size());
  for (const BufferRegion& region : header.buffers) {
    buffers.emplace_back(region.offset, region.length);
  }
  const auto node_vector = builder.CreateVectorOfStructs(nodes);
  const auto buffer_vector = builder.CreateVectorOfStructs(buffers);
  flatbuffers::Offset<fb::BodyCompression> compression = 0;
  if (header.codec != CompressionCodec::kNone) {
    compression = fb::CreateBodyCompression(builder, ToArrowCodec(header.codec),
                                            fb::BodyCompressionMethod::BUFFER);
  }
  return fb::CreateRecordBatch(builder, header.length, node_vector, buffer_vector, compression);
}

std::string Finish(flatbuffers::FlatBufferBuilder& builder) {
  return std::string(reinterpret_cast<const char*>(builder.GetBufferPointer()), builder.GetSize());
}

std::string FinishMessage(flatbuffers::FlatBufferBuilder& builder, fb::MessageHeader type,
                          flatbuffers::Offset<void> header, int64_t body_length) {
  builder.Finish(fb::CreateMessage(builder, fb::MetadataVersion::V5, type, header, body_length));
  return Finish(builder);
}

flatbuffers::Verifier::Options VerifierOptions(const ReadOptions& options) {
  flatbuffers::Verifier::Options verifier_options;
  // Each level of type nesting is a Field table inside a vector inside a Field.
  verifier_options.max_depth =
      static_cast<flatbuffers::uoffset_t>(2 * options.max_nesting_depth + 16);
  verifier_options.max_tables = 4'000'000;
  verifier_options.check_alignment = true;
  return verifier_options;
}

Status CheckVersion(fb::MetadataVersion version) {
  if (version < fb::MetadataVersion::V4) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "Arrow IPC metadata version V" + std::to_string(static_cast<int>(version) + 1) +
                      " is not supported (V4 and V5 are)");
  }
  return Status::OK();
}

void CollectDictionaries(const IpcField& field, std::map<int64_t, IpcField>& out, Status& status) {
  if (field.dictionary_encoded && status.ok()) {
    if (!out.emplace(field.dictionary_id, DictionaryValueField(field)).second) {
      status = Status::Corruption("invalid Arrow schema: dictionary id " +
                                  std::to_string(field.dictionary_id) +
                                  " is used by more than one field");
    }
  }
  for (const IpcField& child : field.children) CollectDictionaries(child, out, status);
}

// Element i of a vector of structs. The verifier checks only the alignment of a vector's length,
// so the elements may be misaligned in damaged input: copy them instead of referencing them.
template <typename T>
T StructAt(const flatbuffers::Vector<const T*>& vector, flatbuffers::uoffset_t i) {
  T out;
  std::memcpy(static_cast<void*>(&out), vector.Data() + i * sizeof(T), sizeof(T));
  return out;
}

void BufferSpan(const IpcField& field, const std::vector<BufferRegion>& buffers, size_t& index,
                uint64_t& begin, uint64_t& end) {
  for (int i = 0; i < field.OwnBufferCount(); ++i, ++index) {
    const BufferRegion& region = buffers[index];
    begin = std::min(begin, static_cast<uint64_t>(region.offset));
    end = std::max(end, static_cast<uint64_t>(region.offset + region.length));
  }
  for (const IpcField& child : field.children) BufferSpan(child, buffers, index, begin, end);
}

}  // namespace

std::string BuildSchemaMessage(const std::vector<IpcField>& fields, const KeyValues& metadata) {
  flatbuffers::FlatBufferBuilder builder(1024);
  const auto schema = WriteSchema(builder, fields, metadata);
  return FinishMessage(builder, fb::MessageHeader::Schema, schema.Union(), 0);
}

std::string BuildRecordBatchMessage(const BatchHeader& header, int64_t body_length) {
  flatbuffers::FlatBufferBuilder builder(1024);
  const auto batch = WriteRecordBatch(builder, header);
  return FinishMessage(builder, fb::MessageHeader::RecordBatch, batch.Union(), body_length);
}

std::string BuildDictionaryBatchMessage(int64_t id, bool is_delta, const BatchHeader& header,
                                        int64_t body_length) {
  flatbuffers::FlatBufferBuilder builder(1024);
  const auto batch = WriteRecordBatch(builder, header);
  const auto dictionary = fb::CreateDictionaryBatch(builder, id, batch, is_delta);
  return FinishMessage(builder, fb::MessageHeader::DictionaryBatch, dictionary.Union(),
                       body_length);
}

std::string BuildFooter(const std::vector<IpcField>& fields, const KeyValues& metadata,
                        const std::vector<FileBlock>& dictionaries,
                        const std::vector<FileBlock>& record_batches) {
  flatbuffers::FlatBufferBuilder builder(1024);
  const auto schema = WriteSchema(builder, fields, metadata);
  auto to_blocks = [](const std::vector<FileBlock>& blocks) {
    std::vector<fb::Block> out;
    out.reserve(blocks.size());
    for (const FileBlock& block : blocks) {
      out.emplace_back(block.offset, block.metadata_length, block.body_length);
    }
    return out;
  };
  const auto dictionary_vector = builder.CreateVectorOfStructs(to_blocks(dictionaries));
  const auto batch_vector = builder.CreateVectorOfStructs(to_blocks(record_batches));
  builder.Finish(
      fb::CreateFooter(builder, fb::MetadataVersion::V5, schema, dictionary_vector, batch_vector));
  return Finish(builder);
}

int32_t AppendFramedMetadata(std::string_view flatbuffer, std::string* out) {
  const size_t padded = (flatbuffer.size() + 8 + 7) / 8 * 8 - 8;
  const uint32_t marker = kContinuationMarker;
  const int32_t length = static_cast<int32_t>(padded);
  char prefix[8];
  std::memcpy(prefix, &marker, 4);
  std::memcpy(prefix + 4, &length, 4);
  out->append(prefix, 8);
  out->append(flatbuffer);
  out->append(padded - flatbuffer.size(), '\0');
  return static_cast<int32_t>(8 + padded);
}

Result<const fb::Message*> VerifyMessage(const uint8_t* data, size_t size,
                                         const ReadOptions& options) {
  flatbuffers::Verifier verifier(data, size, VerifierOptions(options));
  if (size < 8 || !fb::VerifyMessageBuffer(verifier)) {
    return Status::Corruption("Arrow IPC message metadata of " + std::to_string(size) +
                              " bytes is not a valid flatbuffer");
  }
  const fb::Message* message = fb::GetMessage(data);
  BOYO_RETURN_IF_ERROR(CheckVersion(message->version()));
  if (message->bodyLength() < 0) {
    return Status::Corruption("Arrow IPC message has a negative body length " +
                              std::to_string(message->bodyLength()));
  }
  return message;
}

Result<const fb::Footer*> VerifyFooter(const uint8_t* data, size_t size,
                                       const ReadOptions& options) {
  flatbuffers::Verifier verifier(data, size, VerifierOptions(options));
  if (size < 8 || !fb::VerifyFooterBuffer(verifier)) {
    return Status::Corruption("Arrow IPC file footer of " + std::to_string(size) +
                              " bytes is not a valid flatbuffer");
  }
  const fb::Footer* footer = fb::GetFooter(data);
  BOYO_RETURN_IF_ERROR(CheckVersion(footer->version()));
  return footer;
}

Result<IpcSchema> ParseSchema(const fb::Schema* schema, const ReadOptions& options) {
  if (schema == nullptr) return Status::Corruption("Arrow IPC schema is missing");
  if (schema->endianness() != fb::Endianness::Little) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "big-endian Arrow IPC data is not supported");
  }
  IpcSchema out;
  std::vector<types::Field> fields;
  if (schema->fields() != nullptr) {
    out.fields.reserve(schema->fields()->size());
    for (const fb::Field* field : *schema->fields()) {
      BOYO_ASSIGN_OR_RETURN(IpcField parsed,
                            IpcFieldFromFlatbuffer(field, "", 1, options.max_nesting_depth));
      fields.push_back(parsed.field);
      out.fields.push_back(std::move(parsed));
    }
  }
  if (schema->custom_metadata() != nullptr) {
    for (const fb::KeyValue* entry : *schema->custom_metadata()) {
      if (entry == nullptr || entry->key() == nullptr) {
        return Status::Corruption("invalid Arrow schema: a custom_metadata entry has no key");
      }
      out.metadata.emplace_back(entry->key()->str(),
                                entry->value() != nullptr ? entry->value()->str() : "");
    }
  }
  Status status;
  for (const IpcField& field : out.fields) CollectDictionaries(field, out.dictionaries, status);
  BOYO_RETURN_IF_ERROR(status);
  out.schema = std::make_shared<const types::Schema>(std::move(fields));
  return out;
}

Result<BatchHeader> ParseRecordBatch(const fb::RecordBatch* batch, int64_t body_length) {
  if (batch == nullptr) return Status::Corruption("Arrow IPC batch message has no record batch");
  BatchHeader out;
  out.length = batch->length();
  if (out.length < 0) {
    return Status::Corruption("record batch has a negative length " + std::to_string(out.length));
  }
  if (batch->nodes() != nullptr) {
    out.nodes.reserve(batch->nodes()->size());
    for (flatbuffers::uoffset_t i = 0; i < batch->nodes()->size(); ++i) {
      const fb::FieldNode node = StructAt(*batch->nodes(), i);
      if (node.length() < 0 || node.null_count() < 0 || node.null_count() > node.length()) {
        return Status::Corruption("record batch field node " + std::to_string(i) + " has length " +
                                  std::to_string(node.length()) + " and null count " +
                                  std::to_string(node.null_count()));
      }
      out.nodes.push_back({node.length(), node.null_count()});
    }
  }
  if (batch->buffers() != nullptr) {
    out.buffers.reserve(batch->buffers()->size());
    for (flatbuffers::uoffset_t i = 0; i < batch->buffers()->size(); ++i) {
      const fb::Buffer buffer = StructAt(*batch->buffers(), i);
      const int64_t offset = buffer.offset();
      const int64_t length = buffer.length();
      int64_t end = 0;
      if (offset < 0 || length < 0 || __builtin_add_overflow(offset, length, &end) ||
          end > body_length) {
        return Status::Corruption("record batch buffer " + std::to_string(out.buffers.size()) +
                                  " at offset " + std::to_string(offset) + " of length " +
                                  std::to_string(length) + " lies outside the body of " +
                                  std::to_string(body_length) + " bytes");
      }
      out.buffers.push_back({offset, length});
    }
  }
  if (const fb::BodyCompression* compression = batch->compression(); compression != nullptr) {
    if (compression->method() != fb::BodyCompressionMethod::BUFFER) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "Arrow IPC body compression method " +
                        std::to_string(static_cast<int>(compression->method())) +
                        " is not supported");
    }
    BOYO_ASSIGN_OR_RETURN(out.codec, FromArrowCodec(compression->codec()));
  }
  return out;
}

std::vector<FileBlock> ParseBlocks(const flatbuffers::Vector<const fb::Block*>* blocks) {
  std::vector<FileBlock> out;
  if (blocks == nullptr) return out;
  out.reserve(blocks->size());
  for (flatbuffers::uoffset_t i = 0; i < blocks->size(); ++i) {
    const fb::Block block = StructAt(*blocks, i);
    out.push_back({block.offset(), block.metaDataLength(), block.bodyLength()});
  }
  return out;
}

std::vector<ByteRange> ColumnBodyRanges(const std::vector<IpcField>& fields,
                                        const std::vector<BufferRegion>& buffers) {
  std::vector<ByteRange> ranges;
  ranges.reserve(fields.size());
  size_t index = 0;
  uint64_t previous_end = 0;
  for (const IpcField& field : fields) {
    uint64_t begin = UINT64_MAX;
    uint64_t end = 0;
    BufferSpan(field, buffers, index, begin, end);
    if (begin == UINT64_MAX) {
      ranges.push_back({previous_end, 0});
      continue;
    }
    ranges.push_back({begin, end - begin});
    previous_end = end;
  }
  return ranges;
}

}  // namespace boyodb::formats::ipc
