// Messages a PostgreSQL client sends (protocol 3.0, "Frontend/Backend Protocol" chapter of the
// PostgreSQL manual): the untyped startup-phase packets, the typed messages after them, their
// decoding into structs, and MessageReader, which cuts a byte stream into messages with any I/O.
// Nothing here touches a socket. Every decoder takes untrusted bytes: it never reads out of
// bounds, never allocates more than the bytes it was given, and reports malformed input as a
// Status with SQLSTATE 08P01 (protocol_violation) and a message naming what is wrong.
// Thread safety: the functions are pure; a MessageReader belongs to one connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/result.h"
#include "server/pgwire/pg_types.h"

namespace boyodb::server::pgwire {

/// Protocol 3.0 as StartupMessage carries it: major version << 16 | minor version.
inline constexpr int32_t kProtocolVersion30 = 3 << 16;
/// The codes in place of a protocol version that make a startup packet a request instead.
inline constexpr int32_t kCancelRequestCode = (1234 << 16) | 5678;
inline constexpr int32_t kSslRequestCode = (1234 << 16) | 5679;
inline constexpr int32_t kGssEncRequestCode = (1234 << 16) | 5680;

/// PostgreSQL's limit on a startup packet (MAX_STARTUP_PACKET_LENGTH), length word included.
inline constexpr uint32_t kDefaultMaxStartupPacketLength = 10000;
/// Default limit on a typed message, type byte excluded, length word included.
inline constexpr uint32_t kDefaultMaxMessageLength = uint32_t{1} << 30;
/// PostgreSQL's PQ_SMALL_MESSAGE_LIMIT: messages that carry no data (Sync, Flush, Terminate,
/// Describe, Close, Execute, CopyDone, CopyFail) are refused above it whatever the caller's
/// limit, so a client cannot make the server buffer a gigabyte it never needed.
inline constexpr uint32_t kSmallMessageLimit = 10000;
/// PostgreSQL's PG_MAX_AUTH_TOKEN_LENGTH, the limit for 'p' (password and SASL) messages.
inline constexpr uint32_t kMaxAuthenticationMessageLength = 65535;

// ---- Startup phase: Int32 length (including itself), Int32 code, body. -------------------

/// StartupMessage. The caller answers a minor version above 0 or any protocol option with
/// NegotiateProtocolVersion (protocol 3.0, options listed as not recognized).
struct StartupMessage {
  uint16_t minor_version = 0;  // the major version is always 3
  /// Every "name", "value" pair in the order sent, except the "_pq_." protocol options.
  std::vector<std::pair<std::string, std::string>> parameters;
  /// The pairs whose name starts with "_pq_.", in the order sent.
  std::vector<std::pair<std::string, std::string>> protocol_options;
  std::string user;      // the "user" parameter (the last one if repeated); never empty
  std::string database;  // the "database" parameter; empty when absent (PostgreSQL then uses
                         // the user name)
};
struct SslRequest {};
struct GssEncRequest {};
struct CancelRequest {
  int32_t process_id = 0;
  int32_t secret_key = 0;
};
using StartupPacket = std::variant<StartupMessage, SslRequest, GssEncRequest, CancelRequest>;

/// Checks the Int32 that starts a startup packet, before the body is read or allocated, and
/// returns the body's length (announced_length - 4). 08P01 "invalid length of startup packet"
/// with the value when it is below 8 (length and code) or above `max_length`.
Result<size_t> ValidateStartupPacketLength(int32_t announced_length, uint32_t max_length);

/// Decodes a startup packet's body: the bytes after the length word, starting with the code.
/// Errors: 0A000 "unsupported frontend protocol X.Y: server supports 3.0 to 3.0" for a major
/// version other than 3; 28000 when StartupMessage has no "user" (or an empty one); 08P01 for a
/// parameter list that does not end in the terminating zero byte as its last byte, for a body
/// shorter than its code, and for SSLRequest, GSSENCRequest or CancelRequest of the wrong
/// length. A CancelRequest must be 16 bytes: protocol 3.2 allows longer secret keys, but we
/// speak 3.0 and send 4-byte keys in BackendKeyData.
Result<StartupPacket> DecodeStartupPacket(std::string_view body);

// ---- After startup: Byte1 type, Int32 length (including itself), body. -------------------

/// Checks a typed message's header before its body is read or allocated and returns the body's
/// length (announced_length - 4). The limit is the smallest of `max_length`,
/// kSmallMessageLimit for data-less types and kMaxAuthenticationMessageLength for 'p'.
/// 08P01 "invalid frontend message type ..." for a type byte clients do not send;
/// 08P01 "invalid message length: ..." for a length below 4 or above the limit.
Result<size_t> ValidateMessageLength(char type, int32_t announced_length,
                                     uint32_t max_length = kDefaultMaxMessageLength);

/// A typed message as framed: its type byte and its body (without type and length).
struct RawMessage {
  char type = 0;
  std::string body;
};

/// Which object Describe and Close name.
enum class TargetKind : char { kStatement = 'S', kPortal = 'P' };

struct QueryMessage {  // 'Q'
  std::string sql;
};
struct ParseMessage {          // 'P'
  std::string statement_name;  // empty: the unnamed statement
  std::string query;
  std::vector<uint32_t> parameter_type_oids;  // 0: unspecified (see DataTypeForPgOid)
};
struct BindMessage {           // 'B'
  std::string portal_name;     // empty: the unnamed portal
  std::string statement_name;  // empty: the unnamed statement
  /// Empty (all text), one (applies to all) or one per parameter; checked by the decoder.
  std::vector<FormatCode> parameter_formats;
  std::vector<std::optional<std::string>> parameter_values;  // nullopt: NULL
  /// Empty (all text), one (applies to all) or one per result column, which only the caller
  /// can check: see CheckResultFormatCount.
  std::vector<FormatCode> result_formats;

