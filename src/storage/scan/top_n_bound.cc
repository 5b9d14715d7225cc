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

}  // namespace boyodb::storage
