#include "storage/segment/row_sort.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <memory>
#include <numeric>
#include <string_view>

#include "columnar/builder.h"
#include "columnar/selection_vector.h"
#include "common/check.h"

namespace boyodb::storage {

using columnar::Array;
using columnar::GetBit;
using types::TypeId;

namespace {

template <typename T>
int Order(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// Nulls of one key column: NULL sorts after every value.
class Validity {
 public:
  explicit Validity(const Array& array)
      : bits_(array.null_count() == 0 ? nullptr : array.validity_bits()), base_(array.offset()) {}

  // Sets *order and returns true when a or b is NULL.
  bool Decide(uint32_t a, uint32_t b, int* order) const {
    if (bits_ == nullptr) return false;
    const bool a_valid = GetBit(bits_, base_ + a);
    const bool b_valid = GetBit(bits_, base_ + b);
    if (a_valid && b_valid) return false;
    *order = Order(!a_valid, !b_valid);
    return true;
  }

 private:
  const uint8_t* bits_;
  int64_t base_;
};

// A key column whose values are loaded by row and ordered by `order`; every key type is one of
// these, so the sort's inner loop is fully inlined for the first key.
template <typename Load, typename OrderFn>
class TypedKey {
 public:
  TypedKey(const Array& array, Load load, OrderFn order)
      : validity_(array), load_(load), order_(order) {}
  int Compare(uint32_t a, uint32_t b) const {
    int order = 0;
    if (validity_.Decide(a, b, &order)) return order;
    return order_(load_(a), load_(b));
  }

 private:
  Validity validity_;
  Load load_;
  OrderFn order_;
};

template <typename Load, typename OrderFn>
TypedKey<Load, OrderFn> MakeKey(const Array& array, Load load, OrderFn order) {
  return TypedKey<Load, OrderFn>(array, load, order);
}

// The keys after the first, compared through one virtual call each.
class AnyKey {
 public:
  virtual ~AnyKey() = default;
  virtual int Compare(uint32_t a, uint32_t b) const = 0;
};

template <typename Key>
class AnyKeyOf final : public AnyKey {
 public:
  explicit AnyKeyOf(Key key) : key_(std::move(key)) {}
  int Compare(uint32_t a, uint32_t b) const override { return key_.Compare(a, b); }

 private:
  Key key_;
};

uint64_t LoadBigEndian64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
}

int OrderFloat(double a, double b) {
  const bool a_nan = std::isnan(a);
  const bool b_nan = std::isnan(b);
  if (a_nan || b_nan) return Order(a_nan, b_nan);
  return Order(a, b);
}

// State some keys need beyond the array (dictionary ranks, materialized values); owned by the
// caller for as long as the keys are used.
struct KeyStorage {
  std::vector<int32_t> ranks;
  std::vector<types::Value> values;
};

// Calls visit(key) with the key comparator specialised for the array's type.
template <typename Visit>
void VisitKey(const Array& array, KeyStorage* storage, Visit&& visit) {
  const auto fixed = [&](auto tag) {
    using T = decltype(tag);
    const T* values = array.values<T>();
    if constexpr (std::is_floating_point_v<T>) {
      visit(MakeKey(
          array, [values](uint32_t i) { return values[i]; },
          [](T a, T b) { return OrderFloat(a, b); }));
    } else {
      visit(MakeKey(
          array, [values](uint32_t i) { return values[i]; }, [](T a, T b) { return Order(a, b); }));
    }
  };
  if (array.is_dictionary()) {
    // Rank the distinct values once; rows then compare as integers.
    const Array& dictionary = *array.dictionary();
    std::vector<int32_t> order(static_cast<size_t>(dictionary.length()));
    std::iota(order.begin(), order.end(), 0);
    const bool variable = dictionary.type().layout() == types::Layout::kVariable;
    // Orders dictionary entries; NULL entries (which valid rows should not use) go last.
    const auto compare = [&dictionary, variable](int32_t a, int32_t b) {
      if (dictionary.IsNull(a) || dictionary.IsNull(b)) {
        return Order(dictionary.IsNull(a), dictionary.IsNull(b));
      }
      if (variable) {
        const std::string_view x = dictionary.GetView(a);
        const std::string_view y = dictionary.GetView(b);
        return x < y ? -1 : (y < x ? 1 : 0);
      }
      return types::Value::Compare(dictionary.GetValue(a), dictionary.GetValue(b));
    };
    std::stable_sort(order.begin(), order.end(),
                     [&compare](int32_t a, int32_t b) { return compare(a, b) < 0; });
    storage->ranks.assign(order.size(), 0);
    for (size_t rank = 0; rank < order.size(); ++rank) {
      // Equal entries (a dictionary may repeat a value) share the first one's rank.
      const bool same = rank > 0 && compare(order[rank - 1], order[rank]) == 0;
      storage->ranks[static_cast<size_t>(order[rank])] =
          same ? storage->ranks[static_cast<size_t>(order[rank - 1])] : static_cast<int32_t>(rank);
    }
    const int32_t* codes = array.values<int32_t>();
    const int32_t* ranks = storage->ranks.data();
    const auto num_ranks = static_cast<uint32_t>(storage->ranks.size());
    visit(MakeKey(
        array,
        [codes, ranks, num_ranks](uint32_t i) {
          const auto code = static_cast<uint32_t>(codes[i]);
          return code < num_ranks ? ranks[code] : -1;
        },
        [](int32_t a, int32_t b) { return Order(a, b); }));
    return;
  }
  switch (array.type().id()) {
    case TypeId::kInt8:
      return fixed(int8_t{});
    case TypeId::kInt16:
      return fixed(int16_t{});
    case TypeId::kInt32:
    case TypeId::kDate:
      return fixed(int32_t{});
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return fixed(int64_t{});
    case TypeId::kUInt8:
      return fixed(uint8_t{});
    case TypeId::kUInt16:
      return fixed(uint16_t{});
    case TypeId::kUInt32:
    case TypeId::kIpv4:
      return fixed(uint32_t{});
    case TypeId::kUInt64:
      return fixed(uint64_t{});
    case TypeId::kFloat32:
      return fixed(float{});
    case TypeId::kFloat64:
      return fixed(double{});
    case TypeId::kBoolean: {
      const uint8_t* bits = array.bool_bits();
      const int64_t base = array.offset();
      return visit(MakeKey(
          array, [bits, base](uint32_t i) { return GetBit(bits, base + i); },
          [](bool a, bool b) { return Order(a, b); }));
    }
    case TypeId::kDecimal: {
      const uint8_t* base = array.buffers()[1]->data() + array.offset() * 16;
      return visit(MakeKey(
          array,
          [base](uint32_t i) {
            types::Int128 v;
            std::memcpy(&v, base + static_cast<size_t>(i) * 16, 16);
            return v;
          },
          [](types::Int128 a, types::Int128 b) { return Order(a, b); }));
    }
    case TypeId::kUuid:
    case TypeId::kIpv6: {
      const uint8_t* base = array.buffers()[1]->data() + array.offset() * 16;
      return visit(MakeKey(
          array,
          [base](uint32_t i) {
            const uint8_t* p = base + static_cast<size_t>(i) * 16;
            return std::pair<uint64_t, uint64_t>(LoadBigEndian64(p), LoadBigEndian64(p + 8));
          },
          [](const std::pair<uint64_t, uint64_t>& a, const std::pair<uint64_t, uint64_t>& b) {
            return Order(a, b);
          }));
    }
    case TypeId::kInterval: {
      // Months, then days, then nanoseconds: the order of types::Value::Compare.
      const uint8_t* base = array.buffers()[1]->data() + array.offset() * 16;
      return visit(MakeKey(
          array,
          [base](uint32_t i) {
            types::IntervalValue v;
            const uint8_t* p = base + static_cast<size_t>(i) * 16;
            std::memcpy(&v.months, p, 4);
            std::memcpy(&v.days, p + 4, 4);
            std::memcpy(&v.nanos, p + 8, 8);
            return std::tuple<int32_t, int32_t, int64_t>(v.months, v.days, v.nanos);
          },
          [](const auto& a, const auto& b) { return Order(a, b); }));
    }
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson: {
      const int32_t* offsets = array.offsets();
      const char* data = reinterpret_cast<const char*>(array.buffers()[2]->data());
      return visit(MakeKey(
          array,
          [offsets, data](uint32_t i) {
            return std::string_view(data + offsets[i],
                                    static_cast<size_t>(offsets[i + 1] - offsets[i]));
          },
          [](std::string_view a, std::string_view b) { return Order(a, b); }));
    }
    default: {
      // Nested keys are rare; their values are materialized once, then compared.
      storage->values.clear();
      storage->values.reserve(static_cast<size_t>(array.length()));
      for (int64_t i = 0; i < array.length(); ++i) storage->values.push_back(array.GetValue(i));
      const types::Value* values = storage->values.data();
      return visit(MakeKey(
          array, [values](uint32_t i) -> const types::Value& { return values[i]; },
          [](const types::Value& a, const types::Value& b) {
            return types::Value::Compare(a, b);
          }));
    }
  }
}

template <typename First>
std::optional<std::vector<uint32_t>> SortWith(const First& first,
                                              const std::vector<std::unique_ptr<AnyKey>>& rest,
                                              uint32_t num_rows) {
  const auto less = [&first, &rest](uint32_t a, uint32_t b) {
    int order = first.Compare(a, b);
    for (size_t k = 0; order == 0 && k < rest.size(); ++k) order = rest[k]->Compare(a, b);
    return order < 0;
  };
  // Time-ordered data usually arrives sorted: one linear check saves the sort and the copies.
  bool sorted = true;
  for (uint32_t i = 1; i < num_rows && sorted; ++i) sorted = !less(i, i - 1);
  if (sorted) return std::nullopt;
  std::vector<uint32_t> rows(num_rows);
  std::iota(rows.begin(), rows.end(), 0u);
  std::stable_sort(rows.begin(), rows.end(), less);
  return rows;
}

// The rows of `column` listed by `selection`.
columnar::ArrayPtr Permute(const Array& column, const columnar::SelectionVector& selection) {
  if (!column.type().is_nested()) return columnar::Take(column, selection);
  // columnar::Take copies nested rows with AppendArray, which dereferences a null buffer when a
  // fixed-width child builder is first asked to append zero values (an empty first list); until
  // that is fixed there, nested columns are copied value by value.
  std::unique_ptr<columnar::ArrayBuilder> builder = columnar::MakeBuilder(column.type());
  for (size_t i = 0; i < selection.size(); ++i) {
    BOYO_CHECK(builder->AppendValue(column.GetValue(selection[i])).ok());
  }
  return builder->Finish();
}

}  // namespace

std::optional<std::vector<uint32_t>> SortPermutation(const columnar::Chunk& chunk,
                                                     const std::vector<int>& key_columns) {
  BOYO_CHECK(chunk.num_rows() < (int64_t{1} << 32));
  if (key_columns.empty() || chunk.num_rows() < 2) return std::nullopt;
  for (const int column : key_columns) {
    BOYO_CHECK(column >= 0 && static_cast<size_t>(column) < chunk.num_columns());
  }
  std::vector<KeyStorage> storage(key_columns.size());
  std::vector<std::unique_ptr<AnyKey>> rest;
  for (size_t k = 1; k < key_columns.size(); ++k) {
    VisitKey(*chunk.column(static_cast<size_t>(key_columns[k])), &storage[k], [&](auto key) {
      rest.push_back(std::make_unique<AnyKeyOf<decltype(key)>>(std::move(key)));
    });
  }
  std::optional<std::vector<uint32_t>> rows;
  VisitKey(*chunk.column(static_cast<size_t>(key_columns[0])), &storage[0],
           [&](auto key) { rows = SortWith(key, rest, static_cast<uint32_t>(chunk.num_rows())); });
  return rows;
}

columnar::Chunk SortChunk(const columnar::Chunk& chunk, const std::vector<int>& key_columns) {
  std::optional<std::vector<uint32_t>> rows = SortPermutation(chunk, key_columns);
  if (!rows.has_value()) return chunk;
  columnar::SelectionVector selection;
  selection.mutable_rows() = std::move(*rows);
  std::vector<columnar::ArrayPtr> columns;
  columns.reserve(chunk.num_columns());
  for (const columnar::ArrayPtr& column : chunk.columns()) {
    columns.push_back(Permute(*column, selection));
  }
  return columnar::Chunk(chunk.schema(), std::move(columns), chunk.num_rows());
}

}  // namespace boyodb::storage
