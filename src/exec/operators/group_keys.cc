#include "exec/operators/group_keys.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "columnar/dictionary.h"
#include "columnar/selection_vector.h"
#include "exec/operators/row_values.h"

namespace boyodb::exec {

using columnar::Array;
using columnar::ArrayPtr;
using types::TypeId;

namespace {

// Bytes of a fixed-width key value that packs as it is stored; 0 for types that do not pack
// (intervals group by their span, not their fields).
int PackedWidth(const types::DataType& type) {
  return type.id() == TypeId::kInterval ? 0 : type.fixed_width();
}

// A float as SQL groups it: -0 with 0, every NaN with every other.
template <typename T>
T NormalizedFloat(T value) {
  if (value == 0) return 0;
  if (std::isnan(value)) return std::numeric_limits<T>::quiet_NaN();
  return value;
}

// Copies each row's `T` value to out + row * stride.
template <typename T>
void PackColumn(const Array& array, int64_t num_rows, uint8_t* out, size_t stride) {
  const T* values = array.values<T>();
  for (int64_t row = 0; row < num_rows; ++row) {
    T value = values[row];
    if constexpr (std::is_floating_point_v<T>) value = NormalizedFloat(value);
    std::memcpy(out + static_cast<size_t>(row) * stride, &value, sizeof(T));
  }
}

void PackFixedColumn(const Array& array, int64_t num_rows, int width, uint8_t* out, size_t stride) {
  switch (array.type().id()) {
    case TypeId::kFloat32:
      return PackColumn<float>(array, num_rows, out, stride);
    case TypeId::kFloat64:
      return PackColumn<double>(array, num_rows, out, stride);
    default:
      break;
  }
  switch (width) {
    case 1:
      return PackColumn<uint8_t>(array, num_rows, out, stride);
    case 2:
      return PackColumn<uint16_t>(array, num_rows, out, stride);
    case 4:
      return PackColumn<uint32_t>(array, num_rows, out, stride);
    case 8:
      return PackColumn<uint64_t>(array, num_rows, out, stride);
    default: {
      const uint8_t* data = array.buffers()[1]->data() + array.offset() * width;
      for (int64_t row = 0; row < num_rows; ++row) {
        std::memcpy(out + static_cast<size_t>(row) * stride, data + row * width,
                    static_cast<size_t>(width));
      }
    }
  }
}

}  // namespace

void HashKeyRows(const std::vector<ArrayPtr>& keys, int64_t num_rows,
                 std::vector<uint64_t>* hashes) {
  constexpr uint64_t kNullHash = 0x5BD1E9955BD1E995ULL;
  hashes->assign(static_cast<size_t>(num_rows), 0);
  for (const ArrayPtr& key : keys) {
    const Array& column = *key;
    std::vector<uint64_t> values(static_cast<size_t>(num_rows));
    const int width = PackedWidth(column.type());
    if (column.type().id() == TypeId::kString) {
      if (column.is_dictionary()) {
        std::vector<uint64_t> code_hashes;
        const Array& dictionary = *column.dictionary();
        for (int64_t code = 0; code < dictionary.length(); ++code) {
          code_hashes.push_back(hash::Bytes(dictionary.GetView(code)));
        }
        const int32_t* codes = column.values<int32_t>();
        for (int64_t row = 0; row < num_rows; ++row) {
          values[static_cast<size_t>(row)] = code_hashes[static_cast<size_t>(codes[row])];
        }
      } else {
        for (int64_t row = 0; row < num_rows; ++row) {
          values[static_cast<size_t>(row)] = hash::Bytes(column.GetView(row));
        }
      }
    } else if (const bool is_float =
                   column.type().id() == TypeId::kFloat32 || column.type().id() == TypeId::kFloat64;
               (width == 4 || width == 8) && !is_float) {
      // One word: mixed as it is, rather than hashed byte by byte.
      const ArrayPtr plain = columnar::DictionaryDecode(key);
      for (int64_t row = 0; row < num_rows; ++row) {
        values[static_cast<size_t>(row)] = hash::Mix64(width == 8 ? plain->values<uint64_t>()[row]
                                                                  : plain->values<uint32_t>()[row]);
      }
    } else if (width > 0) {
      const ArrayPtr plain = columnar::DictionaryDecode(key);
      std::vector<uint8_t> bytes(static_cast<size_t>(num_rows * width));
      PackFixedColumn(*plain, num_rows, width, bytes.data(), static_cast<size_t>(width));
      for (int64_t row = 0; row < num_rows; ++row) {
        values[static_cast<size_t>(row)] =
            hash::Bytes(bytes.data() + row * width, static_cast<size_t>(width));
      }
    } else {
      std::string bytes;
      const std::vector<ArrayPtr> one{key};
      for (int64_t row = 0; row < num_rows; ++row) {
        bytes.clear();
        AppendRowKey(one, row, &bytes);
        values[static_cast<size_t>(row)] = hash::Bytes(bytes);
      }
    }
    for (int64_t row = 0; row < num_rows; ++row) {
      const uint64_t value = column.IsNull(row) ? kNullHash : values[static_cast<size_t>(row)];
      uint64_t& hash = (*hashes)[static_cast<size_t>(row)];
      hash = hash::Mix64(hash ^ (value + 0x9E3779B97F4A7C15ULL + (hash << 6) + (hash >> 2)));
    }
  }
}

GroupKeyMap::GroupKeyMap(const std::vector<types::DataType>& key_types) {
  if (key_types.empty()) {
    shape_ = Shape::kNone;
    return;
  }
  if (key_types.size() == 1 && key_types[0].id() == TypeId::kString) {
    shape_ = Shape::kText;
    return;
  }
  int total = 0;
  for (const types::DataType& type : key_types) {
    const bool text = type.id() == TypeId::kString;
    const int width = text ? static_cast<int>(sizeof(uint32_t)) : PackedWidth(type);
    if (width == 0) return;  // kBytes
    widths_.push_back(width);
    is_text_.push_back(text);
    total += width;
  }
  if (total > 32 || key_types.size() > 64) return;  // kBytes
  if (key_types.size() == 1 && !is_text_[0] && total <= 8) {
    shape_ = Shape::kWord;
    // Float values are normalized bits, whose ranges mean nothing: they take the hash table.
    const TypeId id = key_types[0].id();
    direct_decided_ = id == TypeId::kFloat32 || id == TypeId::kFloat64;
    direct_flip_ = uint64_t{1} << (8 * total - 1);
    return;
  }
  shape_ = total <= 16 ? Shape::kPacked : Shape::kWide;
  text_ids_.resize(key_types.size());
}

void GroupKeyMap::Map(const std::vector<ArrayPtr>& keys, int64_t num_rows,
                      std::vector<int64_t>* groups, std::vector<int64_t>* new_rows) {
  groups->resize(static_cast<size_t>(num_rows));
  switch (shape_) {
    case Shape::kNone:
      if (num_rows == 0) return;
      if (size_ == 0) Insert(0, new_rows);
      std::fill(groups->begin(), groups->end(), 0);
      return;
    case Shape::kWord: {
      std::vector<uint64_t> words;
      std::vector<uint8_t> nulls;
      const bool any_null = WordRows(keys[0], num_rows, &words, &nulls);
      if (!direct_decided_) ChooseDirectWindow(words, nulls, any_null);
      if (!direct_.empty()) return MapDirect(words, nulls, any_null, groups, new_rows);
      if (!any_null) {
        words_.FindOrInsertMany(words.data(), nullptr, num_rows, groups->data(),
                                [&](int64_t row) { return Insert(row, new_rows); });
        return;
      }
      // Row by row, so that NULL's group is numbered where its first row comes.
      for (int64_t row = 0; row < num_rows; ++row) {
        const auto r = static_cast<size_t>(row);
        if (nulls[r] != 0) {
          if (null_group_ < 0) null_group_ = Insert(row, new_rows);
          (*groups)[r] = null_group_;
          continue;
        }
        bool inserted = false;
        (*groups)[r] = words_.FindOrInsert(words[r], size_, &inserted);
        if (inserted) Insert(row, new_rows);
      }
      return;
    }
    case Shape::kPacked:
      return MapPacked(packed_, keys, num_rows, groups, new_rows);
    case Shape::kWide:
      return MapPacked(wide_, keys, num_rows, groups, new_rows);
    case Shape::kText:
      return MapText(*keys[0], num_rows, groups, new_rows);
    case Shape::kBytes:
      return MapBytes(keys, num_rows, groups, new_rows);
  }
}

std::vector<int64_t> GroupKeyMap::TableSizes() const {
  std::vector<int64_t> sizes;
  switch (shape_) {
    case Shape::kNone:
      break;
    case Shape::kWord:
      sizes.push_back(words_.size());
      break;
    case Shape::kPacked:
    case Shape::kWide:
      sizes.push_back(shape_ == Shape::kPacked ? packed_.size() : wide_.size());
      for (const TextKeyTable& texts : text_ids_) sizes.push_back(texts.size());
      break;
    case Shape::kText:
      sizes.push_back(texts_.size());
      break;
    case Shape::kBytes:
      sizes.push_back(static_cast<int64_t>(bytes_.size()));
      break;
  }
  return sizes;
}

void GroupKeyMap::ReserveTables(const std::vector<int64_t>& sizes) {
  if (sizes.empty() || sizes.size() != TableSizes().size()) return;
  switch (shape_) {
    case Shape::kNone:
      break;
    case Shape::kWord:
      words_.Reserve(sizes[0]);
      break;
    case Shape::kPacked:
    case Shape::kWide:
      if (shape_ == Shape::kPacked) {
        packed_.Reserve(sizes[0]);
      } else {
        wide_.Reserve(sizes[0]);
      }
      for (size_t c = 0; c < text_ids_.size(); ++c) {
        if (is_text_[c]) text_ids_[c].Reserve(sizes[c + 1]);
      }
      break;
    case Shape::kText:
      texts_.Reserve(sizes[0]);
      break;
    case Shape::kBytes:
      bytes_.reserve(static_cast<size_t>(sizes[0]));
      break;
  }
}

void GroupKeyMap::MapInParallel(const std::vector<ArrayPtr>& keys, int64_t num_rows, int threads,
                                std::vector<int64_t>* groups) {
  BOYO_DCHECK_EQ(size_, 0);
  groups->resize(static_cast<size_t>(num_rows));
  switch (shape_) {
    case Shape::kWord: {
      direct_decided_ = true;  // a join's build: the partitioned hash table on all threads
      std::vector<uint64_t> words;
      std::vector<uint8_t> nulls;
      WordRows(keys[0], num_rows, &words, &nulls);
      words_.BuildPartitioned(words.data(), nulls.data(), num_rows, threads, groups->data());
      size_ = words_.size();
      for (int64_t row = 0; row < num_rows; ++row) {
        if (nulls[static_cast<size_t>(row)] == 0) continue;
        if (null_group_ < 0) null_group_ = size_++;
        (*groups)[static_cast<size_t>(row)] = null_group_;
      }
      return;
    }
    case Shape::kPacked:
      return BuildPacked(packed_, keys, num_rows, threads, groups);
    case Shape::kWide:
      return BuildPacked(wide_, keys, num_rows, threads, groups);
    default: {
      std::vector<int64_t> new_rows;
      return Map(keys, num_rows, groups, &new_rows);
    }
  }
}

bool GroupKeyMap::WordRows(const ArrayPtr& key, int64_t num_rows, std::vector<uint64_t>* words,
                           std::vector<uint8_t>* nulls) const {
  words->assign(static_cast<size_t>(num_rows), 0);
  nulls->assign(static_cast<size_t>(num_rows), 0);
  // A dictionary-encoded fixed-width column (rare) is read decoded.
  const ArrayPtr plain = columnar::DictionaryDecode(key);
  const Array& values = *plain;
  PackFixedColumn(values, num_rows, widths_[0], reinterpret_cast<uint8_t*>(words->data()),
                  sizeof(uint64_t));
  if (values.validity_bits() == nullptr) return false;
  bool any_null = false;
  for (int64_t row = 0; row < num_rows; ++row) {
    if (!values.IsNull(row)) continue;
    (*nulls)[static_cast<size_t>(row)] = 1;
    any_null = true;
  }
  return any_null;
}

void GroupKeyMap::ChooseDirectWindow(const std::vector<uint64_t>& words,
                                     const std::vector<uint8_t>& nulls, bool any_null) {
  uint64_t low = std::numeric_limits<uint64_t>::max();
  uint64_t high = 0;
  for (size_t row = 0; row < words.size(); ++row) {
    if (any_null && nulls[row] != 0) continue;
    const uint64_t ordered = words[row] ^ direct_flip_;
    low = std::min(low, ordered);
    high = std::max(high, ordered);
  }
  if (low > high) return;  // no value yet: the next rows decide
  direct_decided_ = true;
  const uint64_t span = high - low + 1;
  if (span == 0 || span > kDirectSpan) return;  // span 0: the whole 64-bit range
  const uint64_t room = std::clamp(std::bit_ceil(4 * span), kMinDirectSpan, kDirectSpan);
  // The window centred on the rows' range, without wrapping below the smallest value.
  const uint64_t slack = (room - span) / 2;
  direct_base_ = low >= slack ? low - slack : 0;
  direct_.assign(room, -1);
}

void GroupKeyMap::MapDirect(const std::vector<uint64_t>& words, const std::vector<uint8_t>& nulls,
                            bool any_null, std::vector<int64_t>* groups,
                            std::vector<int64_t>* new_rows) {
  const auto num_rows = static_cast<int64_t>(words.size());
  const uint64_t window = direct_.size();
  int64_t* group = groups->data();
  int64_t outside = 0;
  // Row by row, so that every group, in the window or not, is numbered where its first row
  // comes.
  for (int64_t row = 0; row < num_rows; ++row) {
    const auto r = static_cast<size_t>(row);
    if (any_null && nulls[r] != 0) {
      if (null_group_ < 0) null_group_ = Insert(row, new_rows);
      group[r] = null_group_;
      continue;
    }
    const uint64_t index = DirectIndex(words[r]);
    if (index < window) [[likely]] {
      int32_t& slot = direct_[index];
      if (slot < 0) [[unlikely]] {
        slot = static_cast<int32_t>(Insert(row, new_rows));
      }
      group[r] = slot;
      continue;
    }
    ++outside;
    bool inserted = false;
    group[r] = words_.FindOrInsert(words[r], size_, &inserted);
    if (inserted) Insert(row, new_rows);
  }
  direct_rows_ += num_rows;
  direct_outside_ += outside;
  if (direct_rows_ >= kDirectTrialRows && 2 * direct_outside_ > direct_rows_) DropDirectWindow();
}

void GroupKeyMap::DropDirectWindow() {
  for (uint64_t index = 0; index < direct_.size(); ++index) {
    if (direct_[index] < 0) continue;
    bool inserted = false;
    words_.FindOrInsert((index + direct_base_) ^ direct_flip_, direct_[index], &inserted);
  }
  std::vector<int32_t>().swap(direct_);
}

template <typename Key>
void GroupKeyMap::MapPacked(KeyTable<Key, PackedHash, PackedEqual>& table,
                            const std::vector<ArrayPtr>& keys, int64_t num_rows,
                            std::vector<int64_t>* groups, std::vector<int64_t>* new_rows) {
  if (MapSmallDomain(table, keys, num_rows, groups, new_rows)) return;
  std::vector<Key> packed;
  PackRows(keys, num_rows, /*find=*/false, &packed, nullptr);
  table.FindOrInsertMany(packed.data(), nullptr, num_rows, groups->data(),
                         [&](int64_t row) { return Insert(row, new_rows); });
}

template <typename Key>
bool GroupKeyMap::MapSmallDomain(KeyTable<Key, PackedHash, PackedEqual>& table,
                                 const std::vector<ArrayPtr>& keys, int64_t num_rows,
                                 std::vector<int64_t>* groups, std::vector<int64_t>* new_rows) {
  // Each column's codes, and one more for NULL, combine into this many keys at most.
  int64_t combinations = 1;
  for (const ArrayPtr& key : keys) {
    if (!key->is_dictionary()) return false;
    combinations *= key->dictionary()->length() + 1;
    if (combinations > kMaxSmallDomain || combinations * kRowsPerCombination > num_rows) {
      return false;
    }
  }
  std::vector<int32_t> combination(static_cast<size_t>(num_rows), 0);
  int32_t stride = 1;
  for (const ArrayPtr& key : keys) {
    const int32_t* codes = key->values<int32_t>();
    const auto null_code = static_cast<int32_t>(key->dictionary()->length());
    if (key->null_count() == 0) {
      for (int64_t row = 0; row < num_rows; ++row) {
        combination[static_cast<size_t>(row)] += codes[row] * stride;
      }
    } else {
      for (int64_t row = 0; row < num_rows; ++row) {
        const int32_t code = key->IsNull(row) ? null_code : codes[row];
        combination[static_cast<size_t>(row)] += code * stride;
      }
    }
    stride *= null_code + 1;
  }
  // The first row of each combination present stands for it.
  std::vector<int32_t> representative_of(static_cast<size_t>(combinations), -1);
  columnar::SelectionVector representatives;
  for (int64_t row = 0; row < num_rows; ++row) {
    int32_t& representative = representative_of[static_cast<size_t>(combination[row])];
    if (representative >= 0) continue;
    representative = static_cast<int32_t>(representatives.size());
    representatives.mutable_rows().push_back(static_cast<uint32_t>(row));
  }
  std::vector<ArrayPtr> representative_keys;
  for (const ArrayPtr& key : keys) representative_keys.push_back(Take(*key, representatives));
  const auto num_representatives = static_cast<int64_t>(representatives.size());
  std::vector<Key> packed;
  PackRows(representative_keys, num_representatives, /*find=*/false, &packed, nullptr);
  std::vector<int64_t> representative_groups(representatives.size());
  table.FindOrInsertMany(
      packed.data(), nullptr, num_representatives, representative_groups.data(),
      [&](int64_t index) { return Insert(representatives[static_cast<size_t>(index)], new_rows); });
  for (int64_t row = 0; row < num_rows; ++row) {
    (*groups)[static_cast<size_t>(row)] = representative_groups[static_cast<size_t>(
        representative_of[static_cast<size_t>(combination[static_cast<size_t>(row)])])];
  }
  return true;
}

template <typename Key>
void GroupKeyMap::BuildPacked(KeyTable<Key, PackedHash, PackedEqual>& table,
                              const std::vector<ArrayPtr>& keys, int64_t num_rows, int threads,
                              std::vector<int64_t>* groups) {
  std::vector<Key> packed;
  PackRows(keys, num_rows, /*find=*/false, &packed, nullptr);
  table.BuildPartitioned(packed.data(), nullptr, num_rows, threads, groups->data());
  size_ = table.size();
}

template <typename Key>
void GroupKeyMap::FindPacked(const KeyTable<Key, PackedHash, PackedEqual>& table,
                             const std::vector<ArrayPtr>& keys, int64_t num_rows,
                             std::vector<int64_t>* groups) const {
  // Packing in find mode adds no text number, so it leaves the map as it was.
  std::vector<Key> packed;
  std::vector<uint8_t> absent(static_cast<size_t>(num_rows), 0);
  const_cast<GroupKeyMap*>(this)->PackRows(keys, num_rows, /*find=*/true, &packed, &absent);
  table.FindMany(packed.data(), absent.data(), num_rows, groups->data());
}

template <typename Key>
void GroupKeyMap::PackRows(const std::vector<ArrayPtr>& keys, int64_t num_rows, bool find,
                           std::vector<Key>* packed, std::vector<uint8_t>* absent) {
  constexpr size_t kNullWord = std::tuple_size_v<Key> - 1;
  packed->assign(static_cast<size_t>(num_rows), Key{});
  Key* rows = packed->data();
  int at = 0;
  for (size_t c = 0; c < keys.size(); ++c) {
    const Array& key = *keys[c];
    if (is_text_[c]) {
      // Each distinct text of the chunk is numbered once (a dictionary's codes stand for theirs).
      std::vector<std::string_view> texts;
      std::vector<int32_t> item_of_row;
      DistinctTexts(key, num_rows, &texts, &item_of_row);
      std::vector<int64_t> ids(texts.size());
      TextKeyTable& table = text_ids_[c];
      if (find) {
        table.FindMany(texts.data(), static_cast<int64_t>(texts.size()), ids.data());
      } else {
        table.FindOrInsertMany(texts.data(), static_cast<int64_t>(texts.size()), ids.data(),
                               [&table](int64_t) { return table.size(); });
      }
      for (int64_t row = 0; row < num_rows; ++row) {
        const int32_t item = item_of_row[static_cast<size_t>(row)];
        if (item < 0) continue;  // NULL
        const int64_t id = ids[static_cast<size_t>(item)];
        if (id < 0) {  // `find` met a text no group has
          (*absent)[static_cast<size_t>(row)] = 1;
          continue;
        }
        const auto word = static_cast<uint32_t>(id);
        std::memcpy(reinterpret_cast<uint8_t*>(rows[row].data()) + at, &word, sizeof(word));
      }
    } else {
      // A dictionary-encoded fixed-width column (rare) is read decoded.
      const ArrayPtr plain = columnar::DictionaryDecode(keys[c]);
      PackFixedColumn(*plain, num_rows, widths_[c], reinterpret_cast<uint8_t*>(rows) + at,
                      sizeof(Key));
    }
    if (key.validity_bits() != nullptr) {
      // A NULL's value bytes are zeroed, so all NULLs of the column pack alike.
      for (int64_t row = 0; row < num_rows; ++row) {
        if (!key.IsNull(row)) continue;
        std::memset(reinterpret_cast<uint8_t*>(rows[row].data()) + at, 0,
                    static_cast<size_t>(widths_[c]));
        rows[row][kNullWord] |= uint64_t{1} << c;
      }
    }
    at += widths_[c];
  }
}

void GroupKeyMap::Find(const std::vector<ArrayPtr>& keys, int64_t num_rows,
                       std::vector<int64_t>* groups) const {
  groups->assign(static_cast<size_t>(num_rows), -1);
  switch (shape_) {
    case Shape::kNone:
      if (size_ > 0) std::fill(groups->begin(), groups->end(), 0);
      return;
    case Shape::kWord: {
      std::vector<uint64_t> words;
      std::vector<uint8_t> nulls;
      WordRows(keys[0], num_rows, &words, &nulls);
      words_.FindMany(words.data(), nulls.data(), num_rows, groups->data());
      for (int64_t row = 0; row < num_rows; ++row) {
        const auto r = static_cast<size_t>(row);
        if (nulls[r] != 0) {
          (*groups)[r] = null_group_;
        } else if (const uint64_t index = DirectIndex(words[r]); index < direct_.size()) {
          (*groups)[r] = direct_[index];
        }
      }
      return;
    }
    case Shape::kPacked:
      return FindPacked(packed_, keys, num_rows, groups);
    case Shape::kWide:
      return FindPacked(wide_, keys, num_rows, groups);
    case Shape::kText: {
      std::vector<std::string_view> texts;
      std::vector<int32_t> item_of_row;
      DistinctTexts(*keys[0], num_rows, &texts, &item_of_row);
      std::vector<int64_t> found(texts.size());
      texts_.FindMany(texts.data(), static_cast<int64_t>(texts.size()), found.data());
      for (int64_t row = 0; row < num_rows; ++row) {
        const int32_t item = item_of_row[static_cast<size_t>(row)];
        (*groups)[static_cast<size_t>(row)] =
            item < 0 ? null_group_ : found[static_cast<size_t>(item)];
      }
      return;
    }
    case Shape::kBytes: {
      std::string key;
      for (int64_t row = 0; row < num_rows; ++row) {
        key.clear();
        AppendRowKey(keys, row, &key);
        const auto found = bytes_.find(key);
        if (found != bytes_.end()) (*groups)[static_cast<size_t>(row)] = found->second;
      }
      return;
    }
  }
}

void GroupKeyMap::MapText(const Array& key, int64_t num_rows, std::vector<int64_t>* groups,
                          std::vector<int64_t>* new_rows) {
  std::vector<std::string_view> texts;
  std::vector<int32_t> item_of_row;
  const int64_t first_null = DistinctTexts(key, num_rows, &texts, &item_of_row);
  // The row each text is first found in, which numbers its group if it is new.
  std::vector<int64_t> first_rows(texts.size(), -1);
  for (int64_t row = 0; row < num_rows; ++row) {
    const int32_t item = item_of_row[static_cast<size_t>(row)];
    if (item >= 0 && first_rows[static_cast<size_t>(item)] < 0) {
      first_rows[static_cast<size_t>(item)] = row;
    }
  }
  // NULL's group is numbered where its first row comes among the new texts' first rows, as
  // row by row.
  auto number_null_before = [&](int64_t row) {
    if (first_null >= 0 && first_null < row && null_group_ < 0) {
      null_group_ = Insert(first_null, new_rows);
    }
  };
  std::vector<int64_t> text_groups(texts.size());
  texts_.FindOrInsertMany(texts.data(), static_cast<int64_t>(texts.size()), text_groups.data(),
                          [&](int64_t item) {
                            const int64_t row = first_rows[static_cast<size_t>(item)];
                            number_null_before(row);
                            return Insert(row, new_rows);
                          });
  number_null_before(num_rows);
  for (int64_t row = 0; row < num_rows; ++row) {
    const int32_t item = item_of_row[static_cast<size_t>(row)];
    (*groups)[static_cast<size_t>(row)] =
        item < 0 ? null_group_ : text_groups[static_cast<size_t>(item)];
  }
}

int64_t GroupKeyMap::DistinctTexts(const Array& key, int64_t num_rows,
                                   std::vector<std::string_view>* texts,
                                   std::vector<int32_t>* item_of_row) {
  item_of_row->assign(static_cast<size_t>(num_rows), -1);
  const bool has_nulls = key.validity_bits() != nullptr && key.null_count() != 0;
  int64_t first_null = -1;
  if (key.is_dictionary()) {
    // The codes in the order they first occur, each standing for its dictionary entry.
    const Array& dictionary = *key.dictionary();
    const int32_t* codes = key.values<int32_t>();
    auto number_rows = [&](auto&& item_of_code) {
      for (int64_t row = 0; row < num_rows; ++row) {
        if (has_nulls && key.IsNull(row)) {
          if (first_null < 0) first_null = row;
          continue;
        }
        int32_t& item = item_of_code(codes[row]);
        if (item < 0) {
          item = static_cast<int32_t>(texts->size());
          texts->push_back(dictionary.GetView(codes[row]));
        }
        (*item_of_row)[static_cast<size_t>(row)] = item;
      }
    };
    if (dictionary.length() <= 4 * num_rows) {
      std::vector<int32_t> items(static_cast<size_t>(dictionary.length()), -1);
      number_rows([&](int32_t code) -> int32_t& { return items[static_cast<size_t>(code)]; });
      return first_null;
    }
    // A few rows of a big dictionary (a partition's share of a chunk): a table sized by the
    // rows, not one slot per dictionary entry, open addressing with linear probes.
    size_t slots = 16;
    while (slots < 2 * static_cast<size_t>(num_rows)) slots *= 2;
    std::vector<std::pair<int32_t, int32_t>> table(slots, {-1, -1});  // (code, item)
    number_rows([&](int32_t code) -> int32_t& {
      size_t slot = (static_cast<uint32_t>(code) * 0x9E3779B1u) & (slots - 1);
      while (table[slot].first != code && table[slot].first >= 0) slot = (slot + 1) & (slots - 1);
      table[slot].first = code;
      return table[slot].second;
    });
    return first_null;
  }
  // Every row's text; a text repeated within the chunk is found by the table.
  texts->reserve(static_cast<size_t>(num_rows));
  for (int64_t row = 0; row < num_rows; ++row) {
    if (has_nulls && key.IsNull(row)) {
      if (first_null < 0) first_null = row;
      continue;
    }
    (*item_of_row)[static_cast<size_t>(row)] = static_cast<int32_t>(texts->size());
    texts->push_back(key.GetView(row));
  }
  return first_null;
}

void GroupKeyMap::MapBytes(const std::vector<ArrayPtr>& keys, int64_t num_rows,
                           std::vector<int64_t>* groups, std::vector<int64_t>* new_rows) {
  std::string key;
  for (int64_t row = 0; row < num_rows; ++row) {
    key.clear();
    AppendRowKey(keys, row, &key);
    auto [entry, inserted] = bytes_.try_emplace(key, size_);
    if (inserted) Insert(row, new_rows);
    (*groups)[static_cast<size_t>(row)] = entry->second;
  }
}

}  // namespace boyodb::exec
