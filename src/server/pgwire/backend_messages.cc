#include "server/pgwire/backend_messages.h"

#include <climits>
#include <utility>

#include "common/check.h"
#include "common/sqlstate.h"

namespace boyodb::server::pgwire {
namespace {

// Authentication request codes (the Int32 after 'R').
constexpr int32_t kAuthenticationOk = 0;
constexpr int32_t kAuthenticationCleartextPassword = 3;
constexpr int32_t kAuthenticationMd5Password = 5;
constexpr int32_t kAuthenticationSasl = 10;
constexpr int32_t kAuthenticationSaslContinue = 11;
constexpr int32_t kAuthenticationSaslFinal = 12;

// The largest value of the Int32 length word, which counts itself and the body.
constexpr size_t kMaxMessageLength = INT32_MAX;

std::string_view UpToFirstNul(std::string_view text) { return text.substr(0, text.find('\0')); }

Status LimitExceeded(std::string message) {
  return Status(StatusCode::kResourceExhausted, sqlstate::kProgramLimitExceeded,
                std::move(message));
}

Status CheckCount(size_t count, std::string_view what) {
  if (count <= static_cast<size_t>(INT16_MAX)) return Status::OK();
  return LimitExceeded(std::string(what) + " has " + std::to_string(count) +
                       " entries, more than the protocol's limit of 32767");
}

Status CheckMessageLength(size_t length, std::string_view what) {
  if (length <= kMaxMessageLength) return Status::OK();
  return LimitExceeded(std::string(what) + " message of " + std::to_string(length) +
                       " bytes exceeds the protocol's limit of 2147483647 bytes");
}

}  // namespace

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "ERROR";
    case Severity::kFatal:
      return "FATAL";
    case Severity::kPanic:
      return "PANIC";
    case Severity::kWarning:
      return "WARNING";
    case Severity::kNotice:
      return "NOTICE";
    case Severity::kDebug:
      return "DEBUG";
    case Severity::kInfo:
      return "INFO";
    case Severity::kLog:
      return "LOG";
  }
  return "ERROR";
}

ErrorFields ErrorFields::FromStatus(const Status& status, Severity severity) {
  BOYO_CHECK(!status.ok());
  ErrorFields fields;
  fields.severity = severity;
  fields.sqlstate = std::string(status.sqlstate());
  // PostgreSQL puts where an error happened ("COPY t, line 3, column b") in the CONTEXT
  // field, which psql prints on a line of its own.
  fields.message = std::string(status.message());
  std::string where;
  for (const std::string& context : status.context()) {
    where += (where.empty() ? "" : "\n") + context;
  }
  if (!where.empty()) fields.where = std::move(where);
  if (status.position() > 0) fields.position = status.position();
  return fields;
}

FieldDescription FieldDescription::ForColumn(std::string name, const types::DataType& type,
                                             FormatCode format) {
  const PgTypeInfo info = PgTypeFor(type);
  FieldDescription field;
  field.name = std::move(name);
  field.type_oid = info.oid;
  field.type_size = info.typlen;
  field.type_modifier = info.typmod;
  field.format = format;
  return field;
}

std::string MessageWriter::TakeData() {
  std::string data = std::move(buffer_);
  buffer_.clear();
  return data;
}

void MessageWriter::AppendInt16(int16_t value) {
  const auto bits = static_cast<uint16_t>(value);
  buffer_.push_back(static_cast<char>(bits >> 8));
  buffer_.push_back(static_cast<char>(bits & 0xFF));
}

void MessageWriter::AppendInt32(int32_t value) {
  const auto bits = static_cast<uint32_t>(value);
  for (int shift = 24; shift >= 0; shift -= 8) {
    buffer_.push_back(static_cast<char>((bits >> shift) & 0xFF));
  }
}

void MessageWriter::AppendCString(std::string_view text) {
  buffer_.append(UpToFirstNul(text));
  buffer_.push_back('\0');
}

size_t MessageWriter::BeginMessage(char type) {
  const size_t start = buffer_.size();
  buffer_.push_back(type);
  AppendInt32(0);  // patched by EndMessage
  return start;
}

void MessageWriter::EndMessage(size_t start) {
  const size_t length = buffer_.size() - start - 1;  // everything after the type byte
  BOYO_CHECK_LE(length, size_t{INT32_MAX});
  const auto bits = static_cast<uint32_t>(length);
  for (int i = 0; i < 4; ++i) {
    buffer_[start + 1 + i] = static_cast<char>((bits >> (24 - 8 * i)) & 0xFF);
  }
}

