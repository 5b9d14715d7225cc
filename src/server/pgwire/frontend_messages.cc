#include "server/pgwire/frontend_messages.h"

#include <algorithm>

#include "common/check.h"
#include "common/sqlstate.h"

namespace boyodb::server::pgwire {
namespace {

constexpr size_t kLengthWordBytes = 4;
constexpr size_t kStartupCodeBytes = 4;
constexpr size_t kCancelRequestLength = 16;     // length, code, process id, secret key
constexpr size_t kEncryptionRequestLength = 8;  // length, code

Status ProtocolViolation(std::string message) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation, std::move(message));
}

int32_t DecodeInt32(const char* bytes) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[i]);
  return static_cast<int32_t>(value);
}

int16_t DecodeInt16(const char* bytes) {
  return static_cast<int16_t>((static_cast<uint16_t>(static_cast<uint8_t>(bytes[0])) << 8) |
                              static_cast<uint8_t>(bytes[1]));
}

// A byte for a message: 'X' when printable, else its number.
std::string DescribeByte(char byte) {
  const auto value = static_cast<uint8_t>(byte);
  if (value >= 0x20 && value < 0x7F) return std::string("'") + byte + "'";
  return std::to_string(value);
}

// Reads a message body front to back. Every read checks the bytes left first, so no input
// makes it read out of bounds; errors name the message and the field that did not fit.
class BodyReader {
 public:
  BodyReader(std::string_view body, std::string_view message_name)
      : body_(body), message_name_(message_name) {}

  size_t remaining() const { return body_.size() - position_; }

  Status Error(std::string_view detail) const {
    return ProtocolViolation("invalid message format: " + std::string(message_name_) + " message " +
                             std::string(detail));
  }

  Result<char> ReadByte(std::string_view what) {
    if (remaining() < 1) return EndsBefore(what);
    return body_[position_++];
  }

  Result<int16_t> ReadInt16(std::string_view what) {
    if (remaining() < 2) return EndsBefore(what);
    const int16_t value = DecodeInt16(body_.data() + position_);
    position_ += 2;
    return value;
  }

  Result<int32_t> ReadInt32(std::string_view what) {
    if (remaining() < 4) return EndsBefore(what);
    const int32_t value = DecodeInt32(body_.data() + position_);
    position_ += 4;
    return value;
  }

  // A count (Int16) of items of at least `min_item_bytes` each: refused when negative or when
  // the items could not fit in what is left, so the caller can reserve `count` safely.
  Result<size_t> ReadCount(std::string_view count_name, size_t min_item_bytes,
                           std::string_view items_name) {
    BOYO_ASSIGN_OR_RETURN(const int16_t count, ReadInt16("its " + std::string(count_name)));
    if (count < 0) {
      return Error("has a negative " + std::string(count_name) + " " + std::to_string(count));
    }
    if (static_cast<size_t>(count) * min_item_bytes > remaining()) {
      return Error("ends before its " + std::to_string(count) + " " + std::string(items_name));
    }
    return static_cast<size_t>(count);
  }

  Result<std::string> ReadCString(std::string_view what) {
    const size_t zero = body_.find('\0', position_);
    if (zero == std::string_view::npos) {
      return Error("has no zero byte ending " + std::string(what));
    }
    std::string value(body_.substr(position_, zero - position_));
    position_ = zero + 1;
    return value;
  }

  Result<std::string_view> ReadBytes(size_t num_bytes, std::string_view what) {
    if (remaining() < num_bytes) return EndsBefore(what);
    const std::string_view bytes = body_.substr(position_, num_bytes);
    position_ += num_bytes;
    return bytes;
  }

  Status ExpectEnd() const {
    if (remaining() == 0) return Status::OK();
    const size_t extra = remaining();
    return Error("has " + std::to_string(extra) +
                 (extra == 1 ? " unexpected byte" : " unexpected bytes") + " at its end");
  }

