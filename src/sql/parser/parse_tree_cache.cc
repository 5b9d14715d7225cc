#include "sql/parser/parse_tree_cache.h"

#include <utility>

namespace boyodb::sql {

ParseTreeCache& ParseTreeCache::Global() {
  static auto* cache = new ParseTreeCache();
  return *cache;
}

std::shared_ptr<const std::string> ParseTreeCache::Find(std::string_view text) {
  if (text.size() > kMaxTextBytes) return nullptr;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = index_.find(text);
  if (found == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->tree;
}

void ParseTreeCache::Add(std::string_view text, std::shared_ptr<const std::string> tree) {
  if (text.size() > kMaxTextBytes) return;
  std::lock_guard<std::mutex> lock(mutex_);
  const auto found = index_.find(text);
  if (found != index_.end()) {
    // Another thread parsed the same text meanwhile: its tree is the same.
    entries_.splice(entries_.begin(), entries_, found->second);
    return;
  }
  entries_.push_front(Entry{std::string(text), std::move(tree)});
  index_.emplace(entries_.front().text, entries_.begin());
  if (entries_.size() > kMaxEntries) {
    index_.erase(entries_.back().text);
    entries_.pop_back();
  }
}

size_t ParseTreeCache::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

}  // namespace boyodb::sql
