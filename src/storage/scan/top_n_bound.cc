#include "storage/scan/top_n_bound.h"

namespace boyodb::storage {

bool TopNBound::Before(const types::Value& a, const types::Value& b) const {
  const int compared = types::Value::Compare(a, b);
  return descending_ ? compared > 0 : compared < 0;
}

void TopNBound::Tighten(const types::Value& key) {
  if (key.is_null()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (set_.load(std::memory_order_relaxed)) {
    if (bound_.type().id() != key.type().id() || !Before(key, bound_)) return;
  }
  bound_ = key;
  set_.store(true, std::memory_order_release);
}

std::optional<types::Value> TopNBound::Current() const {
  if (!set_.load(std::memory_order_acquire)) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  return bound_;
}

bool TopNBound::ZoneMayQualify(const ZoneMap& zone) const {
  if (!set_.load(std::memory_order_acquire)) return true;
  // NULLs sorting first beat any value; sorting last, they lose to every value.
  if (zone.null_count > 0 && nulls_first_) return true;
  if (zone.null_count == zone.row_count) return false;
  const types::Value& best = descending_ ? zone.max : zone.min;
  if (best.is_null()) return true;  // unknown bounds
  std::lock_guard<std::mutex> lock(mutex_);
  if (best.type().id() != bound_.type().id()) return true;
  // The batch's best row must not sort strictly after the cut-off.
  return !Before(bound_, best);
}

std::optional<columnar::SelectionVector> TopNBound::RowsNotAfter(
    const columnar::Array& keys) const {
  const std::optional<types::Value> cut = Current();
  if (!cut.has_value()) return std::nullopt;
  // Rows equal to the cut-off stay: a later sort key may put them first. NULLs fail the
  // comparison: sorting last, they go; sorting first, they beat any cut-off and stay.
  ColumnPredicate keep;
  keep.op = descending_ ? CompareOp::kGe : CompareOp::kLe;
  keep.value = *cut;
  Result<ColumnPredicate> bound = BindPredicate(keep, keys.type());
  if (!bound.ok()) return std::nullopt;
  columnar::SelectionVector rows = SelectRows(*bound, keys);
  if (nulls_first_ && keys.null_count() > 0) {
    std::vector<uint32_t> with_nulls;
    with_nulls.reserve(rows.size() + static_cast<size_t>(keys.null_count()));
    size_t next = 0;
    for (int64_t row = 0; row < keys.length(); ++row) {
      if (next < rows.size() && rows.rows()[next] == row) {
        with_nulls.push_back(rows.rows()[next++]);
      } else if (keys.IsNull(row)) {
        with_nulls.push_back(static_cast<uint32_t>(row));
      }
    }
    rows.mutable_rows() = std::move(with_nulls);
  }
  if (rows.size() == static_cast<size_t>(keys.length())) return std::nullopt;
  return rows;
}

}  // namespace boyodb::storage
