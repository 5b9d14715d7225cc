// Group numbering for aggregation: maps the rows of the group-key columns to dense group
// numbers, a new group taking the next number when its first row arrives. The hash table is
// specialised by the key's shape, because its lookups are most of an aggregation's work:
//   - one fixed-width column of at most 8 bytes: the value as a machine word, NULL a group
//     of its own; for an integer-like column (not a float) whose first rows span a small
//     range, the values in a window around that range index an array of group numbers
//     directly (a load per row instead of a hash probe), the others go to the hash table;
//   - one or more fixed-width columns (integers, dates, times, decimals, floats) and text
//     columns of at most 16 (or 32) bytes together: the values packed into two (four) machine
//     words and a null mask, a text value standing in as its 4-byte number in a per-column table of
//     the distinct texts (for a dictionary-encoded column, looked up once per code and chunk); the
//     rows are packed column by column, so type dispatch happens per chunk;
//   - one text column: the bytes (text_key_table.h), and for a dictionary-encoded column each
//     distinct value is looked up once per chunk, its rows then read their code's group;
//   - anything else: the row's byte key (row_values.h).
// Keys of dictionary-encoded columns only, whose codes combine into few keys (TPC-H Q1's return
// flag and line status), skip the table for all but the first row of each combination.
// Keys are equal when SQL groups them together: NULLs with NULLs, -0 with 0, NaN with NaN.
// A join's table is built in one go by MapInParallel, on several threads for the word and
// packed shapes (key_table.h).
// Thread safety: one thread per map while it grows; Find may run on many threads at once.
#pragma once

#include <absl/container/flat_hash_map.h>

#include <array>
#include <string>
#include <vector>

#include "columnar/array.h"
#include "common/hash.h"
#include "exec/operators/key_table.h"
#include "exec/operators/text_key_table.h"

namespace boyodb::exec {

/// A hash of each row's key that rows with equal keys share, whichever map numbers them (text
/// by its bytes, floats normalized): for splitting groups into partitions.
void HashKeyRows(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
                 std::vector<uint64_t>* hashes);

class GroupKeyMap {
 public:
  explicit GroupKeyMap(const std::vector<types::DataType>& key_types);

  /// The group number of each row of `keys` (arrays of the key types, `num_rows` rows) in
  /// `groups`; the rows that started a new group, in the order their groups were numbered,
  /// are appended to `new_rows`.
  void Map(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
           std::vector<int64_t>* groups, std::vector<int64_t>* new_rows);

  /// As Map on an empty map, without reporting new rows, on up to `threads` threads when the
  /// shape allows. Group numbers are then in no particular order (a join needs none).
  void MapInParallel(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows, int threads,
                     std::vector<int64_t>* groups);

  /// The group number of each row of `keys` in `groups`, -1 for a key no group has; adds
  /// no group.
  void Find(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
            std::vector<int64_t>* groups) const;

  int64_t size() const { return size_; }
  /// No key columns (an aggregate without GROUP BY): every row is in group 0.
  bool keyless() const { return shape_ == Shape::kNone; }

  /// The number of keys in each of the map's hash tables: its table of keys (for one integer
  /// key, only the values outside the direct window), then per text column of a packed key
  /// its table of distinct texts. Empty when the map has no hash table (no key columns).
  std::vector<int64_t> TableSizes() const;

  /// Makes room in the hash tables for `sizes` keys (TableSizes of an earlier map of the
  /// same key types), so that they do not grow step by step, each step inserting every key
  /// again. Sizes of another shape are ignored.
  void ReserveTables(const std::vector<int64_t>& sizes);

 private:
  enum class Shape : uint8_t { kNone, kWord, kPacked, kWide, kText, kBytes };
  // The values' bytes in value words, then the null mask.
  using Packed = std::array<uint64_t, 3>;  // 16 bytes of values
  using Wide = std::array<uint64_t, 5>;    // 32 bytes of values
  // Word-wise hash and equality: std::array's own compare through memcmp, a call per probe.
  struct PackedHash {
    template <size_t kWords>
    size_t operator()(const std::array<uint64_t, kWords>& key) const {
      uint64_t hash = 0;
      for (size_t i = 0; i < kWords; ++i) {
        hash = ((hash << 31) | (hash >> 33)) ^ (key[i] * 0x9E3779B97F4A7C15ULL);
      }
      // The finalizer of MurmurHash3: every input bit reaches the high bits the table uses.
      return static_cast<size_t>(hash::Mix64(hash));
    }
  };
  struct PackedEqual {
    template <size_t kWords>
    bool operator()(const std::array<uint64_t, kWords>& a,
                    const std::array<uint64_t, kWords>& b) const {
      bool equal = true;
      for (size_t i = 0; i < kWords; ++i) equal &= a[i] == b[i];
      return equal;
    }
  };

  struct WordHash {
    size_t operator()(uint64_t key) const {
      return static_cast<size_t>(hash::Mix64(key ^ 0x9E3779B97F4A7C15ULL));
    }
  };