void MessageWriter::WriteEmptyMessage(char type) { EndMessage(BeginMessage(type)); }

void MessageWriter::WriteSslRequestAnswer(bool accept) { buffer_.push_back(accept ? 'S' : 'N'); }

void MessageWriter::WriteAuthenticationRequest(int32_t code, std::string_view payload) {
  const size_t start = BeginMessage('R');
  AppendInt32(code);
  buffer_.append(payload);
  EndMessage(start);
}

void MessageWriter::WriteAuthenticationOk() { WriteAuthenticationRequest(kAuthenticationOk, ""); }

void MessageWriter::WriteAuthenticationCleartextPassword() {
  WriteAuthenticationRequest(kAuthenticationCleartextPassword, "");
}

void MessageWriter::WriteAuthenticationMd5Password(const std::array<char, 4>& salt) {
  WriteAuthenticationRequest(kAuthenticationMd5Password,
                             std::string_view(salt.data(), salt.size()));
}

void MessageWriter::WriteAuthenticationSasl(std::span<const std::string_view> mechanisms) {
  const size_t start = BeginMessage('R');
  AppendInt32(kAuthenticationSasl);
  for (const std::string_view mechanism : mechanisms) AppendCString(mechanism);
  buffer_.push_back('\0');  // an empty name ends the list
  EndMessage(start);
}

void MessageWriter::WriteAuthenticationSaslContinue(std::string_view data) {
  WriteAuthenticationRequest(kAuthenticationSaslContinue, data);
}

void MessageWriter::WriteAuthenticationSaslFinal(std::string_view data) {
  WriteAuthenticationRequest(kAuthenticationSaslFinal, data);
}

void MessageWriter::WriteParameterStatus(std::string_view name, std::string_view value) {
  const size_t start = BeginMessage('S');
  AppendCString(name);
  AppendCString(value);
  EndMessage(start);
}

void MessageWriter::WriteBackendKeyData(int32_t process_id, int32_t secret_key) {
  const size_t start = BeginMessage('K');
  AppendInt32(process_id);
  AppendInt32(secret_key);
  EndMessage(start);
}

void MessageWriter::WriteReadyForQuery(TransactionStatus status) {
  const size_t start = BeginMessage('Z');
  buffer_.push_back(static_cast<char>(status));
  EndMessage(start);
}

Status MessageWriter::WriteRowDescription(std::span<const FieldDescription> fields) {
  BOYO_RETURN_IF_ERROR(CheckCount(fields.size(), "RowDescription"));
  const size_t start = BeginMessage('T');
  AppendInt16(static_cast<int16_t>(fields.size()));
  for (const FieldDescription& field : fields) {
    AppendCString(field.name);
    AppendInt32(static_cast<int32_t>(field.table_oid));
    AppendInt16(field.column_attribute_number);
    AppendInt32(static_cast<int32_t>(field.type_oid));
    AppendInt16(field.type_size);
    AppendInt32(field.type_modifier);
    AppendInt16(static_cast<int16_t>(field.format));
  }
  EndMessage(start);
  return Status::OK();
}

Status MessageWriter::WriteDataRow(std::span<const std::optional<std::string_view>> values) {
  BOYO_RETURN_IF_ERROR(CheckCount(values.size(), "DataRow"));
  // Sized first, so a refused row leaves nothing behind and a row that fits is one allocation.
  size_t length = 4 + 2;  // length word and column count
  for (const std::optional<std::string_view>& value : values) {
    length += 4 + (value.has_value() ? value->size() : 0);
  }
  BOYO_RETURN_IF_ERROR(CheckMessageLength(length, "DataRow"));
  buffer_.reserve(buffer_.size() + 1 + length);
  const size_t start = BeginMessage('D');
  AppendInt16(static_cast<int16_t>(values.size()));
  for (const std::optional<std::string_view>& value : values) {
    if (!value.has_value()) {
      AppendInt32(-1);
      continue;
    }
    AppendInt32(static_cast<int32_t>(value->size()));
    buffer_.append(*value);
  }
  EndMessage(start);
  return Status::OK();
}

void MessageWriter::WriteCommandComplete(std::string_view tag) {
  const size_t start = BeginMessage('C');
  AppendCString(tag);
  EndMessage(start);
}

void MessageWriter::WriteEmptyQueryResponse() { WriteEmptyMessage('I'); }

