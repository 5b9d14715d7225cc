// Casts of TEXT to every scalar type, reading values as PostgreSQL's input functions do:
// numbers and booleans through number_parsing.h, DATE/TIME/TIMESTAMP in ISO form (surrounding
// whitespace allowed), TIMESTAMPTZ with an explicit offset or else in the session's time zone,
// INTERVAL through interval_text.h, UUID in PostgreSQL's accepted spellings (braces, upper
// case, hyphens after any group of four digits), BYTEA in hex (\x...) or escape format, and
// JSON checked for well-formedness, IPV4 and IPV6 addresses as inet_pton reads them.
// Thread safety: the kernels are stateless and reentrant.
#include <arpa/inet.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "common/sqlstate.h"
#include "functions/cast/cast_internal.h"
#include "functions/cast/number_parsing.h"
#include "functions/datetime/interval_text.h"
#include "functions/datetime/time_zone.h"
#include "functions/function_errors.h"
#include "types/datetime.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using types::TypeId;
using SV = std::string_view;
using types::Int128;
using Uuid = std::array<uint8_t, 16>;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

template <typename T>
sql::CastKernel SignedInput(const DataType& to) {
  return RowCast<SV, T>(to, [id = to.id()](SV text, T* out) -> Status {
    BOYO_ASSIGN_OR_RETURN(const int64_t value, ParseInteger(text, id));
    *out = static_cast<T>(value);
    return Status::OK();
  });
}

template <typename T>
sql::CastKernel UnsignedInput(const DataType& to) {
  return RowCast<SV, T>(to, [id = to.id()](SV text, T* out) -> Status {
    BOYO_ASSIGN_OR_RETURN(const uint64_t value, ParseUnsigned(text, id));
    *out = static_cast<T>(value);
    return Status::OK();
  });
}

Status ParseUuid(SV text, Uuid* out) {
  // PostgreSQL's string_to_uuid.
  size_t pos = 0;
  const bool braces = !text.empty() && text[0] == '{';
  if (braces) ++pos;
  for (size_t i = 0; i < 16; ++i) {
    if (pos + 1 >= text.size()) return InvalidTextRepresentation("uuid", text);
    const int high = HexValue(text[pos]), low = HexValue(text[pos + 1]);
    if (high < 0 || low < 0) return InvalidTextRepresentation("uuid", text);
    (*out)[i] = static_cast<uint8_t>(high << 4 | low);
    pos += 2;
    if (i % 2 == 1 && i < 15 && pos < text.size() && text[pos] == '-') ++pos;
  }
  if (braces) {
    if (pos >= text.size() || text[pos] != '}') return InvalidTextRepresentation("uuid", text);
    ++pos;
  }
  if (pos != text.size()) return InvalidTextRepresentation("uuid", text);
  return Status::OK();
}

// An address alone (as ClickHouse's IPv4 and IPv6 take it), surrounding whitespace allowed;
// a netmask ("/24") is refused, since the type holds one host.
Status ParseIpv4(SV original, uint32_t* out) {
  const std::string text(TrimWhitespace(original));
  in_addr address{};
  if (inet_pton(AF_INET, text.c_str(), &address) != 1) {
    return InvalidTextRepresentation("ipv4", original);
  }
  *out = ntohl(address.s_addr);
  return Status::OK();
}

Status ParseIpv6(SV original, Uuid* out) {
  const std::string text(TrimWhitespace(original));
  in6_addr address{};
  if (inet_pton(AF_INET6, text.c_str(), &address) != 1) {
    return InvalidTextRepresentation("ipv6", original);
  }
  std::copy(std::begin(address.s6_addr), std::end(address.s6_addr), out->begin());
  return Status::OK();
}

