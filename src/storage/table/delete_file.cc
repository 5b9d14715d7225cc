#include "storage/table/delete_file.h"

#include <stdexcept>

#include "common/crc32.h"

namespace boyodb::storage {

std::string DeleteFileName(uint64_t segment_id, uint64_t sequence) {
  return std::to_string(segment_id) + "_" + std::to_string(sequence) + ".del";
}

Status WriteDeleteFile(FileSystem& fs, const std::string& path, const RowBitmap& rows) {
  std::string bytes(rows.getSizeInBytes(/*portable=*/true), '\0');
  rows.write(bytes.data(), /*portable=*/true);
  const uint32_t crc = crc32::Compute(bytes);
  for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<char>(crc >> (8 * i)));
  BOYO_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file,
                        fs.OpenWritable(path, OpenMode::kTruncate));
  BOYO_RETURN_IF_ERROR(file->Append(bytes));
  BOYO_RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

Result<std::shared_ptr<const RowBitmap>> ReadDeleteFile(FileSystem& fs, const std::string& path,
                                                        uint64_t segment_rows) {
  BOYO_ASSIGN_OR_RETURN(const std::string bytes, ReadWholeFile(fs, path));
  auto corrupt = [&](const std::string& why) {
    return Status::Corruption("delete file \"" + path + "\" is corrupt: " + why);
  };
  if (bytes.size() < 4) return corrupt("it is shorter than its checksum");
  const size_t body = bytes.size() - 4;
  uint32_t stored = 0;
  for (int i = 0; i < 4; ++i) {
    stored |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[body + i])) << (8 * i);
  }
  if (crc32::Compute(bytes.data(), body) != stored) return corrupt("checksum mismatch");
  std::shared_ptr<RowBitmap> rows;
  try {
    rows = std::make_shared<RowBitmap>(RowBitmap::readSafe(bytes.data(), body));
  } catch (const std::exception&) {
    return corrupt("invalid Roaring bitmap");
  }
  if (rows->getSizeInBytes(/*portable=*/true) != body) return corrupt("trailing bytes");
  if (!rows->isEmpty() && rows->maximum() >= segment_rows) {
    return corrupt("row " + std::to_string(rows->maximum()) + " is past the segment's " +
                   std::to_string(segment_rows) + " rows");
  }
  return std::shared_ptr<const RowBitmap>(std::move(rows));
}

}  // namespace boyodb::storage
