// LabelBook: the md5 each query label stands for within one script, so that every query with
// the same label must give the same result (labels are per file).
// Thread safety: not thread-safe; one per script run.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace boyodb::tools::slt {

class LabelBook {
 public:
  /// Labels are compared by their first 20 bytes, as sqllogictest.c keeps them.
  static constexpr size_t kKeyLength = 20;

  /// Remembers md5 under label when the label is new. Returns false when the label already
  /// stands for another md5 (the earlier one is kept).
  bool Register(std::string_view label, std::string_view md5);

  /// The md5 that a query's written result stands for, used for a skipped query: the md5 in
  /// its `N values hashing to <md5>` line, or else the hash of the written values.
  /// Requires: expected is not empty.
  static std::string WrittenResultMd5(const std::vector<std::string>& expected);

  size_t size() const { return md5_by_label_.size(); }

 private:
  std::unordered_map<std::string, std::string> md5_by_label_;
};

}  // namespace boyodb::tools::slt
