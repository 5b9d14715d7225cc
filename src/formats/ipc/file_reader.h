// FileReader: reads an Arrow IPC file (ours or any Arrow writer's). Open reads and checks only
// the footer and schema; ReadBatch then fetches one record batch, or only some of its columns
// with one read per column (a column's buffers are contiguous in the body). Input is untrusted:
// every problem is a Status naming the file and offset, never a crash.
// See docs/formats/arrow_ipc.md.
// Thread safety: all methods may be called from many threads at once (the file is read with
// positioned reads; the dictionary cache is guarded by a mutex).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <absl/base/thread_annotations.h>
#include <absl/synchronization/mutex.h>

#include "columnar/chunk.h"
#include "common/file_system.h"
#include "common/result.h"
#include "formats/ipc/batch_location.h"
#include "formats/ipc/metadata.h"
#include "formats/ipc/options.h"

namespace boyodb::formats::ipc {

class FileReader {
 public:
  /// Reads and validates the magic, the footer, the schema and every block's bounds.
  /// Corruption (XX001, naming the path and offset) for a malformed file; NotSupported (0A000)
  /// for types BoyoDB cannot represent; the file's I/O errors; InvalidArgument for invalid
  /// options.
  static Result<std::unique_ptr<FileReader>> Open(std::shared_ptr<const RandomAccessFile> file,
                                                  ReadOptions options = {});

  const columnar::SchemaPtr& schema() const { return schema_.schema; }
  const KeyValues& schema_metadata() const { return schema_.metadata; }
  int num_batches() const { return static_cast<int>(batch_blocks_.size()); }
  int num_dictionaries() const { return static_cast<int>(dictionary_blocks_.size()); }

  /// Rows of a batch, from its metadata (one small read). OutOfRange (22003) for a batch index
  /// outside [0, num_batches()); Corruption for malformed metadata.
  Result<int64_t> BatchNumRows(int batch) const;

  /// Reads the listed top-level columns (all when empty) of one batch, in the order listed:
  /// one read for the batch's metadata, then one read per column covering exactly that
  /// column's buffers, and on first use the dictionary batches of its dictionary id. Returns a
  /// chunk whose schema holds the selected fields in that order. Dictionary-encoded TEXT, BYTEA
  /// and JSON columns stay dictionary-encoded and share one dictionary array, loaded once and
  /// cached. OutOfRange for a batch or column index out of range; Corruption, NotSupported and
  /// OutOfRange (foreign values BoyoDB's type cannot hold) as StreamReader::Next.
  Result<columnar::Chunk> ReadBatch(int batch, const std::vector<int>& columns = {}) const;

  /// Where a batch and each of its columns are in the file, from its metadata.
  Result<BatchLocation> GetBatchLocation(int batch) const;

 private:
  struct BlockMessage {
    columnar::BufferPtr metadata_bytes;  // owns `message`
    const fb::Message* message = nullptr;
    uint64_t body_offset = 0;
    int64_t body_length = 0;
  };

  FileReader(std::shared_ptr<const RandomAccessFile> file, ReadOptions options);
  Status ReadFooter();
  Result<BlockMessage> ReadBlockMessage(const FileBlock& block) const;
  /// The batch's message and parsed header, with node and buffer counts checked.
  Result<BatchHeader> ReadBatchHeader(int batch, BlockMessage* message) const;
  Result<columnar::ArrayPtr> GetDictionary(int64_t id) const;
  Result<columnar::ArrayPtr> LoadDictionary(int64_t id) const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  std::string Where(const char* what, int index, uint64_t offset) const;

  const std::shared_ptr<const RandomAccessFile> file_;
  const ReadOptions options_;
  IpcSchema schema_;
  std::vector<FileBlock> dictionary_blocks_;
  std::vector<FileBlock> batch_blocks_;
  // First field node and buffer of each top-level column, and the totals.
  std::vector<size_t> node_starts_;
  std::vector<size_t> buffer_starts_;
  size_t total_nodes_ = 0;
  size_t total_buffers_ = 0;

  mutable absl::Mutex mutex_;
  mutable std::map<int64_t, columnar::ArrayPtr> dictionaries_ ABSL_GUARDED_BY(mutex_);
};

/// A RandomAccessFile over bytes in memory, which must outlive it.
class MemoryRandomAccessFile final : public RandomAccessFile {
 public:
  explicit MemoryRandomAccessFile(std::string_view bytes, std::string path = "memory")
      : bytes_(bytes), path_(std::move(path)) {}
  Result<size_t> ReadAt(uint64_t offset, size_t n, char* out) const override;
  uint64_t size() const override { return bytes_.size(); }
  const std::string& path() const override { return path_; }

 private:
  std::string_view bytes_;
  std::string path_;
};

/// Reads every batch of an Arrow IPC file held in memory.
Result<std::vector<columnar::Chunk>> ReadFile(std::string_view bytes,
                                              const ReadOptions& options = {});

}  // namespace boyodb::formats::ipc
