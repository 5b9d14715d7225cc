#include "storage/wal/log_writer.h"

namespace boyodb::storage::wal {

Result<std::unique_ptr<LogWriter>> LogWriter::Create(FileSystem& fs, const std::string& path,
                                                     const FileHeader& header) {
  BOYO_ASSIGN_OR_RETURN(auto file, fs.OpenWritable(path, OpenMode::kCreateNew));
  auto writer = std::unique_ptr<LogWriter>(new LogWriter(std::move(file), header, 0));
  writer->buffer_ = EncodeFileHeader(header);
  return writer;
}

Result<std::unique_ptr<LogWriter>> LogWriter::OpenForAppend(FileSystem& fs, const std::string& path,
                                                            const FileHeader& header) {
  BOYO_ASSIGN_OR_RETURN(auto file, fs.OpenWritable(path, OpenMode::kAppend));
  const uint64_t size = file->size();
  if (size < kFileHeaderBytes) {
    return Status::Corruption("wal file \"" + path +
                              "\" is shorter than its header: " + std::to_string(size) + " bytes");
  }
  return std::unique_ptr<LogWriter>(new LogWriter(std::move(file), header, size));
}

LogWriter::LogWriter(std::unique_ptr<WritableFile> file, const FileHeader& header,
                     uint64_t flushed_size)
    : file_(std::move(file)), header_(header), flushed_size_(flushed_size) {}

LogWriter::~LogWriter() = default;

Status LogWriter::ValidateRecord(RecordType type, size_t payload_bytes) {
  if (static_cast<uint8_t>(type) == 0)
    return Status::InvalidArgument("wal record type 0 is reserved");
  if (payload_bytes > kMaxPayloadBytes) {
    return Status::InvalidArgument("wal record payload of " + std::to_string(payload_bytes) +
                                   " bytes exceeds the limit of " +
                                   std::to_string(kMaxPayloadBytes) + " bytes");
  }
  return Status::OK();
}

Status LogWriter::AddRecord(RecordType type, std::string_view payload) {
  BOYO_RETURN_IF_ERROR(ValidateRecord(type, payload.size()));
  const auto type_byte = static_cast<uint8_t>(type);
  RecordHeader header;
  header.length = static_cast<uint32_t>(payload.size());
  header.type = type_byte;
  header.crc = RecordChecksum(type_byte, payload);
  char encoded[kRecordHeaderBytes];
  EncodeRecordHeader(header, encoded);

  if (payload.size() >= kBufferBytes) {
    // A large payload goes straight to the file rather than through a second copy in memory.
    buffer_.append(encoded, kRecordHeaderBytes);
    BOYO_RETURN_IF_ERROR(Flush());
    BOYO_RETURN_IF_ERROR(file_->Append(payload));
    flushed_size_ += payload.size();
    return Status::OK();
  }
  buffer_.append(encoded, kRecordHeaderBytes);
  buffer_.append(payload);
  if (buffer_.size() >= kBufferBytes) return Flush();
  return Status::OK();
}

Status LogWriter::Flush() {
  if (buffer_.empty()) return Status::OK();
  const Status status = file_->Append(buffer_);
  if (status.ok()) flushed_size_ += buffer_.size();
  buffer_.clear();
  return status;
}

Status LogWriter::Sync() {
  BOYO_RETURN_IF_ERROR(Flush());
  return file_->Sync();
}

Status LogWriter::Close() {
  const Status flushed = Flush();
  const Status closed = file_->Close();
  return flushed.ok() ? closed : flushed;
}

}  // namespace boyodb::storage::wal
