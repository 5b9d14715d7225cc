#include "formats/ipc/array_loader.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "common/sqlstate.h"
#include "formats/ipc/body_compression.h"
#include "formats/ipc/dictionaries.h"

namespace boyodb::formats::ipc {

using columnar::Array;
using columnar::ArrayPtr;
using columnar::Buffer;
using columnar::BufferPtr;
using types::DataType;
using types::Int128;
using types::IntervalValue;

namespace {

constexpr int64_t kMaxLength = std::numeric_limits<int32_t>::max();
// A compressed buffer may declare more bytes than its array needs (writers may keep padding),
// but not arbitrarily more: that is how a small body would make a reader allocate gigabytes.
constexpr int64_t kSlackBytes = int64_t{64} << 10;

BufferPtr EmptyIfNull(BufferPtr buffer) { return buffer ? buffer : Buffer::Allocate(0); }

Status TooShort(const char* what, const BufferPtr& buffer, uint64_t needed) {
  return Status::Corruption(std::string(what) + " buffer has " +
                            std::to_string(buffer ? buffer->size() : 0) + " bytes, needs " +
                            std::to_string(needed));
}

Status RequireSize(const BufferPtr& buffer, uint64_t needed, const char* what) {
  if (needed > 0 && (!buffer || buffer->size() < needed)) return TooShort(what, buffer, needed);
  return Status::OK();
}

Status ValueOutOfRange(std::string_view sqlstate, const std::string& what, int64_t row) {
  return Status(StatusCode::kOutOfRange, sqlstate,
                what + " at row " + std::to_string(row) + " is out of range for BoyoDB's type");
}

int64_t FloorDiv(int64_t value, int64_t divisor) {
  const int64_t quotient = value / divisor;
  return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient;
}

// Converts `length` values of From to To, skipping null rows (which become To{}). `convert`
// returns false for a value To cannot hold.
template <typename From, typename To, typename Convert>
Result<BufferPtr> ConvertValues(const BufferPtr& values, int64_t length, const BufferPtr& validity,
                                const char* what, std::string_view sqlstate, Convert convert) {
  BOYO_RETURN_IF_ERROR(RequireSize(values, static_cast<uint64_t>(length) * sizeof(From), what));
  std::shared_ptr<Buffer> out = Buffer::Allocate(static_cast<size_t>(length) * sizeof(To));
  if (length == 0) return BufferPtr(std::move(out));
  const uint8_t* bytes = values->data();
  To* target = out->mutable_data_as<To>();
  for (int64_t i = 0; i < length; ++i) {
    if (validity && !columnar::GetBit(validity->data(), i)) continue;
    From value;
    std::memcpy(&value, bytes + i * static_cast<int64_t>(sizeof(From)), sizeof(From));
    if (!convert(value, target[i])) return ValueOutOfRange(sqlstate, what, i);
  }
  return BufferPtr(std::move(out));
}

bool MultiplyChecked(int64_t value, int64_t factor, int64_t& out) {
  return !__builtin_mul_overflow(value, factor, &out);
}

float HalfToFloat(uint16_t half) {
  const int exponent = (half >> 10) & 0x1f;
  const int mantissa = half & 0x3ff;
  float magnitude;
  if (exponent == 0) {
    magnitude = std::ldexp(static_cast<float>(mantissa), -24);
  } else if (exponent == 31) {
    magnitude = mantissa == 0 ? std::numeric_limits<float>::infinity()
                              : std::numeric_limits<float>::quiet_NaN();
  } else {
    magnitude = std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
  }
  return (half & 0x8000) ? -magnitude : magnitude;
}

// Multiplier from a TimeUnit (SECOND..NANOSECOND) to microseconds, or 0 for nanoseconds.
int64_t MicrosPerUnit(int16_t unit) {
  switch (static_cast<fb::TimeUnit>(unit)) {
    case fb::TimeUnit::SECOND:
      return 1'000'000;
    case fb::TimeUnit::MILLISECOND:
      return 1'000;
    case fb::TimeUnit::MICROSECOND:
      return 1;
    case fb::TimeUnit::NANOSECOND:
      return 0;
  }
  return 1;
}

Result<BufferPtr> ToMicros(const BufferPtr& values, int64_t length, const BufferPtr& validity,
                           int16_t unit, const char* what) {
  const int64_t factor = MicrosPerUnit(unit);
  if (factor == 1) return values;
  return ConvertValues<int64_t, int64_t>(values, length, validity, what,
                                         sqlstate::kDatetimeFieldOverflow,
                                         [factor](int64_t value, int64_t& out) {
                                           if (factor == 0) {
                                             out = FloorDiv(value, 1000);
                                             return true;
                                           }
                                           return MultiplyChecked(value, factor, out);
                                         });
}

// Synthesizes offsets i * width for fixed-size lists and binaries.
Result<BufferPtr> FixedOffsets(int64_t length, int64_t width) {
  int64_t total = 0;
  if (!MultiplyChecked(length, width, total) || total > kMaxLength) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "fixed-size column of " + std::to_string(length) + " values of width " +
                      std::to_string(width) + " exceeds 2^31 - 1 elements");
  }
  std::shared_ptr<Buffer> out = Buffer::Allocate(static_cast<size_t>(length + 1) * 4);
  int32_t* offsets = out->mutable_data_as<int32_t>();
  for (int64_t i = 0; i <= length; ++i) offsets[i] = static_cast<int32_t>(i * width);
  return BufferPtr(std::move(out));
}

}  // namespace