 private:
  Status EndsBefore(std::string_view what) const {
    return Error("ends before " + std::string(what));
  }

  std::string_view body_;
  std::string_view message_name_;
  size_t position_ = 0;
};

Result<FormatCode> ToFormatCode(const BodyReader& reader, int16_t code, std::string_view kind) {
  if (code == 0) return FormatCode::kText;
  if (code == 1) return FormatCode::kBinary;
  return reader.Error("has " + std::string(kind) + " format code " + std::to_string(code) +
                      ", not 0 (text) or 1 (binary)");
}

Result<std::vector<FormatCode>> ReadFormatCodes(BodyReader& reader, std::string_view kind) {
  const std::string kind_text(kind);
  BOYO_ASSIGN_OR_RETURN(const size_t count, reader.ReadCount(kind_text + " format count", 2,
                                                             kind_text + " format codes"));
  std::vector<FormatCode> formats;
  formats.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    // Cannot run short: ReadCount checked that all the codes fit.
    BOYO_ASSIGN_OR_RETURN(const int16_t code, reader.ReadInt16("a format code"));
    BOYO_ASSIGN_OR_RETURN(const FormatCode format, ToFormatCode(reader, code, kind));
    formats.push_back(format);
  }
  return formats;
}

Result<TargetKind> ReadTargetKind(BodyReader& reader) {
  BOYO_ASSIGN_OR_RETURN(const char kind, reader.ReadByte("its target type"));
  if (kind == 'S') return TargetKind::kStatement;
  if (kind == 'P') return TargetKind::kPortal;
  return reader.Error("has target type " + DescribeByte(kind) +
                      ", not 'S' (statement) or 'P' (portal)");
}

Result<FrontendMessage> DecodeQuery(BodyReader& reader) {
  QueryMessage message;
  BOYO_ASSIGN_OR_RETURN(message.sql, reader.ReadCString("the query string"));
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return FrontendMessage(std::move(message));
}

Result<FrontendMessage> DecodeParse(BodyReader& reader) {
  ParseMessage message;
  BOYO_ASSIGN_OR_RETURN(message.statement_name, reader.ReadCString("the statement name"));
  BOYO_ASSIGN_OR_RETURN(message.query, reader.ReadCString("the query string"));
  BOYO_ASSIGN_OR_RETURN(const size_t count,
                        reader.ReadCount("parameter type count", 4, "parameter types"));
  message.parameter_type_oids.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    BOYO_ASSIGN_OR_RETURN(const int32_t type_oid, reader.ReadInt32("a parameter type"));
    message.parameter_type_oids.push_back(static_cast<uint32_t>(type_oid));
  }
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return FrontendMessage(std::move(message));
}

Result<FrontendMessage> DecodeBind(BodyReader& reader) {
  BindMessage message;
  BOYO_ASSIGN_OR_RETURN(message.portal_name, reader.ReadCString("the portal name"));
  BOYO_ASSIGN_OR_RETURN(message.statement_name, reader.ReadCString("the statement name"));
  BOYO_ASSIGN_OR_RETURN(message.parameter_formats, ReadFormatCodes(reader, "parameter"));
  // Each parameter has at least its Int32 length.
  BOYO_ASSIGN_OR_RETURN(const size_t num_parameters,
                        reader.ReadCount("parameter count", 4, "parameters"));
  if (message.parameter_formats.size() > 1 && message.parameter_formats.size() != num_parameters) {
    return reader.Error("has " + std::to_string(message.parameter_formats.size()) +
                        " parameter formats but " + std::to_string(num_parameters) + " parameters");
  }
  message.parameter_values.reserve(num_parameters);
  for (size_t i = 0; i < num_parameters; ++i) {
    // Named 1-based, as $1 is; the text is built only for an error, Bind being per statement.
    const auto parameter = [i] { return "parameter " + std::to_string(i + 1); };
    if (reader.remaining() < 4) return reader.Error("ends before the length of " + parameter());
    BOYO_ASSIGN_OR_RETURN(const int32_t length, reader.ReadInt32("the length of a parameter"));
    if (length == -1) {
      message.parameter_values.emplace_back(std::nullopt);
      continue;
    }
    if (length < 0) {
      return reader.Error("has length " + std::to_string(length) + " for " + parameter());
    }
    if (reader.remaining() < static_cast<size_t>(length)) {
      return reader.Error("ends before the " + std::to_string(length) + "-byte value of " +
                          parameter());
    }
    BOYO_ASSIGN_OR_RETURN(const std::string_view value,
                          reader.ReadBytes(static_cast<size_t>(length), "a parameter value"));
    message.parameter_values.emplace_back(std::string(value));
  }
  BOYO_ASSIGN_OR_RETURN(message.result_formats, ReadFormatCodes(reader, "result"));
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return FrontendMessage(std::move(message));
}

