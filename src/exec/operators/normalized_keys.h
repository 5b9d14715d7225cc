// Normalized sort keys: each row's sort key values encoded into a few machine words, so that
// comparing two rows' words as unsigned integers, word by word, orders them as the keys do,
// direction and NULL placement included. A sort then compares fixed-size words instead of
// calling a comparison per key and pair of rows.
// The encoding may stop short of the full keys: at a text longer than the room left (its
// prefix is encoded), at a key whose type has no encoding (an interval, an array), or when
// the room is used up. Rows whose words tie must then be compared by the keys themselves
// (exact() false); rows whose words differ are in the keys' order either way.
// Encodings (big-endian, so that bytes compare as the words do): a NULL byte first (NULLS
// FIRST: 0 for NULL, 1 for a value; NULLS LAST the reverse), then signed integers with the
// sign bit flipped, unsigned ones as they are, floats by their bits with the sign handled
// (NaN above everything, -0 as 0, as PostgreSQL orders them), decimals as 128-bit integers,
// UUIDs and IPv6 by their bytes, texts by their first bytes padded with zeros; a descending
// key's value bytes inverted.
// Thread safety: Make encodes on the worker pool; the result is read-only.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "columnar/array.h"
#include "sql/plan/logical_operator.h"

namespace boyodb::exec {

class NormalizedKeys {
 public:
  static constexpr size_t kMaxWords = 4;

  /// Rows [0, num_rows) of the evaluated sort `keys`, in `order`'s directions; nullopt when
  /// the first key has no encoding.
  static std::optional<NormalizedKeys> Make(const std::vector<columnar::ArrayPtr>& keys,
                                            const std::vector<sql::SortKey>& order,
                                            int64_t num_rows, int threads);

  size_t words_per_row() const { return words_per_row_; }
  /// Row r's words.
  const uint64_t* row(int64_t r) const {
    return words_.data() + static_cast<size_t>(r) * words_per_row_;
  }
  /// Whether equal words mean equal keys.
  bool exact() const { return exact_; }

 private:
  size_t words_per_row_ = 1;
  std::vector<uint64_t> words_;
  bool exact_ = true;
};

}  // namespace boyodb::exec