Result<FieldNodeInfo> ArrayLoader::NextNode() {
  if (node_index_ >= header_.nodes.size()) {
    return Status::Corruption("record batch has " + std::to_string(header_.nodes.size()) +
                              " field nodes, fewer than its schema needs");
  }
  const FieldNodeInfo node = header_.nodes[node_index_++];
  if (node.length > kMaxLength) {
    return Status::Corruption("field node " + std::to_string(node_index_ - 1) + " has length " +
                              std::to_string(node.length) + ", above 2^31 - 1");
  }
  return node;
}

Result<BufferPtr> ArrayLoader::NextBuffer(int64_t needed) {
  if (buffer_index_ >= header_.buffers.size()) {
    return Status::Corruption("record batch has " + std::to_string(header_.buffers.size()) +
                              " buffers, fewer than its schema needs");
  }
  const size_t index = buffer_index_++;
  const BufferRegion& region = header_.buffers[index];
  const uint64_t begin = static_cast<uint64_t>(region.offset);
  const uint64_t length = static_cast<uint64_t>(region.length);
  const uint64_t window_size = window_.bytes ? window_.bytes->size() : 0;
  if (begin < window_.base || begin - window_.base > window_size ||
      length > window_size - (begin - window_.base)) {
    return Status::Corruption("buffer " + std::to_string(index) + " at body offset " +
                              std::to_string(begin) + " of length " + std::to_string(length) +
                              " lies outside the bytes read for its column");
  }
  if (length == 0) return BufferPtr();
  const uint64_t relative = begin - window_.base;
  uint64_t decoded = length;
  if (header_.codec != CompressionCodec::kNone && length >= 8) {
    int64_t declared;
    std::memcpy(&declared, window_.bytes->data() + relative, 8);
    decoded = declared < 0 ? length - 8 : static_cast<uint64_t>(declared);
    if (declared > 0 && needed >= 0 && declared > needed + std::max(needed, kSlackBytes)) {
      return Status::Corruption("compressed buffer " + std::to_string(index) + " declares " +
                                std::to_string(declared) + " bytes but its array needs " +
                                std::to_string(needed));
    }
  }
  if (decoded > options_.max_buffer_bytes) {
    return Status::Corruption("buffer " + std::to_string(index) + " of " + std::to_string(decoded) +
                              " bytes exceeds the limit of " +
                              std::to_string(options_.max_buffer_bytes));
  }
  decoded_bytes_ += decoded;
  if (decoded_bytes_ > options_.max_message_bytes) {
    return Status::Corruption("record batch buffers add up to more than " +
                              std::to_string(options_.max_message_bytes) + " bytes");
  }
  if (header_.codec == CompressionCodec::kNone) {
    return SliceOrCopy(window_.bytes, relative, length);
  }
  Result<BufferPtr> buffer =
      DecompressBuffer(header_.codec, window_.bytes, relative, length, options_.max_buffer_bytes);
  if (!buffer.ok()) return buffer.error().WithContext("buffer " + std::to_string(index));
  return buffer;
}