  int64_t Insert(int64_t row, std::vector<int64_t>* new_rows) {
    new_rows->push_back(row);
    return size_++;
  }
  // Each row's value of the one key column as a word, and whether it is NULL; true when
  // some row is.
  bool WordRows(const columnar::ArrayPtr& key, int64_t num_rows, std::vector<uint64_t>* words,
                std::vector<uint8_t>* nulls) const;
  // The direct window of kWord: chosen once, from the first rows with a value, before any
  // value is in `words_`; afterwards a value in the window is only ever in `direct_`, one out
  // of it only in `words_`. A window is kept only when those rows span at most kDirectSpan
  // values; it then has room for four times their span (at least kMinDirectSpan values).
  // Once kDirectTrialRows rows have come and most fell outside it (keys that grow along the
  // input, such as TPC-H's order keys in a driver's first morsel), the window's groups move
  // into `words_`: rows outside it take the table one by one, where `words_` alone takes a
  // batch at a time with its slots prefetched.
  static constexpr uint64_t kDirectSpan = uint64_t{1} << 16;
  static constexpr uint64_t kMinDirectSpan = 256;
  static constexpr int64_t kDirectTrialRows = 16 * 1024;
  void DropDirectWindow();
  void ChooseDirectWindow(const std::vector<uint64_t>& words, const std::vector<uint8_t>& nulls,
                          bool any_null);
  // The word's place in `direct_`; at least direct_.size() when outside the window. Words
  // are ordered as signed values (the sign bit flipped) so that a window may hold values on
  // both sides of zero.
  uint64_t DirectIndex(uint64_t word) const { return (word ^ direct_flip_) - direct_base_; }
  void MapDirect(const std::vector<uint64_t>& words, const std::vector<uint8_t>& nulls,
                 bool any_null, std::vector<int64_t>* groups, std::vector<int64_t>* new_rows);
  // Packs every row's key into `packed`. A row whose text no group has (only when `find`,
  // which then adds no text) gets `absent` set.
  template <typename Key>
  void PackRows(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows, bool find,
                std::vector<Key>* packed, std::vector<uint8_t>* absent);
  template <typename Key>
  void MapPacked(KeyTable<Key, PackedHash, PackedEqual>& table,
                 const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
                 std::vector<int64_t>* groups, std::vector<int64_t>* new_rows);
  // The small-domain path of MapPacked: when every key column is dictionary-encoded and their
  // codes (NULL one more each) combine into at most kMaxSmallDomain keys, a small fraction of
  // the rows, each row's combination is a number and only the first row of each goes through
  // the table; false (nothing done) otherwise.
  static constexpr int64_t kMaxSmallDomain = 4096;
  static constexpr int64_t kRowsPerCombination = 4;
  template <typename Key>
  bool MapSmallDomain(KeyTable<Key, PackedHash, PackedEqual>& table,
                      const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
                      std::vector<int64_t>* groups, std::vector<int64_t>* new_rows);
  template <typename Key>
  void BuildPacked(KeyTable<Key, PackedHash, PackedEqual>& table,
                   const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows, int threads,
                   std::vector<int64_t>* groups);
  template <typename Key>
  void FindPacked(const KeyTable<Key, PackedHash, PackedEqual>& table,
                  const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
                  std::vector<int64_t>* groups) const;
  void MapText(const columnar::Array& key, int64_t num_rows, std::vector<int64_t>* groups,
               std::vector<int64_t>* new_rows);
  // The texts of a text column's rows to look up: a dictionary-encoded column's codes in the
  // order they first occur, each as its entry, or else every row's text. item_of_row[row] is
  // the row's index in `texts`, -1 for NULL. Returns the first NULL row, or -1.
  static int64_t DistinctTexts(const columnar::Array& key, int64_t num_rows,
                               std::vector<std::string_view>* texts,
                               std::vector<int32_t>* item_of_row);
  void MapBytes(const std::vector<columnar::ArrayPtr>& keys, int64_t num_rows,
                std::vector<int64_t>* groups, std::vector<int64_t>* new_rows);

  Shape shape_ = Shape::kBytes;
  std::vector<int> widths_;  // kPacked, kWide: bytes per key column
  // kPacked, kWide: per key column, its text numbers (empty tables for the other columns).
  std::vector<TextKeyTable> text_ids_;
  std::vector<bool> is_text_;
  int64_t size_ = 0;
  KeyTable<uint64_t, WordHash, std::equal_to<uint64_t>> words_;  // kWord; NULL: null_group_
  KeyTable<Packed, PackedHash, PackedEqual> packed_;
  KeyTable<Wide, PackedHash, PackedEqual> wide_;
  TextKeyTable texts_;                               // kText
  absl::flat_hash_map<std::string, int64_t> bytes_;  // kBytes
  int64_t null_group_ = -1;                          // kWord, kText: the group of NULL
  // kWord: per value in the direct window, its group or -1; empty without a window.
  std::vector<int32_t> direct_;
  uint64_t direct_base_ = 0;
  uint64_t direct_flip_ = 0;
  bool direct_decided_ = false;  // true once the window is chosen or refused
  int64_t direct_rows_ = 0;      // rows mapped while the window was kept
  int64_t direct_outside_ = 0;   // those of them outside the window
};

}  // namespace boyodb::exec
