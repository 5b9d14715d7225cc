#include "formats/ipc/stream_reader.h"

#include "common/sqlstate.h"
#include "formats/ipc/array_loader.h"
#include "formats/ipc/dictionaries.h"

namespace boyodb::formats::ipc {

using columnar::ArrayPtr;

namespace {

std::string Where(const ByteSource& source, uint64_t offset) {
  return "Arrow IPC stream " + std::string(source.name()) + ", message at offset " +
         std::to_string(offset);
}

Status UnexpectedMessage(fb::MessageHeader type) {
  if (type == fb::MessageHeader::Tensor || type == fb::MessageHeader::SparseTensor) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  std::string("Arrow IPC ") + fb::EnumNameMessageHeader(type) +
                      " messages are not supported");
  }
  const char* name = fb::EnumNameMessageHeader(type);
  return Status::Corruption(std::string("unexpected Arrow IPC message type ") +
                            (*name != '\0' ? name : std::to_string(static_cast<int>(type))));
}

}  // namespace

StreamReader::StreamReader(ByteSource* source, ReadOptions options)
    : source_(source), options_(options), messages_(source, options_) {}

Result<std::unique_ptr<StreamReader>> StreamReader::Open(ByteSource* source, ReadOptions options) {
  BOYO_RETURN_IF_ERROR(options.Validate());
  std::unique_ptr<StreamReader> reader(new StreamReader(source, options));
  const uint64_t offset = source->position();
  BOYO_ASSIGN_OR_RETURN(std::optional<IpcMessage> first, reader->messages_.Next());
  if (!first.has_value()) {
    return Status::Corruption("Arrow IPC stream " + std::string(source->name()) +
                              " ends before its schema");
  }
  if (first->message->header_type() != fb::MessageHeader::Schema) {
    return Status::Corruption(std::string("Arrow IPC stream starts with a ") +
                              fb::EnumNameMessageHeader(first->message->header_type()) +
                              " message instead of a Schema")
        .WithContext(Where(*source, offset));
  }
  Result<IpcSchema> schema = ParseSchema(first->message->header_as_Schema(), reader->options_);
  if (!schema.ok()) return schema.error().WithContext(Where(*source, offset));
  reader->schema_ = std::move(schema).value();
  return reader;
}

Status StreamReader::LoadDictionary(const IpcMessage& message) {
  const fb::DictionaryBatch* batch = message.message->header_as_DictionaryBatch();
  if (batch == nullptr) return Status::Corruption("DictionaryBatch message without its header");
  const int64_t id = batch->id();
  auto field = schema_.dictionaries.find(id);
  if (field == schema_.dictionaries.end()) {
    return Status::Corruption("dictionary batch for id " + std::to_string(id) +
                              ", which no field of the schema uses");
  }
  BOYO_ASSIGN_OR_RETURN(const BatchHeader header,
                        ParseRecordBatch(batch->data(), message.message->bodyLength()));
  const DictionaryLookup no_nested = [](int64_t) -> Result<ArrayPtr> {
    return Status::Corruption("dictionary values refer to another dictionary");
  };
  ArrayLoader loader(header, options_, no_nested);
  BOYO_ASSIGN_OR_RETURN(std::vector<ArrayPtr> values,
                        loader.LoadAll({field->second}, BodyWindow{message.body, 0}));
  auto existing = dictionaries_.find(id);
  if (batch->isDelta()) {
    if (existing == dictionaries_.end()) {
      return Status::Corruption("delta dictionary batch for id " + std::to_string(id) +
                                " before any dictionary with that id");
    }
    existing->second = ConcatenateArrays(*existing->second, *values[0]);
  } else {
    dictionaries_[id] = std::move(values[0]);
  }
  return Status::OK();
}

Result<std::optional<columnar::Chunk>> StreamReader::ReadNext() {
  while (true) {
    const uint64_t offset = source_->position();
    BOYO_ASSIGN_OR_RETURN(std::optional<IpcMessage> message, messages_.Next());
    if (!message.has_value()) {
      done_ = true;
      return std::optional<columnar::Chunk>();
    }
    const fb::MessageHeader type = message->message->header_type();
    if (type == fb::MessageHeader::DictionaryBatch) {
      Status status = LoadDictionary(*message);
      if (!status.ok()) return status.WithContext(Where(*source_, offset));
      continue;
    }
    if (type != fb::MessageHeader::RecordBatch) {
      return UnexpectedMessage(type).WithContext(Where(*source_, offset));
    }
    Result<BatchHeader> header =
        ParseRecordBatch(message->message->header_as_RecordBatch(), message->message->bodyLength());
    if (!header.ok()) return header.error().WithContext(Where(*source_, offset));
    const DictionaryLookup lookup = [this](int64_t id) -> Result<ArrayPtr> {
      auto found = dictionaries_.find(id);
      if (found == dictionaries_.end()) {
        return Status::Corruption("record batch uses dictionary " + std::to_string(id) +
                                  " before any dictionary batch defined it");
      }
      return found->second;
    };
    ArrayLoader loader(*header, options_, lookup);
    Result<std::vector<ArrayPtr>> columns =
        loader.LoadAll(schema_.fields, BodyWindow{message->body, 0});
    if (!columns.ok()) return columns.error().WithContext(Where(*source_, offset));
    return std::optional<columnar::Chunk>(
        columnar::Chunk(schema_.schema, std::move(columns).value(), header->length));
  }
}

Result<std::optional<columnar::Chunk>> StreamReader::Next() {
  if (failed_) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kObjectNotInPrerequisiteState,
                  "the IPC stream reader failed earlier and cannot continue");
  }
  if (done_) return std::optional<columnar::Chunk>();
  Result<std::optional<columnar::Chunk>> chunk = ReadNext();
  if (!chunk.ok()) failed_ = true;
  return chunk;
}

Result<std::vector<columnar::Chunk>> ReadStream(std::string_view bytes,
                                                const ReadOptions& options) {
  MemorySource source(bytes);
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<StreamReader> reader, StreamReader::Open(&source, options));
  std::vector<columnar::Chunk> chunks;
  while (true) {
    BOYO_ASSIGN_OR_RETURN(std::optional<columnar::Chunk> chunk, reader->Next());
    if (!chunk.has_value()) break;
    chunks.push_back(std::move(*chunk));
  }
  return chunks;
}

}  // namespace boyodb::formats::ipc