Result<BufferPtr> ArrayLoader::LoadValidity(const FieldNodeInfo& node) {
  const int64_t needed = columnar::BytesForBits(node.length);
  BOYO_ASSIGN_OR_RETURN(BufferPtr validity, NextBuffer(needed));
  if (!validity) {
    if (node.null_count > 0) {
      return Status::Corruption("array of length " + std::to_string(node.length) + " with " +
                                std::to_string(node.null_count) + " nulls has no validity buffer");
    }
    return validity;
  }
  BOYO_RETURN_IF_ERROR(RequireSize(validity, static_cast<uint64_t>(needed), "validity"));
  return validity;
}

Result<BufferPtr> ArrayLoader::LoadOffsets(int64_t length, int width) {
  const int64_t needed = (length + 1) * width;
  BOYO_ASSIGN_OR_RETURN(BufferPtr offsets, NextBuffer(needed));
  if (!offsets && length == 0) return BufferPtr(Buffer::Allocate(4));
  BOYO_RETURN_IF_ERROR(RequireSize(offsets, static_cast<uint64_t>(needed), "offsets"));
  if (width == 4) return offsets;
  // 64-bit offsets: every one must fit an int32, and they must not decrease.
  std::shared_ptr<Buffer> narrowed = Buffer::Allocate(static_cast<size_t>(length + 1) * 4);
  int32_t* out = narrowed->mutable_data_as<int32_t>();
  int64_t previous = 0;
  for (int64_t i = 0; i <= length; ++i) {
    int64_t value;
    std::memcpy(&value, offsets->data() + i * 8, 8);
    if (value < previous) {
      return Status::Corruption("64-bit offsets decrease or are negative at index " +
                                std::to_string(i));
    }
    if (value > kMaxLength) {
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "64-bit offset " + std::to_string(value) +
                        " exceeds 2^31 - 1, the limit of BoyoDB's 32-bit offsets");
    }
    out[i] = static_cast<int32_t>(value);
    previous = value;
  }
  return BufferPtr(std::move(narrowed));
}

