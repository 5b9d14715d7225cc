// Helpers shared by the Wal tests: opening a log, replaying it into a vector, payloads.
// Thread safety: the helpers are called from the test's main thread.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/wal/wal.h"

namespace boyodb::storage::wal::test {

struct ReplayedRecord {
  Lsn lsn;
  RecordType type;
  std::string payload;
};

/// A payload naming its index, padded to at least min_size bytes.
inline std::string Payload(size_t index, size_t min_size = 0) {
  std::string payload = "record-" + std::to_string(index);
  if (payload.size() < min_size) payload.append(min_size - payload.size(), '.');
  return payload;
}

inline std::unique_ptr<Wal> OpenOrDie(FileSystem& fs, const std::string& dir,
                                      WalOptions options = {}) {
  auto wal = Wal::Open(fs, dir, options);
  EXPECT_TRUE(wal.ok()) << wal.status().ToString();
  return wal.ok() ? std::move(*wal) : nullptr;
}

inline std::vector<ReplayedRecord> ReplayAll(Wal& wal, Lsn from_lsn = kFirstLsn) {
  std::vector<ReplayedRecord> records;
  const Status status =
      wal.Replay(from_lsn, [&](Lsn lsn, RecordType type, std::string_view payload) {
        records.push_back(ReplayedRecord{lsn, type, std::string(payload)});
        return Status::OK();
      });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return records;
}

/// Reopens the log in dir and returns every record in it.
inline std::vector<ReplayedRecord> ReopenAndReplay(FileSystem& fs, const std::string& dir,
                                                   Lsn from_lsn = kFirstLsn) {
  auto wal = OpenOrDie(fs, dir);
  if (wal == nullptr) return {};
  return ReplayAll(*wal, from_lsn);
}

/// True when status's message contains text.
inline bool MessageHas(const Status& status, std::string_view text) {
  return status.message().find(text) != std::string_view::npos;
}

}  // namespace boyodb::storage::wal::test
