#include "formats/ipc/file_reader.h"

#include <algorithm>
#include <cstring>

#include "common/sqlstate.h"
#include "formats/ipc/array_loader.h"
#include "formats/ipc/dictionaries.h"

namespace boyodb::formats::ipc {

using columnar::ArrayPtr;
using columnar::Buffer;
using columnar::BufferPtr;

namespace {

// "ARROW1" + 2 bytes of padding at the start; int32 footer length + "ARROW1" at the end.
constexpr uint64_t kHeadBytes = 8;
constexpr uint64_t kTailBytes = 10;

Result<BufferPtr> ReadRange(const RandomAccessFile& file, uint64_t offset, uint64_t length) {
  std::shared_ptr<Buffer> bytes = Buffer::AllocateUninitialized(static_cast<size_t>(length));
  if (length > 0) {
    BOYO_RETURN_IF_ERROR(ReadExactly(file, offset, static_cast<size_t>(length),
                                     reinterpret_cast<char*>(bytes->mutable_data())));
  }
  return BufferPtr(std::move(bytes));
}

Status OutOfRangeIndex(const char* what, int index, int count) {
  return Status(StatusCode::kOutOfRange, sqlstate::kNumericValueOutOfRange,
                std::string(what) + " index " + std::to_string(index) + " is outside [0, " +
                    std::to_string(count) + ")");
}

}  // namespace

FileReader::FileReader(std::shared_ptr<const RandomAccessFile> file, ReadOptions options)
    : file_(std::move(file)), options_(options) {}

std::string FileReader::Where(const char* what, int index, uint64_t offset) const {
  return std::string("Arrow IPC file ") + file_->path() + ", " + what + " " +
         std::to_string(index) + " at offset " + std::to_string(offset);
}

Result<std::unique_ptr<FileReader>> FileReader::Open(std::shared_ptr<const RandomAccessFile> file,
                                                     ReadOptions options) {
  BOYO_RETURN_IF_ERROR(options.Validate());
  std::unique_ptr<FileReader> reader(new FileReader(std::move(file), options));
  Status status = reader->ReadFooter();
  if (!status.ok()) return status.WithContext("Arrow IPC file " + reader->file_->path());
  return reader;
}

Status FileReader::ReadFooter() {
  const uint64_t size = file_->size();
  if (size < kHeadBytes + kTailBytes) {
    return Status::Corruption("file of " + std::to_string(size) +
                              " bytes is too short to be an Arrow IPC file");
  }
  char head[6];
  BOYO_RETURN_IF_ERROR(ReadExactly(*file_, 0, 6, head));
  if (std::string_view(head, 6) != kFileMagic) {
    return Status::Corruption("file does not start with the Arrow magic \"ARROW1\"");
  }
  char tail[kTailBytes];
  BOYO_RETURN_IF_ERROR(ReadExactly(*file_, size - kTailBytes, kTailBytes, tail));
  if (std::string_view(tail + 4, 6) != kFileMagic) {
    return Status::Corruption("file does not end with the Arrow magic \"ARROW1\"");
  }
  int32_t footer_length;
  std::memcpy(&footer_length, tail, 4);
  if (footer_length <= 0 || static_cast<uint64_t>(footer_length) > options_.max_metadata_bytes ||
      static_cast<uint64_t>(footer_length) > size - kHeadBytes - kTailBytes) {
    return Status::Corruption("footer length " + std::to_string(footer_length) + " at offset " +
                              std::to_string(size - kTailBytes) + " does not fit the file of " +
                              std::to_string(size) + " bytes");
  }
  const uint64_t footer_start = size - kTailBytes - static_cast<uint64_t>(footer_length);
  BOYO_ASSIGN_OR_RETURN(const BufferPtr footer_bytes,
                        ReadRange(*file_, footer_start, static_cast<uint64_t>(footer_length)));
  Result<const fb::Footer*> footer =
      VerifyFooter(footer_bytes->data(), footer_bytes->size(), options_);
  if (!footer.ok()) {
    return footer.error().WithContext("footer at offset " + std::to_string(footer_start));
  }
  Result<IpcSchema> schema = ParseSchema((*footer)->schema(), options_);
  if (!schema.ok()) {
    return schema.error().WithContext("footer at offset " + std::to_string(footer_start));
  }
  schema_ = std::move(schema).value();
  auto check_blocks = [&](std::vector<FileBlock> blocks, const char* what,
                          std::vector<FileBlock>& out) -> Status {
    for (const FileBlock& block : blocks) {
      int64_t end = 0;
      if (block.offset < static_cast<int64_t>(kHeadBytes) || block.metadata_length <= 0 ||
          block.body_length < 0 ||
          __builtin_add_overflow(block.offset, int64_t{block.metadata_length}, &end) ||
          __builtin_add_overflow(end, block.body_length, &end) ||
          end > static_cast<int64_t>(footer_start) ||
          static_cast<uint64_t>(block.metadata_length) > options_.max_metadata_bytes + 8 ||
          static_cast<uint64_t>(block.body_length) > options_.max_message_bytes) {
        return Status::Corruption(std::string(what) + " block " + std::to_string(out.size()) +
                                  " (offset " + std::to_string(block.offset) + ", metadata " +
                                  std::to_string(block.metadata_length) + " bytes, body " +
                                  std::to_string(block.body_length) +
                                  " bytes) does not lie between the magic and the footer at " +
                                  std::to_string(footer_start));
      }
      out.push_back(block);
    }
    return Status::OK();
  };
  BOYO_RETURN_IF_ERROR(
      check_blocks(ParseBlocks((*footer)->dictionaries()), "dictionary", dictionary_blocks_));
  BOYO_RETURN_IF_ERROR(
      check_blocks(ParseBlocks((*footer)->recordBatches()), "record batch", batch_blocks_));
  for (const IpcField& field : schema_.fields) {
    node_starts_.push_back(total_nodes_);
    buffer_starts_.push_back(total_buffers_);
    total_nodes_ += field.TotalNodeCount();
    total_buffers_ += field.TotalBufferCount();
  }
  return Status::OK();
}

Result<FileReader::BlockMessage> FileReader::ReadBlockMessage(const FileBlock& block) const {
  const uint64_t length = static_cast<uint64_t>(block.metadata_length);
  BOYO_ASSIGN_OR_RETURN(BufferPtr bytes,
                        ReadRange(*file_, static_cast<uint64_t>(block.offset), length));
  uint32_t first = 0;
  std::memcpy(&first, bytes->data(), std::min<uint64_t>(length, 4));
  // Since Arrow 0.15 a 0xFFFFFFFF marker precedes the length; older files start with it.
  const uint64_t prefix = first == kContinuationMarker ? 8 : 4;
  int32_t flatbuffer_length = 0;
  if (length >= prefix) std::memcpy(&flatbuffer_length, bytes->data() + prefix - 4, 4);
  if (flatbuffer_length <= 0 || static_cast<uint64_t>(flatbuffer_length) > length - prefix) {
    return Status::Corruption("message metadata length " + std::to_string(flatbuffer_length) +
                              " does not fit the block's " + std::to_string(length) + " bytes");
  }
  // The flatbuffer must start 8-byte aligned; with the legacy 4-byte prefix it is copied.
  BufferPtr flatbuffer = prefix == 8
                             ? Buffer::Slice(bytes, 8, static_cast<size_t>(flatbuffer_length))
                             : BufferPtr(Buffer::CopyOf(std::string_view(
                                   reinterpret_cast<const char*>(bytes->data()) + 4,
                                   static_cast<size_t>(flatbuffer_length))));
  BOYO_ASSIGN_OR_RETURN(const fb::Message* message,
                        VerifyMessage(flatbuffer->data(), flatbuffer->size(), options_));
  if (message->bodyLength() != block.body_length) {
    return Status::Corruption("message body length " + std::to_string(message->bodyLength()) +
                              " differs from the footer's " + std::to_string(block.body_length));
  }
  BlockMessage out;
  out.metadata_bytes = std::move(flatbuffer);
  out.message = message;
  out.body_offset = static_cast<uint64_t>(block.offset) + length;
  out.body_length = block.body_length;
  return out;
}

Result<BatchHeader> FileReader::ReadBatchHeader(int batch, BlockMessage* message) const {
  if (batch < 0 || batch >= num_batches()) {
    return OutOfRangeIndex("record batch", batch, num_batches());
  }
  const FileBlock& block = batch_blocks_[static_cast<size_t>(batch)];
  auto where = [&] { return Where("record batch", batch, static_cast<uint64_t>(block.offset)); };
  Result<BlockMessage> read = ReadBlockMessage(block);
  if (!read.ok()) return read.error().WithContext(where());
  *message = std::move(read).value();
  if (message->message->header_type() != fb::MessageHeader::RecordBatch) {
    return Status::Corruption(std::string("record batch block holds a ") +
                              fb::EnumNameMessageHeader(message->message->header_type()) +
                              " message")
        .WithContext(where());
  }
  Result<BatchHeader> header =
      ParseRecordBatch(message->message->header_as_RecordBatch(), message->body_length);
  if (!header.ok()) return header.error().WithContext(where());
  if (header->nodes.size() != total_nodes_ || header->buffers.size() != total_buffers_) {
    return Status::Corruption("record batch has " + std::to_string(header->nodes.size()) +
                              " field nodes and " + std::to_string(header->buffers.size()) +
                              " buffers; its schema needs " + std::to_string(total_nodes_) +
                              " and " + std::to_string(total_buffers_))
        .WithContext(where());
  }
  return header;
}

Result<int64_t> FileReader::BatchNumRows(int batch) const {
  BlockMessage message;
  BOYO_ASSIGN_OR_RETURN(const BatchHeader header, ReadBatchHeader(batch, &message));
  return header.length;
}

Result<BatchLocation> FileReader::GetBatchLocation(int batch) const {
  BlockMessage message;
  BOYO_ASSIGN_OR_RETURN(const BatchHeader header, ReadBatchHeader(batch, &message));
  const FileBlock& block = batch_blocks_[static_cast<size_t>(batch)];
  BatchLocation location;
  location.offset = static_cast<uint64_t>(block.offset);
  location.metadata_length = block.metadata_length;
  location.body_length = block.body_length;
  location.num_rows = header.length;
  for (const ByteRange& range : ColumnBodyRanges(schema_.fields, header.buffers)) {
    location.column_ranges.push_back({message.body_offset + range.offset, range.length});
  }
  return location;
}

Result<columnar::Chunk> FileReader::ReadBatch(int batch, const std::vector<int>& columns) const {
  std::vector<int> selected = columns;
  if (selected.empty()) {
    for (size_t i = 0; i < schema_.fields.size(); ++i) selected.push_back(static_cast<int>(i));
  }
  const int num_columns = static_cast<int>(schema_.fields.size());
  for (const int column : selected) {
    if (column < 0 || column >= num_columns) return OutOfRangeIndex("column", column, num_columns);
  }
  BlockMessage message;
  BOYO_ASSIGN_OR_RETURN(const BatchHeader header, ReadBatchHeader(batch, &message));
  const std::vector<ByteRange> ranges = ColumnBodyRanges(schema_.fields, header.buffers);
  const DictionaryLookup lookup = [this](int64_t id) { return GetDictionary(id); };
  ArrayLoader loader(header, options_, lookup);
  std::vector<types::Field> fields;
  std::vector<ArrayPtr> arrays;
  for (const int column : selected) {
    const size_t index = static_cast<size_t>(column);
    const ByteRange& range = ranges[index];
    const uint64_t offset = message.body_offset + range.offset;
    Result<BufferPtr> bytes = ReadRange(*file_, offset, range.length);
    Result<ArrayPtr> array =
        bytes.ok() ? loader.LoadColumn(schema_.fields[index], node_starts_[index],
                                       buffer_starts_[index], BodyWindow{*bytes, range.offset})
                   : Result<ArrayPtr>(bytes.error());
    if (!array.ok()) {
      return array.error().WithContext(
          Where("record batch", batch, static_cast<uint64_t>(batch_blocks_[batch].offset)) +
          ", column bytes at offset " + std::to_string(offset));
    }
    fields.push_back(schema_.fields[index].field);
    arrays.push_back(std::move(array).value());
  }
  return columnar::Chunk(std::make_shared<const types::Schema>(std::move(fields)),
                         std::move(arrays), header.length);
}

Result<ArrayPtr> FileReader::GetDictionary(int64_t id) const {
  absl::MutexLock lock(&mutex_);
  auto found = dictionaries_.find(id);
  if (found != dictionaries_.end()) return found->second;
  BOYO_ASSIGN_OR_RETURN(ArrayPtr dictionary, LoadDictionary(id));
  dictionaries_.emplace(id, dictionary);
  return dictionary;
}

Result<ArrayPtr> FileReader::LoadDictionary(int64_t id) const {
  auto field = schema_.dictionaries.find(id);
  if (field == schema_.dictionaries.end()) {
    return Status::Corruption("no field uses dictionary " + std::to_string(id));
  }
  const DictionaryLookup no_nested = [](int64_t) -> Result<ArrayPtr> {
    return Status::Corruption("dictionary values refer to another dictionary");
  };
  ArrayPtr dictionary;
  // Dictionary batches of one id: the first full, later ones deltas appended in file order.
  for (size_t i = 0; i < dictionary_blocks_.size(); ++i) {
    const FileBlock& block = dictionary_blocks_[i];
    const std::string where =
        Where("dictionary batch", static_cast<int>(i), static_cast<uint64_t>(block.offset));
    Result<BlockMessage> message = ReadBlockMessage(block);
    if (!message.ok()) return message.error().WithContext(where);
    const fb::DictionaryBatch* batch = message->message->header_as_DictionaryBatch();
    if (batch == nullptr) {
      return Status::Corruption("dictionary block does not hold a DictionaryBatch message")
          .WithContext(where);
    }
    if (batch->id() != id) continue;
    if (dictionary != nullptr && !batch->isDelta()) {
      return Status::Corruption("second non-delta dictionary batch for dictionary " +
                                std::to_string(id) + " (the file format allows only deltas)")
          .WithContext(where);
    }
    if (dictionary == nullptr && batch->isDelta()) {
      return Status::Corruption("delta dictionary batch for dictionary " + std::to_string(id) +
                                " before any dictionary with that id")
          .WithContext(where);
    }
    Result<BatchHeader> header = ParseRecordBatch(batch->data(), message->body_length);
    if (!header.ok()) return header.error().WithContext(where);
    Result<BufferPtr> body =
        ReadRange(*file_, message->body_offset, static_cast<uint64_t>(message->body_length));
    if (!body.ok()) return body.error().WithContext(where);
    ArrayLoader loader(*header, options_, no_nested);
    Result<std::vector<ArrayPtr>> values = loader.LoadAll({field->second}, BodyWindow{*body, 0});
    if (!values.ok()) return values.error().WithContext(where);
    dictionary =
        dictionary == nullptr ? (*values)[0] : ConcatenateArrays(*dictionary, *(*values)[0]);
  }
  if (dictionary == nullptr) {
    return Status::Corruption("file has no dictionary batch for dictionary " + std::to_string(id) +
                              ", which a record batch uses")
        .WithContext("Arrow IPC file " + file_->path());
  }
  return dictionary;
}

Result<size_t> MemoryRandomAccessFile::ReadAt(uint64_t offset, size_t n, char* out) const {
  if (offset >= bytes_.size()) return size_t{0};
  const size_t count = static_cast<size_t>(std::min<uint64_t>(n, bytes_.size() - offset));
  std::memcpy(out, bytes_.data() + offset, count);
  return count;
}

Result<std::vector<columnar::Chunk>> ReadFile(std::string_view bytes, const ReadOptions& options) {
  auto file = std::make_shared<const MemoryRandomAccessFile>(bytes);
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<FileReader> reader, FileReader::Open(file, options));
  std::vector<columnar::Chunk> chunks;
  for (int i = 0; i < reader->num_batches(); ++i) {
    BOYO_ASSIGN_OR_RETURN(columnar::Chunk chunk, reader->ReadBatch(i));
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

}  // namespace boyodb::formats::ipc
