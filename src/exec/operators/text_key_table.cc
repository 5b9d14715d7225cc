#include "exec/operators/text_key_table.h"

#include <algorithm>

#include "common/hash.h"

namespace boyodb::exec {

namespace {

// Blocks start small, so that a table of a few texts stays small, and double up to this size.
constexpr size_t kFirstBlockBytes = 16 * 1024;
constexpr size_t kLargestBlockBytes = 4 * 1024 * 1024;

}  // namespace

std::vector<TextKeyTable::TextRef> TextKeyTable::Refs(const std::string_view* texts,
                                                      int64_t num_texts) {
  std::vector<TextRef> refs(static_cast<size_t>(num_texts));
  for (int64_t i = 0; i < num_texts; ++i) {
    const std::string_view text = texts[i];
    refs[static_cast<size_t>(i)] = {hash::Bytes(text), text.data(), text.size()};
  }
  return refs;
}

void TextKeyTable::FindMany(const std::string_view* texts, int64_t num_texts,
                            int64_t* numbers) const {
  const std::vector<TextRef> refs = Refs(texts, num_texts);
  table_.FindMany(refs.data(), nullptr, num_texts, numbers);
}

const char* TextKeyTable::Keep(const char* data, uint64_t length) {
  static constexpr char kEmpty[1] = {0};
  if (length == 0) return kEmpty;
  if (block_used_ + length > block_capacity_) {
    const size_t next =
        blocks_.empty() ? kFirstBlockBytes : std::min(block_capacity_ * 2, kLargestBlockBytes);
    block_capacity_ = std::max<size_t>(next, length);
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_capacity_));
    block_used_ = 0;
  }
  char* kept = blocks_.back().get() + block_used_;
  std::memcpy(kept, data, length);
  block_used_ += length;
  return kept;
}

}  // namespace boyodb::exec
