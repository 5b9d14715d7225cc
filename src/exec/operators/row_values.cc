#include "exec/operators/row_values.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "types/datetime.h"
#include "types/value.h"

namespace boyodb::exec {

using types::TypeId;

namespace {

template <typename T>
void AppendRaw(T value, std::string* out) {
  out->append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
int Compare3(T a, T b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// PostgreSQL orders NaN above all other values and treats NaN = NaN.
template <typename T>
int CompareFloat(T a, T b) {
  const bool a_nan = std::isnan(a);
  const bool b_nan = std::isnan(b);
  if (a_nan || b_nan) return a_nan == b_nan ? 0 : (a_nan ? 1 : -1);
  return Compare3(a, b);
}

// Intervals compare by their span with 30-day months and 24-hour days, as PostgreSQL does.
types::Int128 IntervalSpan(const types::IntervalValue& value) {
  constexpr types::Int128 kNanosPerDay = types::Int128{86'400} * 1'000'000'000;
  return (types::Int128{value.months} * 30 + value.days) * kNanosPerDay + value.nanos;
}

}  // namespace

void AppendRowKey(const std::vector<columnar::ArrayPtr>& columns, int64_t row, std::string* out) {
  for (const columnar::ArrayPtr& column : columns) {
    const columnar::Array& array = *column;
    if (array.IsNull(row)) {
      out->push_back('\0');
      continue;
    }
    out->push_back('\1');
    const types::DataType& type = array.type();
    switch (type.id()) {
      case TypeId::kBoolean:
        out->push_back(columnar::GetBit(array.bool_bits(), array.offset() + row) ? '\1' : '\0');
        break;
      case TypeId::kFloat32: {
        float value = array.values<float>()[row];
        if (value == 0) value = 0;  // -0 groups with 0
        if (std::isnan(value)) value = std::numeric_limits<float>::quiet_NaN();
        AppendRaw(value, out);
        break;
      }
      case TypeId::kFloat64: {
        double value = array.values<double>()[row];
        if (value == 0) value = 0;
        if (std::isnan(value)) value = std::numeric_limits<double>::quiet_NaN();
        AppendRaw(value, out);
        break;
      }
      case TypeId::kInterval: {
        AppendRaw(IntervalSpan(array.GetValue(row).interval()), out);
        break;
      }
      default:
        if (type.layout() == types::Layout::kFixedWidth && !array.is_dictionary()) {
          const int width = type.fixed_width();
          out->append(reinterpret_cast<const char*>(array.buffers()[1]->data()) +
                          (array.offset() + row) * width,
                      static_cast<size_t>(width));
        } else if (type.layout() == types::Layout::kVariable) {
          const std::string_view bytes = array.GetView(row);
          AppendRaw(static_cast<uint32_t>(bytes.size()), out);
          out->append(bytes);
        } else {
          // Nested values: their printed form is unambiguous enough to group by.
          const std::string text = array.GetValue(row).ToString();
          AppendRaw(static_cast<uint32_t>(text.size()), out);
          out->append(text);
        }
        break;
    }
  }
}

int CompareValues(const columnar::Array& a, int64_t i, const columnar::Array& b, int64_t j) {
  switch (a.type().id()) {
    case TypeId::kBoolean:
      return Compare3(columnar::GetBit(a.bool_bits(), a.offset() + i),
                      columnar::GetBit(b.bool_bits(), b.offset() + j));
    case TypeId::kInt8:
      return Compare3(a.values<int8_t>()[i], b.values<int8_t>()[j]);
    case TypeId::kInt16:
      return Compare3(a.values<int16_t>()[i], b.values<int16_t>()[j]);
    case TypeId::kInt32:
    case TypeId::kDate:
      return Compare3(a.values<int32_t>()[i], b.values<int32_t>()[j]);
    case TypeId::kInt64:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return Compare3(a.values<int64_t>()[i], b.values<int64_t>()[j]);
    case TypeId::kUInt8:
      return Compare3(a.values<uint8_t>()[i], b.values<uint8_t>()[j]);
    case TypeId::kUInt16:
      return Compare3(a.values<uint16_t>()[i], b.values<uint16_t>()[j]);
    case TypeId::kUInt32:
    case TypeId::kIpv4:
      return Compare3(a.values<uint32_t>()[i], b.values<uint32_t>()[j]);
    case TypeId::kUInt64:
      return Compare3(a.values<uint64_t>()[i], b.values<uint64_t>()[j]);
    case TypeId::kFloat32:
      return CompareFloat(a.values<float>()[i], b.values<float>()[j]);
    case TypeId::kFloat64:
      return CompareFloat(a.values<double>()[i], b.values<double>()[j]);
    case TypeId::kDecimal: {
      types::Int128 x;
      types::Int128 y;
      std::memcpy(&x, a.buffers()[1]->data() + (a.offset() + i) * 16, 16);
      std::memcpy(&y, b.buffers()[1]->data() + (b.offset() + j) * 16, 16);
      return Compare3(x, y);
    }
    case TypeId::kInterval:
      return Compare3(IntervalSpan(a.GetValue(i).interval()),
                      IntervalSpan(b.GetValue(j).interval()));
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kJson: {
      const int result = a.GetView(i).compare(b.GetView(j));
      return result < 0 ? -1 : (result > 0 ? 1 : 0);
    }
    case TypeId::kUuid:
    case TypeId::kIpv6: {
      const int result = std::memcmp(a.buffers()[1]->data() + (a.offset() + i) * 16,
                                     b.buffers()[1]->data() + (b.offset() + j) * 16, 16);
      return result < 0 ? -1 : (result > 0 ? 1 : 0);
    }
    case TypeId::kList: {
      // PostgreSQL's array order: element by element (a NULL element above every value),
      // then the shorter array first.
      const columnar::Array& x = *a.child(0);
      const columnar::Array& y = *b.child(0);
      const int32_t x_start = a.offsets()[i];
      const int32_t y_start = b.offsets()[j];
      const int32_t x_length = a.offsets()[i + 1] - x_start;
      const int32_t y_length = b.offsets()[j + 1] - y_start;
      for (int32_t k = 0; k < std::min(x_length, y_length); ++k) {
        const bool x_null = x.IsNull(x_start + k);
        const bool y_null = y.IsNull(y_start + k);
        if (x_null || y_null) {
          if (x_null != y_null) return x_null ? 1 : -1;
          continue;
        }
        const int result = CompareValues(x, x_start + k, y, y_start + k);
        if (result != 0) return result;
      }
      return Compare3(x_length, y_length);
    }
    default: {
      const std::string x = a.GetValue(i).ToString();
      const std::string y = b.GetValue(j).ToString();
      return x < y ? -1 : (y < x ? 1 : 0);
    }
  }
}

}  // namespace boyodb::exec
