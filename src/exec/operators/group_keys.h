// Group numbering for aggregation: maps the rows of the group-key columns to dense group
// numbers, a new group taking the next number when its first row arrives. The hash table is
// specialised by the key's shape, because its lookups are most of an aggregation's work:
//   - one or more fixed-width columns (integers, dates, times, decimals, floats) of at most
//     16 bytes together: the values packed into two machine words and a null mask;
//   - one text column: the bytes, and for a dictionary-encoded column each distinct value is
//     looked up once per chunk, its rows then read their code's group;
//   - anything else: the row's byte key (row_values.h).
// Keys are equal when SQL groups them together: NULLs with NULLs, -0 with 0, NaN with NaN.
// Thread safety: one thread per map while it grows; Find may run on many threads at once.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <array>
#include <string>
#include <vector>

#include "columnar/array.h"

namespace boyodb::exec {

class GroupKeyMap {
 public:
  explicit GroupKeyMap(const std::vector<types::DataType>& key_types);

  /// The group number of each row of `keys` (arrays of the key types, `num_rows` rows) in
  /// `groups`; the rows that started a new group, in the order their groups were numbered,
  /// are appended to `new_rows`.
  void Map(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
           std::vector<int64_t>* groups, std::vector<int64_t>* new_rows);

  /// The group number of each row of `keys` in `groups`, -1 for a key no group has; adds
  /// no group.
  void Find(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
            std::vector<int64_t>* groups) const;

  int64_t size() const { return size_; }

 private:
  enum class Shape : uint8_t { kNone, kPacked, kText, kBytes };
  using Packed = std::array<uint64_t, 3>;  // the values' bytes, then the null mask

  int64_t Insert(int64_t row, std::vector<int64_t>* new_rows) {
    new_rows->push_back(row);
    return size_++;
  }
  void MapPacked(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
                 std::vector<int64_t>* groups, std::vector<int64_t>* new_rows);
  void MapText(const columnar::Array& key, int64_t num_rows, std::vector<int64_t>* groups,
               std::vector<int64_t>* new_rows);
  void MapBytes(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
                std::vector<int64_t>* groups, std::vector<int64_t>* new_rows);
  Packed PackRow(const std::vector<columnar::ArrayPtr>& keys, int64_t row) const;

  Shape shape_ = Shape::kBytes;
  std::vector<int> widths_;  // kPacked: bytes per key column
  int64_t size_ = 0;
  absl::flat_hash_map<Packed, int64_t> packed_;
  absl::flat_hash_map<std::string, int64_t> bytes_;  // kText (the text itself) and kBytes
  int64_t null_group_ = -1;                          // kText: the group of NULL
};

}  // namespace boyodb::exec
