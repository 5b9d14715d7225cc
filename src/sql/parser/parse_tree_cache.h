// ParseTreeCache: the parse trees (libpg_query's packed protobuf) of recently parsed
// statement texts, so that a statement sent again, as dashboards and benchmarks send theirs,
// skips PostgreSQL's grammar and the packing of its tree. A text yields the same tree every
// time (libpg_query's grammar takes no settings), so the text alone is the key. Only texts
// that parsed without error are kept; long texts are not kept at all.
// Thread safety: every method may run on many threads at once.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace boyodb::sql {

class ParseTreeCache {
 public:
  /// Texts kept at most, and the longest text kept.
  static constexpr size_t kMaxEntries = 256;
  static constexpr size_t kMaxTextBytes = 64 * 1024;

  /// The cache every Parse call shares.
  static ParseTreeCache& Global();

  /// The packed tree of `text`, or null when it is not kept.
  std::shared_ptr<const std::string> Find(std::string_view text);

  /// Keeps `tree` as the packed tree of `text`, forgetting the least recently used text when
  /// full; a text longer than kMaxTextBytes is not kept.
  void Add(std::string_view text, std::shared_ptr<const std::string> tree);

  /// How many texts are kept (tests).
  size_t size() const;

 private:
  struct Entry {
    std::string text;
    std::shared_ptr<const std::string> tree;
  };
  mutable std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // views of entry texts
};

}  // namespace boyodb::sql