Result<FrontendMessage> DecodeDescribe(BodyReader& reader) {
  DescribeMessage message;
  BOYO_ASSIGN_OR_RETURN(message.kind, ReadTargetKind(reader));
  BOYO_ASSIGN_OR_RETURN(message.name, reader.ReadCString("the name"));
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return FrontendMessage(std::move(message));
}

Result<FrontendMessage> DecodeClose(BodyReader& reader) {
  CloseMessage message;
  BOYO_ASSIGN_OR_RETURN(message.kind, ReadTargetKind(reader));
  BOYO_ASSIGN_OR_RETURN(message.name, reader.ReadCString("the name"));
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return FrontendMessage(std::move(message));
}

Result<FrontendMessage> DecodeExecute(BodyReader& reader) {
  ExecuteMessage message;
  BOYO_ASSIGN_OR_RETURN(message.portal_name, reader.ReadCString("the portal name"));
  BOYO_ASSIGN_OR_RETURN(message.max_rows, reader.ReadInt32("its maximum row count"));
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return FrontendMessage(std::move(message));
}

Result<FrontendMessage> DecodeCopyFail(BodyReader& reader) {
  CopyFailMessage message;
  BOYO_ASSIGN_OR_RETURN(message.error_message, reader.ReadCString("the error message"));
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return FrontendMessage(std::move(message));
}

template <typename EmptyMessage>
Result<FrontendMessage> DecodeEmpty(const BodyReader& reader) {
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return FrontendMessage(EmptyMessage{});
}

// Messages that carry no data get PostgreSQL's small limit (see kSmallMessageLimit).
bool IsSmallMessage(char type) {
  switch (type) {
    case 'S':
    case 'H':
    case 'X':
    case 'D':
    case 'C':
    case 'E':
    case 'c':
    case 'f':
      return true;
    default:
      return false;
  }
}

Status InvalidMessageType(char type) {
  const auto value = static_cast<uint8_t>(type);
  std::string message = "invalid frontend message type " + std::to_string(value);
  if (value >= 0x20 && value < 0x7F) message += " (" + DescribeByte(type) + ")";
  return ProtocolViolation(std::move(message));
}

std::string ProtocolVersionText(uint32_t version) {
  return std::to_string(version >> 16) + "." + std::to_string(version & 0xFFFF);
}

Result<StartupPacket> DecodeStartupMessage(std::string_view body, uint32_t version) {
  StartupMessage message;
  message.minor_version = static_cast<uint16_t>(version & 0xFFFF);
  // Pairs of C strings, ended by an empty name: the zero byte that ends the list must be the
  // packet's last byte.
  size_t position = kStartupCodeBytes;
  const auto read_string = [&](std::string* out) {
    const size_t zero = body.find('\0', position);
    if (zero == std::string_view::npos) return false;
    *out = std::string(body.substr(position, zero - position));
    position = zero + 1;
    return true;
  };
  const Status layout_error =
      ProtocolViolation("invalid startup packet layout: expected terminator as last byte");
  bool have_user = false;
  while (true) {
    std::string name;
    if (!read_string(&name)) return layout_error;
    if (name.empty()) break;
    std::string value;
    if (!read_string(&value)) return layout_error;
    if (name == "user") {
      message.user = value;
      have_user = true;
    } else if (name == "database") {
      message.database = value;
    }
    if (name.starts_with("_pq_.")) {
      message.protocol_options.emplace_back(std::move(name), std::move(value));
    } else {
      message.parameters.emplace_back(std::move(name), std::move(value));
    }
  }
  if (position != body.size()) return layout_error;
  if (!have_user || message.user.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidAuthorizationSpecification,
                  "no user name specified in startup packet");
  }
  return StartupPacket(std::move(message));
}

}  // namespace

