// TextKeyTable: dense numbers for distinct texts (byte strings), the storage under
// GroupKeyMap's text keys. A KeyTable whose keys are a text's 64-bit hash, its length and the
// place of its bytes: a probe compares hashes before it compares bytes, and each new text's
// bytes are copied once into large blocks the table owns. A table of a million URLs then makes
// no allocation per text while it grows and frees none one by one when it is dropped (hits
// Q33 spent a fifth of its time in std::string keys: their hashing, allocation and freeing).
// Thread safety: one thread while it grows; FindMany may run on many threads at once.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "exec/operators/key_table.h"

namespace boyodb::exec {

class TextKeyTable {
 public:
  TextKeyTable() = default;
  TextKeyTable(TextKeyTable&&) = default;
  TextKeyTable& operator=(TextKeyTable&&) = default;

  /// The number of texts.
  int64_t size() const { return table_.size(); }

  /// Makes room for `texts` texts in all (their bytes still go to blocks as they come).
  void Reserve(int64_t texts) { table_.Reserve(texts); }

  /// numbers[i] = the number of texts[i] for each i in [0, num_texts); a new text is
  /// numbered on_new(i), called in i order.
  template <typename OnNew>
  void FindOrInsertMany(const std::string_view* texts, int64_t num_texts, int64_t* numbers,
                        OnNew&& on_new) {
    const std::vector<TextRef> refs = Refs(texts, num_texts);
    table_.FindOrInsertMany(refs.data(), nullptr, num_texts, numbers, std::forward<OnNew>(on_new),
                            [this](TextRef& ref) { ref.data = Keep(ref.data, ref.length); });
  }

  /// numbers[i] = the number of texts[i], -1 for a text the table does not have.
  void FindMany(const std::string_view* texts, int64_t num_texts, int64_t* numbers) const;

 private:
  struct TextRef {
    uint64_t hash = 0;
    const char* data = nullptr;
    uint64_t length = 0;
  };
  struct RefHash {
    size_t operator()(const TextRef& ref) const { return static_cast<size_t>(ref.hash); }
  };
  struct RefEqual {
    bool operator()(const TextRef& a, const TextRef& b) const {
      return a.hash == b.hash && a.length == b.length &&
             (a.length == 0 || std::memcmp(a.data, b.data, a.length) == 0);
    }
  };

  static std::vector<TextRef> Refs(const std::string_view* texts, int64_t num_texts);
  // A copy of the bytes in the table's blocks.
  const char* Keep(const char* data, uint64_t length);

  KeyTable<TextRef, RefHash, RefEqual> table_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = 0;
  size_t block_capacity_ = 0;
};

}  // namespace boyodb::exec