void MessageWriter::WriteErrorResponse(const ErrorFields& fields) {
  WriteErrorOrNotice('E', fields);
}

void MessageWriter::WriteNoticeResponse(const ErrorFields& fields) {
  WriteErrorOrNotice('N', fields);
}

void MessageWriter::WriteErrorOrNotice(char type, const ErrorFields& fields) {
  const size_t start = BeginMessage(type);
  const auto field = [&](char code, std::string_view value) {
    buffer_.push_back(code);
    AppendCString(value);
  };
  const auto optional_field = [&](char code, const std::optional<std::string>& value) {
    if (value.has_value()) field(code, *value);
  };
  const auto optional_number = [&](char code, const std::optional<int32_t>& value) {
    if (value.has_value()) field(code, std::to_string(*value));
  };
  // The order PostgreSQL's send_message_to_frontend uses, so captures compare easily.
  field('S', SeverityName(fields.severity));
  field('V', SeverityName(fields.severity));
  field('C', fields.sqlstate);
  field('M', fields.message);
  optional_field('D', fields.detail);
  optional_field('H', fields.hint);
  optional_number('P', fields.position);
  optional_number('p', fields.internal_position);
  optional_field('q', fields.internal_query);
  optional_field('W', fields.where);
  optional_field('s', fields.schema_name);
  optional_field('t', fields.table_name);
  optional_field('c', fields.column_name);
  optional_field('d', fields.data_type_name);
  optional_field('n', fields.constraint_name);
  optional_field('F', fields.file);
  optional_number('L', fields.line);
  optional_field('R', fields.routine);
  buffer_.push_back('\0');  // a zero field type ends the list
  EndMessage(start);
}

void MessageWriter::WriteParseComplete() { WriteEmptyMessage('1'); }
void MessageWriter::WriteBindComplete() { WriteEmptyMessage('2'); }
void MessageWriter::WriteCloseComplete() { WriteEmptyMessage('3'); }
void MessageWriter::WriteNoData() { WriteEmptyMessage('n'); }
void MessageWriter::WritePortalSuspended() { WriteEmptyMessage('s'); }

Status MessageWriter::WriteParameterDescription(std::span<const uint32_t> type_oids) {
  BOYO_RETURN_IF_ERROR(CheckCount(type_oids.size(), "ParameterDescription"));
  const size_t start = BeginMessage('t');
  AppendInt16(static_cast<int16_t>(type_oids.size()));
  for (const uint32_t type_oid : type_oids) AppendInt32(static_cast<int32_t>(type_oid));
  EndMessage(start);
  return Status::OK();
}

Status MessageWriter::WriteCopyResponse(char type, FormatCode overall_format,
                                        std::span<const FormatCode> column_formats) {
  BOYO_RETURN_IF_ERROR(
      CheckCount(column_formats.size(), type == 'G' ? "CopyInResponse" : "CopyOutResponse"));
  const size_t start = BeginMessage(type);
  buffer_.push_back(static_cast<char>(overall_format));  // Int8
  AppendInt16(static_cast<int16_t>(column_formats.size()));
  for (const FormatCode format : column_formats) AppendInt16(static_cast<int16_t>(format));
  EndMessage(start);
  return Status::OK();
}

Status MessageWriter::WriteCopyInResponse(FormatCode overall_format,
                                          std::span<const FormatCode> column_formats) {
  return WriteCopyResponse('G', overall_format, column_formats);
}

Status MessageWriter::WriteCopyOutResponse(FormatCode overall_format,
                                           std::span<const FormatCode> column_formats) {
  return WriteCopyResponse('H', overall_format, column_formats);
}

Status MessageWriter::WriteCopyData(std::string_view data) {
  BOYO_RETURN_IF_ERROR(CheckMessageLength(4 + data.size(), "CopyData"));
  const size_t start = BeginMessage('d');
  buffer_.append(data);
  EndMessage(start);
  return Status::OK();
}

void MessageWriter::WriteCopyDone() { WriteEmptyMessage('c'); }

void MessageWriter::WriteNegotiateProtocolVersion(
    int32_t newest_version, std::span<const std::string> unrecognized_options) {
  const size_t start = BeginMessage('v');
  AppendInt32(newest_version);
  AppendInt32(static_cast<int32_t>(unrecognized_options.size()));
  for (const std::string& option : unrecognized_options) AppendCString(option);
  EndMessage(start);
}

}  // namespace boyodb::server::pgwire
