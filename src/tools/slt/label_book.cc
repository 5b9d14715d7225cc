#include "tools/slt/label_book.h"

#include <optional>

#include "common/check.h"
#include "tools/slt/result_hash.h"

namespace boyodb::tools::slt {

bool LabelBook::Register(std::string_view label, std::string_view md5) {
  const std::string key(label.substr(0, kKeyLength));
  const auto [it, inserted] = md5_by_label_.try_emplace(key, md5);
  return inserted || it->second == md5;
}

std::string LabelBook::WrittenResultMd5(const std::vector<std::string>& expected) {
  BOYO_CHECK(!expected.empty());
  if (std::optional<std::string> md5 = Md5FromHashLine(expected.front())) return *std::move(md5);
  return HashValues(expected);
}

}  // namespace boyodb::tools::slt