Result<ArrayPtr> ArrayLoader::LoadFixed(const IpcField& field, const FieldNodeInfo& node,
                                        BufferPtr validity) {
  const DataType& type = field.field.type();
  const int64_t n = node.length;
  BufferPtr values;
  switch (field.arrow_type) {
    case fb::Type::Bool: {
      BOYO_ASSIGN_OR_RETURN(values, NextBuffer(columnar::BytesForBits(n)));
      break;
    }
    case fb::Type::Int: {
      BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * (field.bit_width / 8)));
      break;
    }
    case fb::Type::FloatingPoint: {
      const int width = field.precision == fb::Precision::HALF     ? 2
                        : field.precision == fb::Precision::SINGLE ? 4
                                                                   : 8;
      BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * width));
      if (field.precision == fb::Precision::HALF) {
        BOYO_ASSIGN_OR_RETURN(values,
                              (ConvertValues<uint16_t, float>(values, n, validity, "half float",
                                                              sqlstate::kNumericValueOutOfRange,
                                                              [](uint16_t half, float& out) {
                                                                out = HalfToFloat(half);
                                                                return true;
                                                              })));
      }
      break;
    }
    case fb::Type::Decimal: {
      BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * (field.bit_width / 8)));
      auto widen = [](auto value, Int128& out) {
        out = value;
        return true;
      };
      if (field.bit_width == 32) {
        BOYO_ASSIGN_OR_RETURN(
            values, (ConvertValues<int32_t, Int128>(values, n, validity, "decimal",
                                                    sqlstate::kNumericValueOutOfRange, widen)));
      } else if (field.bit_width == 64) {
        BOYO_ASSIGN_OR_RETURN(
            values, (ConvertValues<int64_t, Int128>(values, n, validity, "decimal",
                                                    sqlstate::kNumericValueOutOfRange, widen)));
      } else if (field.bit_width == 256) {
        struct Int256 {
          Int128 low;
          Int128 high;
        };
        BOYO_ASSIGN_OR_RETURN(
            values, (ConvertValues<Int256, Int128>(values, n, validity, "Decimal256 value",
                                                   sqlstate::kNumericValueOutOfRange,
                                                   [](const Int256& value, Int128& out) {
                                                     out = value.low;
                                                     return value.high == (value.low < 0 ? -1 : 0);
                                                   })));
      }
      break;
    }
    case fb::Type::Date: {
      if (field.unit == static_cast<int16_t>(fb::DateUnit::DAY)) {
        BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * 4));
        break;
      }
      BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * 8));
      BOYO_ASSIGN_OR_RETURN(values,
                            (ConvertValues<int64_t, int32_t>(
                                values, n, validity, "Date(MILLISECOND) value",
                                sqlstate::kDatetimeFieldOverflow, [](int64_t millis, int32_t& out) {
                                  const int64_t days = FloorDiv(millis, 86'400'000);
                                  out = static_cast<int32_t>(days);
                                  return days == out;
                                })));
      break;
    }
    case fb::Type::Time: {
      if (field.bit_width == 32) {
        BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * 4));
        const int64_t factor = MicrosPerUnit(field.unit);
        BOYO_ASSIGN_OR_RETURN(
            values, (ConvertValues<int32_t, int64_t>(values, n, validity, "time",
                                                     sqlstate::kDatetimeFieldOverflow,
                                                     [factor](int32_t value, int64_t& out) {
                                                       out = int64_t{value} * factor;
                                                       return true;
                                                     })));
      } else {
        BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * 8));
        BOYO_ASSIGN_OR_RETURN(values, ToMicros(values, n, validity, field.unit, "time"));
      }
      break;
    }
    case fb::Type::Timestamp: {
      BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * 8));
      BOYO_ASSIGN_OR_RETURN(values, ToMicros(values, n, validity, field.unit, "timestamp"));
      break;
    }
    case fb::Type::Interval: {
      switch (static_cast<fb::IntervalUnit>(field.unit)) {
        case fb::IntervalUnit::MONTH_DAY_NANO: {
          BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * 16));
          break;
        }
        case fb::IntervalUnit::YEAR_MONTH: {
          BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * 4));
          BOYO_ASSIGN_OR_RETURN(
              values, (ConvertValues<int32_t, IntervalValue>(
                          values, n, validity, "interval", sqlstate::kDatetimeFieldOverflow,
                          [](int32_t months, IntervalValue& out) {
                            out.months = months;
                            return true;
                          })));
          break;
        }
        case fb::IntervalUnit::DAY_TIME: {
          struct DayTime {
            int32_t days;
            int32_t millis;
          };
          BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * 8));
          BOYO_ASSIGN_OR_RETURN(
              values, (ConvertValues<DayTime, IntervalValue>(
                          values, n, validity, "interval", sqlstate::kDatetimeFieldOverflow,
                          [](const DayTime& value, IntervalValue& out) {
                            out.days = value.days;
                            out.nanos = int64_t{value.millis} * 1'000'000;
                            return true;
                          })));
          break;
        }
      }
      break;
    }
    case fb::Type::Duration: {
      BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * 8));
      const int64_t micros = MicrosPerUnit(field.unit);
      const int64_t factor = micros == 0 ? 1 : micros * 1000;
      BOYO_ASSIGN_OR_RETURN(values,
                            (ConvertValues<int64_t, IntervalValue>(
                                values, n, validity, "duration", sqlstate::kDatetimeFieldOverflow,
                                [factor](int64_t value, IntervalValue& out) {
                                  return MultiplyChecked(value, factor, out.nanos);
                                })));
      break;
    }
    case fb::Type::FixedSizeBinary: {
      BOYO_ASSIGN_OR_RETURN(values, NextBuffer(n * field.byte_width));
      if (type.layout() == types::Layout::kVariable) {
        // BYTEA from a FixedSizeBinary of another width: synthesize the offsets.
        BOYO_RETURN_IF_ERROR(
            RequireSize(values, static_cast<uint64_t>(n * field.byte_width), "fixed-size binary"));
        BOYO_ASSIGN_OR_RETURN(BufferPtr offsets, FixedOffsets(n, field.byte_width));
        return Array::MakeValidated(type, n, {validity, offsets, EmptyIfNull(values)});
      }
      break;
    }
    default:
      return Status::Internal("unexpected Arrow type " +
                              std::string(fb::EnumNameType(field.arrow_type)));
  }
  return Array::MakeValidated(type, n, {validity, EmptyIfNull(values)});
}

