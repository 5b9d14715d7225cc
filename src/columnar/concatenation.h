// ArrayConcatenation: arrays of one type made into one, the result's buffers sized once from
// the pieces and each piece copied into its place. Growing a builder piece by piece copied
// the values over and over as it doubled (a join's build side of text columns spent most of
// its time so). Pieces are measured and copied independently, so a caller may spread them
// over threads; the validity bitmap is assembled at the end, where pieces that share a byte
// of it cannot race.
// Handles fixed-width and variable-width (TEXT, BYTEA, JSON) arrays, plain or dictionary
// encoded over plain text (decoded); others go through a builder (Handles says which).
// Thread safety: Measure and Copy of different pieces may run at once; the other methods
// run alone.
#pragma once

#include <cstdint>
#include <vector>

#include "columnar/array.h"

namespace boyodb::columnar {

class ArrayConcatenation {
 public:
  /// Whether pieces of `type` like these are handled.
  static bool Handles(const types::DataType& type, const std::vector<ArrayPtr>& pieces);

  /// Requires: Handles(type, pieces).
  ArrayConcatenation(types::DataType type, std::vector<ArrayPtr> pieces);

  size_t num_pieces() const { return pieces_.size(); }
  /// Step 1, for every piece: how many value bytes it holds.
  void Measure(size_t piece);
  /// Step 2, once: the result's buffers.
  void Allocate();
  /// Step 3, for every piece: its values into place.
  void Copy(size_t piece);
  /// Step 4: the result.
  ArrayPtr Finish();

 private:
  types::DataType type_;
  std::vector<ArrayPtr> pieces_;
  bool variable_;                   // offsets and bytes, rather than fixed-width values
  size_t width_ = 0;                // bytes per value when fixed-width
  std::vector<int64_t> row_start_;  // per piece: its first row in the result
  std::vector<int64_t> bytes_;      // per piece: its value bytes (Measure)
  std::vector<int64_t> byte_start_;
  int64_t num_rows_ = 0;
  std::shared_ptr<Buffer> values_;   // fixed-width values, or variable-width bytes
  std::shared_ptr<Buffer> offsets_;  // variable-width only
};

}  // namespace boyodb::columnar