Result<size_t> ValidateStartupPacketLength(int32_t announced_length, uint32_t max_length) {
  constexpr int32_t kMinLength = kLengthWordBytes + kStartupCodeBytes;
  if (announced_length < kMinLength || static_cast<uint32_t>(announced_length) > max_length) {
    return ProtocolViolation(
        "invalid length of startup packet: " + std::to_string(announced_length) +
        " bytes (expected " + std::to_string(kMinLength) + " to " + std::to_string(max_length) +
        ")");
  }
  return static_cast<size_t>(announced_length) - kLengthWordBytes;
}

Result<StartupPacket> DecodeStartupPacket(std::string_view body) {
  if (body.size() < kStartupCodeBytes) {
    return ProtocolViolation(
        "invalid length of startup packet: " + std::to_string(body.size() + kLengthWordBytes) +
        " bytes (expected at least 8)");
  }
  const int32_t code = DecodeInt32(body.data());
  const size_t length = body.size() + kLengthWordBytes;
  if (code == kSslRequestCode || code == kGssEncRequestCode) {
    const bool ssl = code == kSslRequestCode;
    if (length != kEncryptionRequestLength) {
      return ProtocolViolation(std::string("invalid length of ") +
                               (ssl ? "SSL request" : "GSSAPI encryption request") + ": " +
                               std::to_string(length) + " bytes, expected 8");
    }
    if (ssl) return StartupPacket(SslRequest{});
    return StartupPacket(GssEncRequest{});
  }
  if (code == kCancelRequestCode) {
    if (length != kCancelRequestLength) {
      return ProtocolViolation("invalid length of cancel request: " + std::to_string(length) +
                               " bytes, expected 16");
    }
    CancelRequest request;
    request.process_id = DecodeInt32(body.data() + 4);
    request.secret_key = DecodeInt32(body.data() + 8);
    return StartupPacket(request);
  }
  const auto version = static_cast<uint32_t>(code);
  if ((version >> 16) != 3) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "unsupported frontend protocol " + ProtocolVersionText(version) +
                      ": server supports 3.0 to 3.0");
  }
  return DecodeStartupMessage(body, version);
}

std::string_view FrontendMessageName(char type) {
  switch (type) {
    case 'Q':
      return "Query";
    case 'P':
      return "Parse";
    case 'B':
      return "Bind";
    case 'D':
      return "Describe";
    case 'E':
      return "Execute";
    case 'S':
      return "Sync";
    case 'H':
      return "Flush";
    case 'C':
      return "Close";
    case 'X':
      return "Terminate";
    case 'd':
      return "CopyData";
    case 'c':
      return "CopyDone";
    case 'f':
      return "CopyFail";
    case 'p':
      return "Password";
    case 'F':
      return "FunctionCall";
    default:
      return "";
  }
}

