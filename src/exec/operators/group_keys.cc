#include "exec/operators/group_keys.h"

#include <absl/strings/string_view.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "columnar/dictionary.h"
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
void CopyFloat(const uint8_t* data, uint8_t* out) {
  T value;
  std::memcpy(&value, data, sizeof(value));
  if (value == 0) value = 0;
  if (std::isnan(value)) value = std::numeric_limits<T>::quiet_NaN();
  std::memcpy(out, &value, sizeof(value));
}

// Copies row `row`'s value into `out`.
void CopyValue(const Array& array, int64_t row, int width, uint8_t* out) {
  const uint8_t* data = array.buffers()[1]->data() + (array.offset() + row) * width;
  switch (array.type().id()) {
    case TypeId::kFloat32:
      return CopyFloat<float>(data, out);
    case TypeId::kFloat64:
      return CopyFloat<double>(data, out);
    default:
      std::memcpy(out, data, static_cast<size_t>(width));
  }
}

}  // namespace

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
    const int width = PackedWidth(type);
    if (width == 0) return;  // kBytes
    widths_.push_back(width);
    total += width;
  }
  if (total <= 16 && key_types.size() <= 64) shape_ = Shape::kPacked;
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
    case Shape::kPacked: {
      // A dictionary-encoded fixed-width column (rare) is read decoded.
      std::vector<ArrayPtr> plain;
      for (const ArrayPtr& key : keys) plain.push_back(columnar::DictionaryDecode(key));
      return MapPacked(plain, num_rows, groups, new_rows);
    }
    case Shape::kText:
      return MapText(*keys[0], num_rows, groups, new_rows);
    case Shape::kBytes:
      return MapBytes(keys, num_rows, groups, new_rows);
  }
}

GroupKeyMap::Packed GroupKeyMap::PackRow(const std::vector<ArrayPtr>& keys, int64_t row) const {
  Packed key{0, 0, 0};
  auto* bytes = reinterpret_cast<uint8_t*>(key.data());
  int at = 0;
  for (size_t c = 0; c < keys.size(); ++c) {
    const int width = widths_[c];
    if (keys[c]->IsNull(row)) {
      key[2] |= uint64_t{1} << c;
    } else {
      CopyValue(*keys[c], row, width, bytes + at);
    }
    at += width;
  }
  return key;
}

void GroupKeyMap::Find(const std::vector<ArrayPtr>& keys, int64_t num_rows,
                       std::vector<int64_t>* groups) const {
  groups->assign(static_cast<size_t>(num_rows), -1);
  switch (shape_) {
    case Shape::kNone:
      if (size_ > 0) std::fill(groups->begin(), groups->end(), 0);
      return;
    case Shape::kPacked: {
      std::vector<ArrayPtr> plain;
      for (const ArrayPtr& key : keys) plain.push_back(columnar::DictionaryDecode(key));
      for (int64_t row = 0; row < num_rows; ++row) {
        const auto found = packed_.find(PackRow(plain, row));
        if (found != packed_.end()) (*groups)[static_cast<size_t>(row)] = found->second;
      }
      return;
    }
    case Shape::kText: {
      const Array& key = *keys[0];
      for (int64_t row = 0; row < num_rows; ++row) {
        if (key.IsNull(row)) {
          (*groups)[static_cast<size_t>(row)] = null_group_;
          continue;
        }
        const std::string_view text = key.GetView(row);
        const auto found = bytes_.find(absl::string_view(text.data(), text.size()));
        if (found != bytes_.end()) (*groups)[static_cast<size_t>(row)] = found->second;
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

void GroupKeyMap::MapPacked(const std::vector<ArrayPtr>& keys, int64_t num_rows,
                            std::vector<int64_t>* groups, std::vector<int64_t>* new_rows) {
  for (int64_t row = 0; row < num_rows; ++row) {
    auto [entry, inserted] = packed_.try_emplace(PackRow(keys, row), size_);
    if (inserted) Insert(row, new_rows);
    (*groups)[static_cast<size_t>(row)] = entry->second;
  }
}

void GroupKeyMap::MapText(const Array& key, int64_t num_rows, std::vector<int64_t>* groups,
                          std::vector<int64_t>* new_rows) {
  auto group_of = [&](int64_t row, std::string_view text) {
    auto found = bytes_.find(absl::string_view(text.data(), text.size()));
    if (found != bytes_.end()) return found->second;
    const int64_t group = Insert(row, new_rows);
    bytes_.emplace(std::string(text), group);
    return group;
  };
  if (key.is_dictionary()) {
    // Each code's group, looked up when the code first occurs in this chunk.
    const Array& dictionary = *key.dictionary();
    std::vector<int64_t> code_groups(static_cast<size_t>(dictionary.length()), -1);
    const int32_t* codes = key.values<int32_t>();
    for (int64_t row = 0; row < num_rows; ++row) {
      int64_t group;
      if (key.IsNull(row)) {
        if (null_group_ < 0) null_group_ = Insert(row, new_rows);
        group = null_group_;
      } else {
        int64_t& cached = code_groups[static_cast<size_t>(codes[row])];
        if (cached < 0) cached = group_of(row, dictionary.GetView(codes[row]));
        group = cached;
      }
      (*groups)[static_cast<size_t>(row)] = group;
    }
    return;
  }
  for (int64_t row = 0; row < num_rows; ++row) {
    int64_t group;
    if (key.IsNull(row)) {
      if (null_group_ < 0) null_group_ = Insert(row, new_rows);
      group = null_group_;
    } else {
      group = group_of(row, key.GetView(row));
    }
    (*groups)[static_cast<size_t>(row)] = group;
  }
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