Status ParseBytea(SV text, std::string* out) {
  if (text.starts_with("\\x")) {
    // Hex format; whitespace may separate the digit pairs.
    for (size_t pos = 2; pos < text.size();) {
      const char c = text[pos];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++pos;
        continue;
      }
      const int high = HexValue(c);
      if (high < 0) {
        return InvalidValue(sqlstate::kInvalidParameterValue,
                            "invalid hexadecimal digit: \"" + std::string(1, c) + "\"");
      }
      if (pos + 1 >= text.size()) {
        return InvalidValue(sqlstate::kInvalidParameterValue,
                            "invalid hexadecimal data: odd number of digits");
      }
      const int low = HexValue(text[pos + 1]);
      if (low < 0) {
        return InvalidValue(sqlstate::kInvalidParameterValue,
                            "invalid hexadecimal digit: \"" + std::string(1, text[pos + 1]) + "\"");
      }
      out->push_back(static_cast<char>(high << 4 | low));
      pos += 2;
    }
    return Status::OK();
  }
  // Escape format: \\ is a backslash, \ooo an octal byte, anything else itself.
  for (size_t pos = 0; pos < text.size();) {
    if (text[pos] != '\\') {
      out->push_back(text[pos++]);
      continue;
    }
    if (pos + 1 < text.size() && text[pos + 1] == '\\') {
      out->push_back('\\');
      pos += 2;
      continue;
    }
    if (pos + 3 < text.size() + 0 && text[pos + 1] >= '0' && text[pos + 1] <= '3' &&
        text[pos + 2] >= '0' && text[pos + 2] <= '7' && text[pos + 3] >= '0' &&
        text[pos + 3] <= '7') {
      out->push_back(static_cast<char>((text[pos + 1] - '0') << 6 | (text[pos + 2] - '0') << 3 |
                                       (text[pos + 3] - '0')));
      pos += 4;
      continue;
    }
    return InvalidValue(sqlstate::kInvalidTextRepresentation,
                        "invalid input syntax for type bytea");
  }
  return Status::OK();
}

// Where the UTC offset ("Z", "+02", "-05:30") of an ISO timestamp text starts, or npos.
size_t OffsetStart(SV text) {
  // The date is "YYYY-MM-DD" (its hyphens come first); an offset sign or Z follows the time.
  const size_t time_start = text.find_first_of(" T", 8);
  if (time_start == SV::npos) return SV::npos;
  return text.find_first_of("+-Z", time_start + 1);
}

// Errors of types::Parse* name the type they read; say which type was being read, in
// PostgreSQL's words.
Status RenameDatetimeError(const Status& status, SV type_name, SV original) {
  if (status.sqlstate() == sqlstate::kInvalidDatetimeFormat) {
    return InvalidValue(sqlstate::kInvalidDatetimeFormat, "invalid input syntax for type " +
                                                              std::string(type_name) + ": \"" +
                                                              std::string(original) + "\"");
  }
  if (status.sqlstate() == sqlstate::kDatetimeFieldOverflow) {
    return InvalidValue(sqlstate::kDatetimeFieldOverflow,
                        "date/time field value out of range: \"" + std::string(original) + "\"");
  }
  return status;
}

// TIMESTAMP ignores a written offset, as PostgreSQL's timestamp_in does.
Status ParseTimestampText(SV original, int64_t* out) {
  SV text = TrimWhitespace(original);
  const size_t offset = OffsetStart(text);
  if (offset != SV::npos) text = text.substr(0, offset);
  Result<int64_t> parsed = types::ParseTimestamp(text);
  if (!parsed.ok()) return RenameDatetimeError(parsed.status(), "timestamp", original);
  *out = *parsed;
  return Status::OK();
}

// DATE also reads a timestamp text and keeps its date.
Status ParseDateText(SV original, int32_t* out) {
  const SV text = TrimWhitespace(original);
  Result<int32_t> parsed = types::ParseDate(text);
  if (parsed.ok()) {
    *out = *parsed;
    return Status::OK();
  }
  int64_t micros = 0;
  if (text.find_first_of(" T", 8) == SV::npos || !ParseTimestampText(text, &micros).ok()) {
    return RenameDatetimeError(parsed.status(), "date", original);
  }
  const int64_t days = micros / types::kMicrosPerDay - (micros % types::kMicrosPerDay < 0 ? 1 : 0);
  *out = static_cast<int32_t>(days);
  return Status::OK();
}

