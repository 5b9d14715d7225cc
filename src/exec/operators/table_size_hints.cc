#include "exec/operators/table_size_hints.h"

#include <algorithm>
#include <string>
#include <utility>

#include "common/hash.h"

namespace boyodb::exec {

TableSizeHints& TableSizeHints::Global() {
  static TableSizeHints hints;
  return hints;
}

uint64_t TableSizeHints::KeyOf(const sql::LogicalOperator& plan, int threads) {
  const std::string text = plan.ToString();
  return hash::Bytes(text, static_cast<uint64_t>(threads));
}

std::vector<int64_t> TableSizeHints::Lookup(uint64_t key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = sizes_.find(key);
  if (found == sizes_.end()) return {};
  return found->second;
}

void TableSizeHints::KeepLargest(const std::vector<int64_t>& sizes, std::vector<int64_t>* largest) {
  if (largest->size() < sizes.size()) largest->resize(sizes.size(), 0);
  for (size_t t = 0; t < sizes.size(); ++t) (*largest)[t] = std::max((*largest)[t], sizes[t]);
}

void TableSizeHints::Record(uint64_t key, std::vector<int64_t> sizes) {
  bool worth = false;
  for (int64_t& size : sizes) {
    worth |= size >= kMinSize;
    size = size >= kMinSize ? std::min(size, kMaxSize) : 0;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!worth) {
    // Forgotten, not kept stale: the tables stayed small this time.
    if (sizes_.erase(key) != 0) std::erase(arrival_, key);
    return;
  }
  auto [entry, inserted] = sizes_.try_emplace(key);
  entry->second = std::move(sizes);
  if (!inserted) return;
  arrival_.push_back(key);
  if (arrival_.size() > kMaxEntries) {
    sizes_.erase(arrival_.front());
    arrival_.pop_front();
  }
}

}  // namespace boyodb::exec