Result<ArrayPtr> ArrayLoader::LoadVariable(const IpcField& field, const FieldNodeInfo& node,
                                           BufferPtr validity) {
  const bool large =
      field.arrow_type == fb::Type::LargeUtf8 || field.arrow_type == fb::Type::LargeBinary;
  BOYO_ASSIGN_OR_RETURN(BufferPtr offsets, LoadOffsets(node.length, large ? 8 : 4));
  const int32_t last = offsets->data_as<int32_t>()[node.length];
  BOYO_ASSIGN_OR_RETURN(BufferPtr data, NextBuffer(std::max(last, 0)));
  return Array::MakeValidated(field.field.type(), node.length,
                              {validity, offsets, EmptyIfNull(data)});
}

Result<ArrayPtr> ArrayLoader::LoadList(const IpcField& field, const FieldNodeInfo& node,
                                       BufferPtr validity) {
  BufferPtr offsets;
  if (field.arrow_type == fb::Type::FixedSizeList) {
    BOYO_ASSIGN_OR_RETURN(offsets, FixedOffsets(node.length, field.list_size));
  } else {
    BOYO_ASSIGN_OR_RETURN(
        offsets, LoadOffsets(node.length, field.arrow_type == fb::Type::LargeList ? 8 : 4));
  }
  BOYO_ASSIGN_OR_RETURN(ArrayPtr child, Load(field.children[0], false));
  return Array::MakeValidated(field.field.type(), node.length, {validity, offsets}, {child});
}

Result<ArrayPtr> ArrayLoader::LoadDictionary(const IpcField& field, const FieldNodeInfo& node,
                                             BufferPtr validity, bool top_level) {
  const int width = field.index_bit_width / 8;
  const int64_t n = node.length;
  BOYO_ASSIGN_OR_RETURN(BufferPtr raw, NextBuffer(n * width));
  BOYO_RETURN_IF_ERROR(RequireSize(raw, static_cast<uint64_t>(n * width), "dictionary indices"));
  BufferPtr indices = raw;
  if (width != 4 || !field.index_signed) {
    std::shared_ptr<Buffer> converted = Buffer::Allocate(static_cast<size_t>(n) * 4);
    int32_t* out = converted->mutable_data_as<int32_t>();
    for (int64_t i = 0; i < n; ++i) {
      if (validity && !columnar::GetBit(validity->data(), i)) continue;
      const uint8_t* p = raw->data() + i * width;
      int64_t value = 0;
      if (field.index_signed) {
        switch (width) {
          case 1:
            value = static_cast<int8_t>(*p);
            break;
          case 2: {
            int16_t v;
            std::memcpy(&v, p, 2);
            value = v;
            break;
          }
          case 4: {
            int32_t v;
            std::memcpy(&v, p, 4);
            value = v;
            break;
          }
          default:
            std::memcpy(&value, p, 8);
            break;
        }
      } else {
        switch (width) {
          case 1:
            value = *p;
            break;
          case 2: {
            uint16_t v;
            std::memcpy(&v, p, 2);
            value = v;
            break;
          }
          default: {
            uint32_t v;
            std::memcpy(&v, p, 4);
            value = v;
            break;
          }
        }
      }
      if (value < 0 || value > kMaxLength) {
        return Status::Corruption("dictionary index " + std::to_string(value) + " at row " +
                                  std::to_string(i) + " is out of range");
      }
      out[i] = static_cast<int32_t>(value);
    }
    indices = std::move(converted);
  }
  BOYO_ASSIGN_OR_RETURN(ArrayPtr dictionary, lookup_(field.dictionary_id));
  if (dictionary->type() != field.field.type()) {
    return Status::Corruption("dictionary " + std::to_string(field.dictionary_id) + " has type " +
                              dictionary->type().ToString() + ", the field needs " +
                              field.field.type().ToString());
  }
  BOYO_ASSIGN_OR_RETURN(
      ArrayPtr array, Array::MakeValidated(field.field.type(), n, {validity, EmptyIfNull(indices)},
                                           {}, dictionary));
  if (top_level && field.field.type().layout() == types::Layout::kVariable) return array;
  return MaterializeDictionary(array);
}