Result<size_t> ValidateMessageLength(char type, int32_t announced_length, uint32_t max_length) {
  const std::string_view name = FrontendMessageName(type);
  if (name.empty()) return InvalidMessageType(type);
  uint32_t limit = max_length;
  if (IsSmallMessage(type)) limit = std::min(limit, kSmallMessageLimit);
  if (type == 'p') limit = std::min(limit, kMaxAuthenticationMessageLength);
  if (announced_length < static_cast<int32_t>(kLengthWordBytes)) {
    return ProtocolViolation("invalid message length: " + std::string(name) +
                             " message announces " + std::to_string(announced_length) +
                             " bytes, fewer than the 4 of its length field");
  }
  if (static_cast<uint32_t>(announced_length) > limit) {
    return ProtocolViolation("invalid message length: " + std::string(name) + " message of " +
                             std::to_string(announced_length) + " bytes exceeds the limit of " +
                             std::to_string(limit) + " bytes");
  }
  return static_cast<size_t>(announced_length) - kLengthWordBytes;
}

Result<FrontendMessage> DecodeFrontendMessage(char type, std::string_view body) {
  const std::string_view name = FrontendMessageName(type);
  if (name.empty()) return InvalidMessageType(type);
  BodyReader reader(body, name);
  switch (type) {
    case 'Q':
      return DecodeQuery(reader);
    case 'P':
      return DecodeParse(reader);
    case 'B':
      return DecodeBind(reader);
    case 'D':
      return DecodeDescribe(reader);
    case 'E':
      return DecodeExecute(reader);
    case 'S':
      return DecodeEmpty<SyncMessage>(reader);
    case 'H':
      return DecodeEmpty<FlushMessage>(reader);
    case 'C':
      return DecodeClose(reader);
    case 'X':
      return DecodeEmpty<TerminateMessage>(reader);
    case 'd':
      return FrontendMessage(CopyDataMessage{std::string(body)});
    case 'c':
      return DecodeEmpty<CopyDoneMessage>(reader);
    case 'f':
      return DecodeCopyFail(reader);
    case 'p':
      return FrontendMessage(AuthenticationResponseMessage{std::string(body)});
    case 'F':
      return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                    "FunctionCall messages are not supported");
    default:
      return InvalidMessageType(type);
  }
}

Result<PasswordMessage> DecodePasswordMessage(std::string_view body) {
  BodyReader reader(body, "Password");
  PasswordMessage message;
  BOYO_ASSIGN_OR_RETURN(message.password, reader.ReadCString("the password"));
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return message;
}

Result<SaslInitialResponseMessage> DecodeSaslInitialResponse(std::string_view body) {
  BodyReader reader(body, "SASLInitialResponse");
  SaslInitialResponseMessage message;
  BOYO_ASSIGN_OR_RETURN(message.mechanism, reader.ReadCString("the mechanism name"));
  BOYO_ASSIGN_OR_RETURN(const int32_t length, reader.ReadInt32("the length of its data"));
  if (length < -1) return reader.Error("has data length " + std::to_string(length));
  if (length >= 0) {
    BOYO_ASSIGN_OR_RETURN(const std::string_view data,
                          reader.ReadBytes(static_cast<size_t>(length),
                                           "the " + std::to_string(length) + " bytes of its data"));
    message.initial_response = std::string(data);
  }
  BOYO_RETURN_IF_ERROR(reader.ExpectEnd());
  return message;
}

Result<SaslResponseMessage> DecodeSaslResponse(std::string_view body) {
  return SaslResponseMessage{std::string(body)};
}

FormatCode BindMessage::ParameterFormat(size_t index) const {
  BOYO_CHECK_LT(index, parameter_values.size());
  if (parameter_formats.empty()) return FormatCode::kText;
  if (parameter_formats.size() == 1) return parameter_formats[0];
  return parameter_formats[index];
}

FormatCode BindMessage::ResultFormat(size_t index) const {
  if (result_formats.empty()) return FormatCode::kText;
  if (result_formats.size() == 1) return result_formats[0];
  BOYO_CHECK_LT(index, result_formats.size());
  return result_formats[index];
}

Status BindMessage::CheckResultFormatCount(size_t num_columns) const {
  if (result_formats.size() <= 1 || result_formats.size() == num_columns) return Status::OK();
  return ProtocolViolation(
      "invalid message format: Bind message has " + std::to_string(result_formats.size()) +
      " result formats but the query has " + std::to_string(num_columns) + " columns");
}