  /// The format of parameter `index`. Requires: index < parameter_values.size().
  FormatCode ParameterFormat(size_t index) const;
  /// The format of result column `index`. Requires: CheckResultFormatCount(n) is OK, index < n.
  FormatCode ResultFormat(size_t index) const;
  /// 08P01 "invalid message format: Bind message has N result formats but the query has M
  /// columns" unless there are 0, 1 or `num_columns` result formats.
  Status CheckResultFormatCount(size_t num_columns) const;
};
struct DescribeMessage {  // 'D'
  TargetKind kind = TargetKind::kStatement;
  std::string name;
};
struct ExecuteMessage {  // 'E'
  std::string portal_name;
  int32_t max_rows = 0;  // 0 (and, as PostgreSQL treats them, negative values): no limit
};
struct SyncMessage {};   // 'S'
struct FlushMessage {};  // 'H'
struct CloseMessage {    // 'C'
  TargetKind kind = TargetKind::kStatement;
  std::string name;
};
struct TerminateMessage {};  // 'X'
struct CopyDataMessage {     // 'd'
  std::string data;
};
struct CopyDoneMessage {};  // 'c'
struct CopyFailMessage {    // 'f'
  std::string error_message;
};
/// 'p': PasswordMessage, SASLInitialResponse or SASLResponse, which only the authentication
/// state tells apart; decode `body` with the matching function below.
struct AuthenticationResponseMessage {
  std::string body;
};

using FrontendMessage =
    std::variant<QueryMessage, ParseMessage, BindMessage, DescribeMessage, ExecuteMessage,
                 SyncMessage, FlushMessage, CloseMessage, TerminateMessage, CopyDataMessage,
                 CopyDoneMessage, CopyFailMessage, AuthenticationResponseMessage>;

/// Decodes the body of a typed message. 08P01 "invalid message format: <Name> message ..."
/// naming the problem (a string without its terminating zero byte, a count or length that
/// runs past the end, a negative count, a value length below -1, a format code other than 0
/// or 1, a Bind with parameter formats neither 0, 1 nor one per parameter, a Describe/Close
/// target other than 'S'/'P', bytes after the end); 08P01 for an unknown type byte; 0A000
/// for FunctionCall ('F'), which is valid protocol that we do not support: the stream is
/// still in sync, so the caller may answer with an error and go on.
Result<FrontendMessage> DecodeFrontendMessage(char type, std::string_view body);
inline Result<FrontendMessage> DecodeFrontendMessage(const RawMessage& message) {
  return DecodeFrontendMessage(message.type, message.body);
}

/// The protocol's name for a frontend type byte ("Bind"), or "" for an unknown one. 'p' is
/// "Password", standing for all of PasswordMessage, SASLInitialResponse and SASLResponse.
std::string_view FrontendMessageName(char type);

struct PasswordMessage {
  std::string password;
};
struct SaslInitialResponseMessage {
  std::string mechanism;
  std::optional<std::string> initial_response;  // nullopt when the client sent length -1
};
struct SaslResponseMessage {
  std::string data;
};

/// The body of 'p' after AuthenticationCleartextPassword (or MD5): one C string filling it.
Result<PasswordMessage> DecodePasswordMessage(std::string_view body);
/// The body of 'p' after AuthenticationSASL: mechanism, Int32 length or -1, data.
Result<SaslInitialResponseMessage> DecodeSaslInitialResponse(std::string_view body);
/// The body of 'p' after AuthenticationSASLContinue: the data as is. Never fails; a Result so
/// all three decoders read alike.
Result<SaslResponseMessage> DecodeSaslResponse(std::string_view body);

// ---- Framing a byte stream. ---------------------------------------------------------------

struct MessageReaderOptions {
  /// Limit for startup packets, length word included. Default PostgreSQL's 10000.
  uint32_t max_startup_packet_length = kDefaultMaxStartupPacketLength;
  /// Limit for typed messages, length word included (see ValidateMessageLength). Default 1 GiB.
  uint32_t max_message_length = kDefaultMaxMessageLength;