Result<ArrayPtr> ArrayLoader::Load(const IpcField& field, bool top_level) {
  BOYO_ASSIGN_OR_RETURN(const FieldNodeInfo node, NextNode());
  if (field.arrow_type == fb::Type::Null && !field.dictionary_encoded) {
    return Array::MakeValidated(DataType::Null(), node.length, {});
  }
  BOYO_ASSIGN_OR_RETURN(BufferPtr validity, LoadValidity(node));
  if (field.dictionary_encoded) return LoadDictionary(field, node, validity, top_level);
  switch (field.arrow_type) {
    case fb::Type::Utf8:
    case fb::Type::LargeUtf8:
    case fb::Type::Binary:
    case fb::Type::LargeBinary:
      return LoadVariable(field, node, validity);
    case fb::Type::List:
    case fb::Type::LargeList:
    case fb::Type::FixedSizeList:
    case fb::Type::Map:
      return LoadList(field, node, validity);
    case fb::Type::Struct_: {
      std::vector<ArrayPtr> children;
      children.reserve(field.children.size());
      for (const IpcField& child : field.children) {
        BOYO_ASSIGN_OR_RETURN(ArrayPtr loaded, Load(child, false));
        children.push_back(std::move(loaded));
      }
      return Array::MakeValidated(field.field.type(), node.length, {validity}, std::move(children));
    }
    default:
      return LoadFixed(field, node, validity);
  }
}

Result<ArrayPtr> ArrayLoader::LoadColumn(const IpcField& field, size_t node_index,
                                         size_t buffer_index, const BodyWindow& window) {
  node_index_ = node_index;
  buffer_index_ = buffer_index;
  window_ = window;
  Result<ArrayPtr> array = Load(field, true);
  if (array.ok() && (*array)->length() != header_.length) {
    array = Status::Corruption("column has " + std::to_string((*array)->length()) +
                               " rows but its batch has " + std::to_string(header_.length));
  }
  if (!array.ok()) return array.error().WithContext("column \"" + field.field.name + "\"");
  return array;
}

Result<std::vector<ArrayPtr>> ArrayLoader::LoadAll(const std::vector<IpcField>& fields,
                                                   const BodyWindow& window) {
  std::vector<ArrayPtr> columns;
  columns.reserve(fields.size());
  size_t node_index = 0;
  size_t buffer_index = 0;
  for (const IpcField& field : fields) {
    BOYO_ASSIGN_OR_RETURN(ArrayPtr column, LoadColumn(field, node_index, buffer_index, window));
    columns.push_back(std::move(column));
    node_index += field.TotalNodeCount();
    buffer_index += field.TotalBufferCount();
  }
  if (node_index != header_.nodes.size() || buffer_index != header_.buffers.size()) {
    return Status::Corruption("record batch has " + std::to_string(header_.nodes.size()) +
                              " field nodes and " + std::to_string(header_.buffers.size()) +
                              " buffers; its schema needs " + std::to_string(node_index) + " and " +
                              std::to_string(buffer_index));
  }
  return columns;
}

}  // namespace boyodb::formats::ipc