sql::CastKernel TimestampTzInput() {
  return [](const columnar::ArrayPtr& input,
            const sql::EvalContext& context) -> Result<columnar::ArrayPtr> {
    // The zone is needed only for texts without an offset; resolve it lazily, once.
    std::optional<Result<TimeZone>> zone;
    const columnar::ArrayPtr args[] = {input};
    return MapRows<int64_t, SV>(
        args, input->length(), DataType::TimestampTz(), [&](SV original, int64_t* out) -> Status {
          const SV text = TrimWhitespace(original);
          Result<int64_t> parsed = types::ParseTimestamp(text);
          if (!parsed.ok()) {
            return RenameDatetimeError(parsed.status(), "timestamp with time zone", original);
          }
          if (OffsetStart(text) != SV::npos || !types::IsFiniteTimestamp(*parsed)) {
            *out = *parsed;
            return Status::OK();
          }
          if (!zone) zone = TimeZone::Find(context.time_zone);
          BOYO_RETURN_IF_ERROR(*zone);
          *out = (*zone)->ToUtcMicros(*parsed);
          return Status::OK();
        });
  };
}

}  // namespace

sql::CastKernel FindFromTextCast(const DataType& to) {
  switch (to.id()) {
    case TypeId::kBoolean:
      return RowCast<SV, bool>(to, [](SV text, bool* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(*out, ParseBoolean(text));
        return Status::OK();
      });
    case TypeId::kInt8:
      return SignedInput<int8_t>(to);
    case TypeId::kInt16:
      return SignedInput<int16_t>(to);
    case TypeId::kInt32:
      return SignedInput<int32_t>(to);
    case TypeId::kInt64:
      return SignedInput<int64_t>(to);
    case TypeId::kUInt8:
      return UnsignedInput<uint8_t>(to);
    case TypeId::kUInt16:
      return UnsignedInput<uint16_t>(to);
    case TypeId::kUInt32:
      return UnsignedInput<uint32_t>(to);
    case TypeId::kUInt64:
      return UnsignedInput<uint64_t>(to);
    case TypeId::kFloat32:
      return RowCast<SV, float>(to, [](SV text, float* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(*out, ParseFloat32(text));
        return Status::OK();
      });
    case TypeId::kFloat64:
      return RowCast<SV, double>(to, [](SV text, double* out) -> Status {
        BOYO_ASSIGN_OR_RETURN(*out, ParseFloat64(text));
        return Status::OK();
      });
    case TypeId::kDecimal:
      return RowCast<SV, Int128>(
          to, [precision = to.precision(), scale = to.scale()](SV text, Int128* out) -> Status {
            BOYO_ASSIGN_OR_RETURN(*out, ParseDecimal(text, precision, scale));
            return Status::OK();
          });
    case TypeId::kBinary:
      return RowCast<SV, StringResult>(to, ParseBytea);
    case TypeId::kJson:
      return RowCast<SV, StringResult>(to, [](SV text, std::string* out) -> Status {
        if (!nlohmann::json::accept(text)) {
          return InvalidValue(sqlstate::kInvalidTextRepresentation,
                              "invalid input syntax for type json");
        }
        out->append(text);
        return Status::OK();
      });
    case TypeId::kDate:
      return RowCast<SV, int32_t>(to, ParseDateText);
    case TypeId::kTime:
      return RowCast<SV, int64_t>(to, [](SV original, int64_t* out) -> Status {
        Result<int64_t> parsed = types::ParseTime(TrimWhitespace(original));
        if (!parsed.ok()) return RenameDatetimeError(parsed.status(), "time", original);
        *out = *parsed;
        return Status::OK();
      });
    case TypeId::kTimestamp:
      return RowCast<SV, int64_t>(to, ParseTimestampText);
    case TypeId::kTimestampTz:
      return TimestampTzInput();
    case TypeId::kInterval:
      return RowCast<SV, types::IntervalValue>(to,
                                               [](SV text, types::IntervalValue* out) -> Status {
                                                 BOYO_ASSIGN_OR_RETURN(*out, ParseInterval(text));
                                                 return Status::OK();
                                               });
    case TypeId::kUuid:
      return RowCast<SV, Uuid>(to, ParseUuid);
    case TypeId::kIpv4:
      return RowCast<SV, uint32_t>(to, ParseIpv4);
    case TypeId::kIpv6:
      return RowCast<SV, Uuid>(to, ParseIpv6);
    default:
      return nullptr;
  }
}

}  // namespace boyodb::functions