  /// InvalidArgument (22023) when a limit is below the smallest valid packet (8, 4 bytes).
  Status Validate() const;
};

/// Cuts the bytes a connection receives into startup packets and then typed messages, whatever
/// pieces they arrive in: Feed what the socket gave, then call Next* until it returns nullopt.
/// The reader never allocates on a length it was told, only for bytes it was fed. A framing
/// error (bad length, unknown type byte, malformed startup packet) leaves the stream out of
/// sync, so the reader keeps returning that error and drops further input: end the connection.
class MessageReader {
 public:
  /// Requires: options.Validate() is OK (checked).
  explicit MessageReader(MessageReaderOptions options = {});

  /// Appends received bytes.
  void Feed(std::string_view bytes);

  /// The next startup packet, or nullopt until a whole one is buffered. Call it until a
  /// StartupMessage (or CancelRequest) arrives, then use NextMessage. Errors as
  /// ValidateStartupPacketLength and DecodeStartupPacket, and 08P01 "received unencrypted data
  /// after SSL request" (or "GSSAPI encryption request") when bytes follow such a request in
  /// the buffer: a client must wait for the answer, so they could only be injected by a
  /// man-in-the-middle before TLS starts (CVE-2021-23214).
  Result<std::optional<StartupPacket>> NextStartupPacket();

  /// The next typed message, or nullopt until a whole one is buffered. Errors as
  /// ValidateMessageLength. The body is not decoded: DecodeFrontendMessage does that, and its
  /// errors leave the stream in sync.
  Result<std::optional<RawMessage>> NextMessage();

  /// Changes the typed-message limit, e.g. lower while authenticating. Requires: >= 4.
  void set_max_message_length(uint32_t max_length);
  /// Bytes fed and not yet returned in a packet or message.
  size_t buffered_bytes() const { return buffer_.size() - consumed_; }

 private:
  Status Fail(Status status);
  void Consume(size_t num_bytes);

  MessageReaderOptions options_;
  std::string buffer_;
  size_t consumed_ = 0;  // bytes at the front of buffer_ already returned
  Status error_;         // the framing error that ended the stream, if any
};

}  // namespace boyodb::server::pgwire
