// Casts of every scalar type to TEXT, printing values as PostgreSQL's output functions do:
// BOOLEAN as true/false (PostgreSQL's bool-to-text cast), floats via float_format.h, DECIMAL
// with exactly its scale, DATE/TIME/TIMESTAMP in ISO style, TIMESTAMPTZ in the session's time
// zone with its offset ("2024-03-01 14:45:01.25+01"), INTERVAL in the postgres style, UUID in
// lower-case hex with hyphens, BYTEA as \x hex. Other types (unsigned integers, IPv4/IPv6,
// arrays, maps, structs) print as types::Value::ToString does.
// Thread safety: the kernels are stateless and reentrant.
#include <charconv>

#include "functions/cast/cast_internal.h"
#include "functions/cast/float_format.h"
#include "functions/datetime/interval_text.h"
#include "functions/datetime/time_zone.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::TypeId;
using Uuid = std::array<uint8_t, 16>;
using types::Int128;

constexpr char kHexDigits[] = "0123456789abcdef";

template <typename T>
Status IntegerText(T value, std::string* out) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  out->append(buffer, result.ptr);
  return Status::OK();
}

sql::CastKernel TimestampTzText() {
  return [](const columnar::ArrayPtr& input,
            const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    BOYO_ASSIGN_OR_RETURN(const TimeZone zone, TimeZone::Find(context.time_zone));
    const columnar::ArrayPtr args[] = {input};
    return MapRows<StringResult, int64_t>(args, input->length(), DataType::String(),
                                          [&zone](int64_t utc, std::string* out) {
                                            out->append(FormatTimestampTz(utc, zone));
                                            return Status::OK();
                                          });
  };
}

// Value::ToString, for the types PostgreSQL has no counterpart of.
sql::CastKernel ValueText() {
  return
      [](const columnar::ArrayPtr& input, const sql::EvalContext&) -> Result<columnar::ArrayPtr> {
        columnar::BinaryBuilder builder(DataType::String());
        for (int64_t i = 0; i < input->length(); ++i) {
          if (input->IsNull(i)) {
            builder.AppendNull();
          } else {
            builder.Append(input->GetValue(i).ToString());
          }
        }
        return builder.Finish();
      };
}

}  // namespace

sql::CastKernel FindToTextCast(const DataType& from) {
  const DataType text = DataType::String();
  switch (from.id()) {
    case TypeId::kBoolean:
      return RowCast<bool, StringResult>(text, [](bool value, std::string* out) {
        out->append(value ? "true" : "false");
        return Status::OK();
      });
    case TypeId::kInt8:
      return RowCast<int8_t, StringResult>(text, IntegerText<int8_t>);
    case TypeId::kInt16:
      return RowCast<int16_t, StringResult>(text, IntegerText<int16_t>);
    case TypeId::kInt32:
      return RowCast<int32_t, StringResult>(text, IntegerText<int32_t>);
    case TypeId::kInt64:
      return RowCast<int64_t, StringResult>(text, IntegerText<int64_t>);
    case TypeId::kUInt8:
      return RowCast<uint8_t, StringResult>(text, IntegerText<uint8_t>);
    case TypeId::kUInt16:
      return RowCast<uint16_t, StringResult>(text, IntegerText<uint16_t>);
    case TypeId::kUInt32:
      return RowCast<uint32_t, StringResult>(text, IntegerText<uint32_t>);
    case TypeId::kUInt64:
      return RowCast<uint64_t, StringResult>(text, IntegerText<uint64_t>);
    case TypeId::kFloat32:
      return RowCast<float, StringResult>(text, [](float value, std::string* out) {
        AppendFloat32(value, out);
        return Status::OK();
      });
    case TypeId::kFloat64:
      return RowCast<double, StringResult>(text, [](double value, std::string* out) {
        AppendFloat64(value, out);
        return Status::OK();
      });
    case TypeId::kDecimal:
      return RowCast<Int128, StringResult>(text,
                                           [scale = from.scale()](Int128 value, std::string* out) {
                                             out->append(types::DecimalToString(value, scale));
                                             return Status::OK();
                                           });
    case TypeId::kString:
    case TypeId::kJson:
      return RowCast<std::string_view, StringResult>(text,
                                                     [](std::string_view value, std::string* out) {
                                                       out->append(value);
                                                       return Status::OK();
                                                     });
    case TypeId::kBinary:
      return RowCast<std::string_view, StringResult>(text,
                                                     [](std::string_view value, std::string* out) {
                                                       out->append("\\x");
                                                       for (const char c : value) {
                                                         const auto byte = static_cast<uint8_t>(c);
                                                         out->push_back(kHexDigits[byte >> 4]);
                                                         out->push_back(kHexDigits[byte & 15]);
                                                       }
                                                       return Status::OK();
                                                     });
    case TypeId::kDate:
      return RowCast<int32_t, StringResult>(text, [](int32_t days, std::string* out) {
        out->append(types::FormatDate(days));
        return Status::OK();
      });
    case TypeId::kTime:
      return RowCast<int64_t, StringResult>(text, [](int64_t micros, std::string* out) {
        out->append(types::FormatTime(micros));
        return Status::OK();
      });
    case TypeId::kTimestamp:
      return RowCast<int64_t, StringResult>(text, [](int64_t micros, std::string* out) {
        out->append(types::FormatTimestamp(micros));
        return Status::OK();
      });
    case TypeId::kTimestampTz:
      return TimestampTzText();
    case TypeId::kInterval:
      return RowCast<types::IntervalValue, StringResult>(
          text, [](const types::IntervalValue& value, std::string* out) {
            AppendInterval(value, out);
            return Status::OK();
          });
    case TypeId::kUuid:
      return RowCast<Uuid, StringResult>(text, [](const Uuid& value, std::string* out) {
        for (size_t i = 0; i < value.size(); ++i) {
          if (i == 4 || i == 6 || i == 8 || i == 10) out->push_back('-');
          out->push_back(kHexDigits[value[i] >> 4]);
          out->push_back(kHexDigits[value[i] & 15]);
        }
        return Status::OK();
      });
    case TypeId::kIpv4:
    case TypeId::kIpv6:
    case TypeId::kList:
    case TypeId::kMap:
    case TypeId::kStruct:
      return ValueText();
    case TypeId::kNull:
      return nullptr;
  }
  return nullptr;
}

}  // namespace boyodb::functions
