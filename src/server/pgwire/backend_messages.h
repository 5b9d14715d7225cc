// Messages the server sends to a PostgreSQL client (protocol 3.0, "Message Formats" in the
// PostgreSQL manual): MessageWriter appends each one, framed (type byte, Int32 length including
// itself, body), to a buffer the caller then writes to any transport.
// Thread safety: a MessageWriter belongs to one connection; distinct writers are independent.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "server/pgwire/pg_types.h"
#include "types/data_type.h"

namespace boyodb::server::pgwire {

/// The transaction state ReadyForQuery reports.
enum class TransactionStatus : char {
  kIdle = 'I',
  kInTransaction = 'T',
  kFailedTransaction = 'E',  // statements are refused until the transaction block ends
};

/// ErrorResponse and NoticeResponse severities.
enum class Severity : uint8_t { kError, kFatal, kPanic, kWarning, kNotice, kDebug, kInfo, kLog };

/// "ERROR", "FATAL", ...: what fields S and V carry (we do not localize, so both are equal).
std::string_view SeverityName(Severity severity);

/// The fields of ErrorResponse and NoticeResponse; absent optional fields are not sent.
struct ErrorFields {
  Severity severity = Severity::kError;        // S and V
  std::string sqlstate = "XX000";              // C
  std::string message;                         // M
  std::optional<std::string> detail;           // D
  std::optional<std::string> hint;             // H
  std::optional<int32_t> position;             // P: 1-based character index into the query
  std::optional<int32_t> internal_position;    // p: the same into internal_query
  std::optional<std::string> internal_query;   // q
  std::optional<std::string> where;            // W: context, e.g. a call stack
  std::optional<std::string> schema_name;      // s
  std::optional<std::string> table_name;       // t
  std::optional<std::string> column_name;      // c
  std::optional<std::string> data_type_name;   // d
  std::optional<std::string> constraint_name;  // n
  std::optional<std::string> file;             // F
  std::optional<int32_t> line;                 // L
  std::optional<std::string> routine;          // R

  /// C from the status's SQLSTATE, M from its message, W from its context (one line each),
  /// P from its position when it has one. Requires: !status.ok().
  static ErrorFields FromStatus(const Status& status, Severity severity = Severity::kError);
};

/// One column of RowDescription.
struct FieldDescription {
  std::string name;
  uint32_t table_oid = 0;               // 0 when the column is not a table column
  int16_t column_attribute_number = 0;  // 0 when the column is not a table column
  uint32_t type_oid = oid::kText;
  int16_t type_size = -1;      // pg_type.typlen
  int32_t type_modifier = -1;  // pg_attribute.atttypmod
  FormatCode format = FormatCode::kText;

  /// A result column of `type` (PgTypeFor) that is not a table column.
  static FieldDescription ForColumn(std::string name, const types::DataType& type,
                                    FormatCode format = FormatCode::kText);
};

/// Builds a stream of backend messages in an owned buffer. Strings sent as C strings (names,
/// tags, error fields) end at their first NUL byte, since the protocol cannot carry one there
/// and a NUL would otherwise shift the client's parse of everything after it.
/// Methods returning Status refuse, leaving the buffer untouched, a message the protocol
/// cannot express: 54000 (program_limit_exceeded) for more than 32767 items in an Int16 count
/// or a message above 2^31 - 1 bytes. The others cannot overflow for inputs below 1 GiB (the
/// reader's limit for anything a client sends), which they require (checked).
class MessageWriter {
 public:
  MessageWriter() = default;

  /// The bytes written so far.
  std::string_view data() const { return buffer_; }
  size_t size() const { return buffer_.size(); }
  bool empty() const { return buffer_.empty(); }
  void Clear() { buffer_.clear(); }
  /// Moves the bytes out and leaves the writer empty.
  std::string TakeData();
  /// Appends messages another writer built (whole, framed messages).
  void AppendEncoded(std::string_view messages) { buffer_.append(messages); }

  /// The unframed single byte that answers SSLRequest: 'S' (start TLS now) or 'N'. 'N' also
  /// answers GSSENCRequest, which we always refuse.
  void WriteSslRequestAnswer(bool accept);

  // Authentication ('R').
  void WriteAuthenticationOk();
  void WriteAuthenticationCleartextPassword();
  void WriteAuthenticationMd5Password(const std::array<char, 4>& salt);
  /// The SASL mechanisms offered, e.g. {"SCRAM-SHA-256"}.
  void WriteAuthenticationSasl(std::span<const std::string_view> mechanisms);
  void WriteAuthenticationSaslContinue(std::string_view data);
  void WriteAuthenticationSaslFinal(std::string_view data);

  void WriteParameterStatus(std::string_view name, std::string_view value);
  void WriteBackendKeyData(int32_t process_id, int32_t secret_key);
  void WriteReadyForQuery(TransactionStatus status);

  Status WriteRowDescription(std::span<const FieldDescription> fields);
  /// One row; nullopt is NULL (length -1). Values are already in the columns' formats.
  Status WriteDataRow(std::span<const std::optional<std::string_view>> values);
  /// The command tag: "SELECT 3", "INSERT 0 1", "CREATE TABLE".
  void WriteCommandComplete(std::string_view tag);
  void WriteEmptyQueryResponse();
  void WriteErrorResponse(const ErrorFields& fields);
  void WriteNoticeResponse(const ErrorFields& fields);

  // Extended query.
  void WriteParseComplete();
  void WriteBindComplete();
  void WriteCloseComplete();
  void WriteNoData();
  void WritePortalSuspended();
  Status WriteParameterDescription(std::span<const uint32_t> type_oids);

  // COPY.
  Status WriteCopyInResponse(FormatCode overall_format, std::span<const FormatCode> column_formats);
  Status WriteCopyOutResponse(FormatCode overall_format,
                              std::span<const FormatCode> column_formats);
  Status WriteCopyData(std::string_view data);
  void WriteCopyDone();

  /// Answers a StartupMessage asking for a newer minor version or for "_pq_." options:
  /// `newest_version` is what the server speaks (kProtocolVersion30 = 3 << 16; PostgreSQL
  /// sends major << 16 | minor, which is what libpq reads), followed by the options it did
  /// not recognize.
  void WriteNegotiateProtocolVersion(int32_t newest_version,
                                     std::span<const std::string> unrecognized_options);

 private:
  // Starts a message: the type byte and a length word to patch. Returns where it starts.
  size_t BeginMessage(char type);
  // Patches the length word of the message begun at `start`.
  void EndMessage(size_t start);
  void WriteEmptyMessage(char type);
  void WriteAuthenticationRequest(int32_t code, std::string_view payload);
  void WriteErrorOrNotice(char type, const ErrorFields& fields);
  Status WriteCopyResponse(char type, FormatCode overall_format,
                           std::span<const FormatCode> column_formats);
  void AppendInt16(int16_t value);
  void AppendInt32(int32_t value);
  void AppendCString(std::string_view text);

  std::string buffer_;
};

}  // namespace boyodb::server::pgwire