Status MessageReaderOptions::Validate() const {
  if (max_startup_packet_length < kLengthWordBytes + kStartupCodeBytes) {
    return Status::InvalidArgument("max_startup_packet_length must be at least 8, not " +
                                   std::to_string(max_startup_packet_length));
  }
  if (max_message_length < kLengthWordBytes) {
    return Status::InvalidArgument("max_message_length must be at least 4, not " +
                                   std::to_string(max_message_length));
  }
  return Status::OK();
}

MessageReader::MessageReader(MessageReaderOptions options) : options_(options) {
  BOYO_CHECK(options_.Validate().ok());
}

void MessageReader::Feed(std::string_view bytes) {
  // After a framing error the stream cannot be resynchronized; keeping its bytes is useless.
  if (!error_.ok()) return;
  buffer_.append(bytes);
}

void MessageReader::set_max_message_length(uint32_t max_length) {
  BOYO_CHECK_GE(max_length, kLengthWordBytes);
  options_.max_message_length = max_length;
}

Status MessageReader::Fail(Status status) {
  error_ = std::move(status);
  buffer_.clear();
  buffer_.shrink_to_fit();
  consumed_ = 0;
  return error_;
}

void MessageReader::Consume(size_t num_bytes) {
  consumed_ += num_bytes;
  if (consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ >= 4096 && consumed_ * 2 >= buffer_.size()) {
    // Drop the returned prefix once it outweighs what is left, so the buffer stays bounded
    // by one message plus one read while moving each byte O(1) times on average.
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
}

Result<std::optional<StartupPacket>> MessageReader::NextStartupPacket() {
  if (!error_.ok()) return error_;
  if (buffered_bytes() < kLengthWordBytes) return std::optional<StartupPacket>();
  const int32_t announced_length = DecodeInt32(buffer_.data() + consumed_);
  Result<size_t> body_length =
      ValidateStartupPacketLength(announced_length, options_.max_startup_packet_length);
  if (!body_length.ok()) return Fail(body_length.status());
  if (buffered_bytes() < kLengthWordBytes + *body_length) return std::optional<StartupPacket>();
  Result<StartupPacket> packet = DecodeStartupPacket(
      std::string_view(buffer_).substr(consumed_ + kLengthWordBytes, *body_length));
  Consume(kLengthWordBytes + *body_length);
  if (!packet.ok()) return Fail(packet.status());
  const bool ssl = std::holds_alternative<SslRequest>(*packet);
  if ((ssl || std::holds_alternative<GssEncRequest>(*packet)) && buffered_bytes() > 0) {
    return Fail(ProtocolViolation(std::string("received unencrypted data after ") +
                                  (ssl ? "SSL request" : "GSSAPI encryption request")));
  }
  return std::optional<StartupPacket>(std::move(packet).value());
}

Result<std::optional<RawMessage>> MessageReader::NextMessage() {
  if (!error_.ok()) return error_;
  constexpr size_t kHeaderBytes = 1 + kLengthWordBytes;
  if (buffered_bytes() < kHeaderBytes) return std::optional<RawMessage>();
  const char type = buffer_[consumed_];
  const int32_t announced_length = DecodeInt32(buffer_.data() + consumed_ + 1);
  Result<size_t> body_length =
      ValidateMessageLength(type, announced_length, options_.max_message_length);
  if (!body_length.ok()) return Fail(body_length.status());
  if (buffered_bytes() < kHeaderBytes + *body_length) return std::optional<RawMessage>();
  RawMessage message;
  message.type = type;
  message.body = buffer_.substr(consumed_ + kHeaderBytes, *body_length);
  Consume(kHeaderBytes + *body_length);
  return std::optional<RawMessage>(std::move(message));
}

}  // namespace boyodb::server::pgwire
