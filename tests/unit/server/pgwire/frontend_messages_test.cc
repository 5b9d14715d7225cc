#include "server/pgwire/frontend_messages.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace boyodb::server::pgwire {
namespace {

using namespace std::string_literals;  // "...\0..."s keeps embedded zero bytes

std::string Int16Bytes(int16_t value) {
  const auto bits = static_cast<uint16_t>(value);
  return {static_cast<char>(bits >> 8), static_cast<char>(bits & 0xFF)};
}

std::string Int32Bytes(int32_t value) {
  const auto bits = static_cast<uint32_t>(value);
  return {static_cast<char>(bits >> 24), static_cast<char>((bits >> 16) & 0xFF),
          static_cast<char>((bits >> 8) & 0xFF), static_cast<char>(bits & 0xFF)};
}

// A typed message with its header, length computed.
std::string Frame(char type, const std::string& body) {
  return std::string(1, type) + Int32Bytes(static_cast<int32_t>(body.size() + 4)) + body;
}

// A startup packet with its length word.
std::string StartupFrame(const std::string& body) {
  return Int32Bytes(static_cast<int32_t>(body.size() + 4)) + body;
}

template <typename T>
T DecodeAs(char type, const std::string& body) {
  Result<FrontendMessage> message = DecodeFrontendMessage(type, body);
  EXPECT_TRUE(message.ok()) << message.status().ToString();
  if (!message.ok()) return T{};
  const T* typed = std::get_if<T>(&*message);
  EXPECT_NE(typed, nullptr) << "decoded to variant index " << message->index();
  return typed == nullptr ? T{} : *typed;
}

template <typename T>
T StartupAs(const std::string& body) {
  Result<StartupPacket> packet = DecodeStartupPacket(body);
  EXPECT_TRUE(packet.ok()) << packet.status().ToString();
  if (!packet.ok()) return T{};
  const T* typed = std::get_if<T>(&*packet);
  EXPECT_NE(typed, nullptr) << "decoded to variant index " << packet->index();
  return typed == nullptr ? T{} : *typed;
}

// ---- Byte-exact encodings (lengths computed by hand). -----------------------------------

TEST(PgwireFrontendTest, HandWrittenStartupMessageDecodes) {
  // Length 32 = 4 (length) + 4 (version 3.0) + "user\0alice\0database\0db\0" (23) + "\0".
  const std::string packet = "\x00\x00\x00\x20\x00\x03\x00\x00user\0alice\0database\0db\0\0"s;
  ASSERT_EQ(packet.size(), 32u);
  const Result<size_t> body_length = ValidateStartupPacketLength(32, 10000);
  ASSERT_TRUE(body_length.ok());
  EXPECT_EQ(*body_length, 28u);
  const auto message = StartupAs<StartupMessage>(packet.substr(4));
  EXPECT_EQ(message.user, "alice");
  EXPECT_EQ(message.database, "db");
  EXPECT_EQ(message.minor_version, 0);
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(message.parameters, (Pairs{{"user", "alice"}, {"database", "db"}}));
  EXPECT_TRUE(message.protocol_options.empty());
}

TEST(PgwireFrontendTest, HandWrittenRequestsDecode) {
  // SSLRequest: length 8, code 1234.5679 = 0x04D2162F.
  EXPECT_EQ(StartupFrame(Int32Bytes(kSslRequestCode)), "\x00\x00\x00\x08\x04\xD2\x16\x2F"s);
  EXPECT_TRUE(std::holds_alternative<SslRequest>(*DecodeStartupPacket("\x04\xD2\x16\x2F"s)));
  // GSSENCRequest: 1234.5680 = 0x04D21630.
  EXPECT_TRUE(std::holds_alternative<GssEncRequest>(*DecodeStartupPacket("\x04\xD2\x16\x30"s)));
  // CancelRequest: 1234.5678 = 0x04D2162E, pid 0x01020304, key 0xFFFFFFFE.
  const auto cancel = StartupAs<CancelRequest>("\x04\xD2\x16\x2E\x01\x02\x03\x04\xFF\xFF\xFF\xFE"s);
  EXPECT_EQ(cancel.process_id, 0x01020304);
  EXPECT_EQ(cancel.secret_key, -2);
}

TEST(PgwireFrontendTest, HandWrittenQueryAndSyncDecode) {
  // 'Q', length 13 = 4 + "SELECT 1\0" (9).
  const std::string query = "Q\x00\x00\x00\x0DSELECT 1\0"s;
  EXPECT_EQ(Frame('Q', "SELECT 1\0"s), query);
  EXPECT_EQ(*ValidateMessageLength('Q', 13), 9u);
  EXPECT_EQ(DecodeAs<QueryMessage>('Q', query.substr(5)).sql, "SELECT 1");
  EXPECT_EQ(Frame('S', ""), "S\x00\x00\x00\x04"s);
  DecodeAs<SyncMessage>('S', "");
}

TEST(PgwireFrontendTest, HandWrittenParseDecodes) {
  // 'P', length 23 = 4 + "s1\0" (3) + "SELECT $1\0" (10) + count (2) + one OID (4).
  const std::string parse = "P\x00\x00\x00\x17s1\0SELECT $1\0\x00\x01\x00\x00\x00\x17"s;
  EXPECT_EQ(parse.size(), 24u);
  EXPECT_EQ(*ValidateMessageLength('P', 23), 19u);
  const auto message = DecodeAs<ParseMessage>('P', parse.substr(5));
  EXPECT_EQ(message.statement_name, "s1");
  EXPECT_EQ(message.query, "SELECT $1");
  EXPECT_EQ(message.parameter_type_oids, std::vector<uint32_t>{23});
}

TEST(PgwireFrontendTest, HandWrittenBindDecodes) {
  // 'B', length 26 = 4 + portal "" (1) + statement "s1\0" (3) + one format code (2 + 2)
  // + two parameters (2 + [4 + 2] + [4]) + no result formats (2).
  const std::string bind =
      "B\x00\x00\x00\x1A\0s1\0\x00\x01\x00\x01\x00\x02\x00\x00\x00\x02"
      "42\xFF\xFF\xFF\xFF\x00\x00"s;
  EXPECT_EQ(bind.size(), 27u);
  EXPECT_EQ(*ValidateMessageLength('B', 26), 22u);
  const auto message = DecodeAs<BindMessage>('B', bind.substr(5));
  EXPECT_EQ(message.portal_name, "");
  EXPECT_EQ(message.statement_name, "s1");
  EXPECT_EQ(message.parameter_formats, std::vector<FormatCode>{FormatCode::kBinary});
  ASSERT_EQ(message.parameter_values.size(), 2u);
  EXPECT_EQ(message.parameter_values[0], std::optional<std::string>("42"));
  EXPECT_EQ(message.parameter_values[1], std::nullopt);
  EXPECT_TRUE(message.result_formats.empty());
  // One format code applies to every parameter; no result codes mean text.
  EXPECT_EQ(message.ParameterFormat(0), FormatCode::kBinary);
  EXPECT_EQ(message.ParameterFormat(1), FormatCode::kBinary);
  EXPECT_EQ(message.ResultFormat(5), FormatCode::kText);
  EXPECT_TRUE(message.CheckResultFormatCount(7).ok());
}

// ---- Each message type. -------------------------------------------------------------------

TEST(PgwireFrontendTest, BindWithPerParameterAndPerColumnFormatsDecodes) {
  const std::string body = "portal\0stmt\0"s + Int16Bytes(2) + Int16Bytes(0) + Int16Bytes(1) +
                           Int16Bytes(2) + Int32Bytes(0) + Int32Bytes(3) + "\x00\x01\x02"s +
                           Int16Bytes(3) + Int16Bytes(1) + Int16Bytes(0) + Int16Bytes(1);
  const auto message = DecodeAs<BindMessage>('B', body);
  EXPECT_EQ(message.portal_name, "portal");
  EXPECT_EQ(message.statement_name, "stmt");
  ASSERT_EQ(message.parameter_values.size(), 2u);
  EXPECT_EQ(message.parameter_values[0], std::optional<std::string>(""));  // empty, not NULL
  EXPECT_EQ(message.parameter_values[1], std::optional<std::string>("\x00\x01\x02"s));
  EXPECT_EQ(message.ParameterFormat(0), FormatCode::kText);
  EXPECT_EQ(message.ParameterFormat(1), FormatCode::kBinary);
  EXPECT_EQ(message.ResultFormat(0), FormatCode::kBinary);
  EXPECT_EQ(message.ResultFormat(1), FormatCode::kText);
  EXPECT_EQ(message.ResultFormat(2), FormatCode::kBinary);
  EXPECT_TRUE(message.CheckResultFormatCount(3).ok());
  const Status mismatch = message.CheckResultFormatCount(2);
  EXPECT_EQ(mismatch.sqlstate(), "08P01");
  EXPECT_EQ(mismatch.message(),
            "invalid message format: Bind message has 3 result formats but the query has 2 "
            "columns");
}

TEST(PgwireFrontendTest, DescribeCloseAndExecuteDecode) {
  const auto describe_statement = DecodeAs<DescribeMessage>('D', "Sstmt\0"s);
  EXPECT_EQ(describe_statement.kind, TargetKind::kStatement);
  EXPECT_EQ(describe_statement.name, "stmt");
  const auto describe_portal = DecodeAs<DescribeMessage>('D', "P\0"s);
  EXPECT_EQ(describe_portal.kind, TargetKind::kPortal);
  EXPECT_EQ(describe_portal.name, "");
  const auto close = DecodeAs<CloseMessage>('C', "Pcursor\0"s);
  EXPECT_EQ(close.kind, TargetKind::kPortal);
  EXPECT_EQ(close.name, "cursor");
  const auto execute = DecodeAs<ExecuteMessage>('E', "\0"s + Int32Bytes(100));
  EXPECT_EQ(execute.portal_name, "");
  EXPECT_EQ(execute.max_rows, 100);
}

TEST(PgwireFrontendTest, EmptyMessagesDecode) {
  DecodeAs<SyncMessage>('S', "");
  DecodeAs<FlushMessage>('H', "");
  DecodeAs<TerminateMessage>('X', "");
  DecodeAs<CopyDoneMessage>('c', "");
}

TEST(PgwireFrontendTest, CopyMessagesDecode) {
  EXPECT_EQ(DecodeAs<CopyDataMessage>('d', "1\tx\n\0raw"s).data, "1\tx\n\0raw"s);
  EXPECT_EQ(DecodeAs<CopyDataMessage>('d', "").data, "");
  EXPECT_EQ(DecodeAs<CopyFailMessage>('f', "client gave up\0"s).error_message, "client gave up");
}

TEST(PgwireFrontendTest, AuthenticationResponsesDecodeByPhase) {
  // 'p' is passed through undecoded; the authentication phase picks the decoder.
  const std::string sasl_initial = "SCRAM-SHA-256\0"s + Int32Bytes(8) + "n,,n=,r=";
  EXPECT_EQ(DecodeAs<AuthenticationResponseMessage>('p', sasl_initial).body, sasl_initial);

  const Result<SaslInitialResponseMessage> initial = DecodeSaslInitialResponse(sasl_initial);
  ASSERT_TRUE(initial.ok()) << initial.status().ToString();
  EXPECT_EQ(initial->mechanism, "SCRAM-SHA-256");
  EXPECT_EQ(initial->initial_response, std::optional<std::string>("n,,n=,r="));

  const Result<SaslInitialResponseMessage> without_data =
      DecodeSaslInitialResponse("SCRAM-SHA-256\0\xFF\xFF\xFF\xFF"s);
  ASSERT_TRUE(without_data.ok()) << without_data.status().ToString();
  EXPECT_EQ(without_data->initial_response, std::nullopt);

  const Result<PasswordMessage> password = DecodePasswordMessage("hunter2\0"s);
  ASSERT_TRUE(password.ok());
  EXPECT_EQ(password->password, "hunter2");

  const Result<SaslResponseMessage> response = DecodeSaslResponse("c=biws,r=x,p=y");
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->data, "c=biws,r=x,p=y");
}

TEST(PgwireFrontendTest, FunctionCallIsValidProtocolButNotSupported) {
  EXPECT_TRUE(ValidateMessageLength('F', 100).ok());
  const Result<FrontendMessage> call = DecodeFrontendMessage('F', "anything");
  ASSERT_FALSE(call.ok());
  EXPECT_EQ(call.status().sqlstate(), "0A000");
  EXPECT_EQ(call.status().message(), "FunctionCall messages are not supported");
}

TEST(PgwireFrontendTest, NewerMinorVersionAndProtocolOptionsAreRecorded) {
  const std::string body =
      Int32Bytes((3 << 16) | 2) + "user\0bob\0_pq_.compression\0on\0application_name\0psql\0\0"s;
  const auto message = StartupAs<StartupMessage>(body);
  EXPECT_EQ(message.minor_version, 2);
  EXPECT_EQ(message.user, "bob");
  EXPECT_EQ(message.database, "");
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(message.protocol_options, (Pairs{{"_pq_.compression", "on"}}));
  EXPECT_EQ(message.parameters, (Pairs{{"user", "bob"}, {"application_name", "psql"}}));
}

// ---- Errors. ------------------------------------------------------------------------------

struct StartupErrorCase {
  std::string body;
  std::string_view sqlstate;
  std::string_view message;
};

TEST(PgwireFrontendTest, MalformedStartupPacketsAreRefused) {
  const std::string v30 = Int32Bytes(kProtocolVersion30);
  const std::vector<StartupErrorCase> cases = {
      {Int32Bytes(2 << 16) + "user\0a\0\0"s, "0A000",
       "unsupported frontend protocol 2.0: server supports 3.0 to 3.0"},
      {Int32Bytes(4 << 16) + "user\0a\0\0"s, "0A000",
       "unsupported frontend protocol 4.0: server supports 3.0 to 3.0"},
      {Int32Bytes((1234 << 16) | 5681), "0A000",
       "unsupported frontend protocol 1234.5681: server supports 3.0 to 3.0"},
      {v30 + "database\0db\0\0"s, "28000", "no user name specified in startup packet"},
      {v30 + "user\0\0\0"s, "28000", "no user name specified in startup packet"},
      {v30, "08P01", "invalid startup packet layout: expected terminator as last byte"},
      {v30 + "user\0alice\0"s, "08P01",
       "invalid startup packet layout: expected terminator as last byte"},
      {v30 + "user\0alice"s, "08P01",
       "invalid startup packet layout: expected terminator as last byte"},
      {v30 + "user\0alice\0\0extra"s, "08P01",
       "invalid startup packet layout: expected terminator as last byte"},
      {Int32Bytes(kSslRequestCode) + "xxxx", "08P01",
       "invalid length of SSL request: 12 bytes, expected 8"},
      {Int32Bytes(kGssEncRequestCode) + "x", "08P01",
       "invalid length of GSSAPI encryption request: 9 bytes, expected 8"},
      {Int32Bytes(kCancelRequestCode) + Int32Bytes(1), "08P01",
       "invalid length of cancel request: 12 bytes, expected 16"},
      {"\x00\x03"s, "08P01", "invalid length of startup packet: 6 bytes (expected at least 8)"},
  };
  for (const StartupErrorCase& c : cases) {
    const Result<StartupPacket> packet = DecodeStartupPacket(c.body);
    ASSERT_FALSE(packet.ok()) << testing::PrintToString(c.body);
    EXPECT_EQ(packet.status().sqlstate(), c.sqlstate) << testing::PrintToString(c.body);
    EXPECT_EQ(packet.status().message(), c.message) << testing::PrintToString(c.body);
  }
}

TEST(PgwireFrontendTest, StartupPacketLengthIsCheckedBeforeReading) {
  EXPECT_EQ(*ValidateStartupPacketLength(8, 10000), 4u);
  EXPECT_EQ(*ValidateStartupPacketLength(10000, 10000), 9996u);
  for (const int32_t length : {7, 0, -1, 10001, INT32_MAX}) {
    const Result<size_t> body_length = ValidateStartupPacketLength(length, 10000);
    ASSERT_FALSE(body_length.ok()) << length;
    EXPECT_EQ(body_length.status().sqlstate(), "08P01");
    EXPECT_EQ(body_length.status().message(),
              "invalid length of startup packet: " + std::to_string(length) +
                  " bytes (expected 8 to 10000)");
  }
}

TEST(PgwireFrontendTest, MessageLengthIsCheckedBeforeReading) {
  EXPECT_EQ(*ValidateMessageLength('Q', 4), 0u);
  EXPECT_EQ(*ValidateMessageLength('d', 1 << 30), (1u << 30) - 4);
  EXPECT_EQ(*ValidateMessageLength('S', 10000), 9996u);
  EXPECT_EQ(*ValidateMessageLength('p', 65535), 65531u);
  const struct {
    char type;
    int32_t length;
    uint32_t max_length;
    std::string_view message;
  } cases[] = {
      {'Q', 3, kDefaultMaxMessageLength,
       "invalid message length: Query message announces 3 bytes, fewer than the 4 of its "
       "length field"},
      {'B', INT32_MIN, kDefaultMaxMessageLength,
       "invalid message length: Bind message announces -2147483648 bytes, fewer than the 4 of "
       "its length field"},
      {'Q', 2000, 1000,
       "invalid message length: Query message of 2000 bytes exceeds the limit of 1000 bytes"},
      {'d', (1 << 30) + 1, kDefaultMaxMessageLength,
       "invalid message length: CopyData message of 1073741825 bytes exceeds the limit of "
       "1073741824 bytes"},
      {'S', 10001, kDefaultMaxMessageLength,
       "invalid message length: Sync message of 10001 bytes exceeds the limit of 10000 bytes"},
      {'E', 20000, kDefaultMaxMessageLength,
       "invalid message length: Execute message of 20000 bytes exceeds the limit of 10000 "
       "bytes"},
      {'p', 65536, kDefaultMaxMessageLength,
       "invalid message length: Password message of 65536 bytes exceeds the limit of "
       "65535 bytes"},
      {'z', 4, kDefaultMaxMessageLength, "invalid frontend message type 122 ('z')"},
      {'\0', 4, kDefaultMaxMessageLength, "invalid frontend message type 0"},
      {'\xFF', 4, kDefaultMaxMessageLength, "invalid frontend message type 255"},
  };
  for (const auto& c : cases) {
    const Result<size_t> body_length = ValidateMessageLength(c.type, c.length, c.max_length);
    ASSERT_FALSE(body_length.ok()) << c.message;
    EXPECT_EQ(body_length.status().sqlstate(), "08P01");
    EXPECT_EQ(body_length.status().message(), c.message);
  }
}

struct MalformedCase {
  char type;
  std::string body;
  std::string_view message;
};

TEST(PgwireFrontendTest, MalformedMessageBodiesAreProtocolViolations) {
  const std::string empty_names = "\0\0"s;  // Bind's portal and statement names
  const std::vector<MalformedCase> cases = {
      {'Q', "SELECT 1",
       "invalid message format: Query message has no zero byte ending the query string"},
      {'Q', "", "invalid message format: Query message has no zero byte ending the query string"},
      {'Q', "a\0b"s, "invalid message format: Query message has 1 unexpected byte at its end"},
      {'S', "xy", "invalid message format: Sync message has 2 unexpected bytes at its end"},
      {'H', "x", "invalid message format: Flush message has 1 unexpected byte at its end"},
      {'X', "x", "invalid message format: Terminate message has 1 unexpected byte at its end"},
      {'c', "x", "invalid message format: CopyDone message has 1 unexpected byte at its end"},
      {'P', "s1",
       "invalid message format: Parse message has no zero byte ending the statement name"},
      {'P', "s1\0SELECT"s,
       "invalid message format: Parse message has no zero byte ending the query string"},
      {'P', "s1\0q\0"s,
       "invalid message format: Parse message ends before its parameter type count"},
      {'P', "s1\0q\0\xFF\xFF"s,
       "invalid message format: Parse message has a negative parameter type count -1"},
      {'P', "s1\0q\0"s + Int16Bytes(2) + Int32Bytes(23),
       "invalid message format: Parse message ends before its 2 parameter types"},
      {'P', "s1\0q\0"s + Int16Bytes(1) + Int32Bytes(23) + "!",
       "invalid message format: Parse message has 1 unexpected byte at its end"},
      {'B', "", "invalid message format: Bind message has no zero byte ending the portal name"},
      {'B', "\0"s,
       "invalid message format: Bind message has no zero byte ending the statement name"},
      {'B', empty_names,
       "invalid message format: Bind message ends before its parameter format count"},
      {'B', empty_names + Int16Bytes(-3),
       "invalid message format: Bind message has a negative parameter format count -3"},
      {'B', empty_names + Int16Bytes(2) + Int16Bytes(0),
       "invalid message format: Bind message ends before its 2 parameter format codes"},
      {'B', empty_names + Int16Bytes(1) + Int16Bytes(2),
       "invalid message format: Bind message has parameter format code 2, not 0 (text) or 1 "
       "(binary)"},
      {'B', empty_names + Int16Bytes(1) + Int16Bytes(-1),
       "invalid message format: Bind message has parameter format code -1, not 0 (text) or 1 "
       "(binary)"},
      {'B', empty_names + Int16Bytes(0),
       "invalid message format: Bind message ends before its parameter count"},
      {'B',
       empty_names + Int16Bytes(3) + Int16Bytes(0) + Int16Bytes(0) + Int16Bytes(0) + Int16Bytes(2) +
           Int32Bytes(0) + Int32Bytes(0) + Int16Bytes(0),
       "invalid message format: Bind message has 3 parameter formats but 2 parameters"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(-1),
       "invalid message format: Bind message has a negative parameter count -1"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(3) + Int32Bytes(-1) + Int32Bytes(-1),
       "invalid message format: Bind message ends before its 3 parameters"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(2) + Int32Bytes(4) + "abcd",
       "invalid message format: Bind message ends before the length of parameter 2"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(1) + Int32Bytes(-2),
       "invalid message format: Bind message has length -2 for parameter 1"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(2) + Int32Bytes(-1) + Int32Bytes(INT32_MIN),
       "invalid message format: Bind message has length -2147483648 for parameter 2"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(1) + Int32Bytes(5) + "ab",
       "invalid message format: Bind message ends before the 5-byte value of parameter 1"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(1) + Int32Bytes(INT32_MAX) + "ab",
       "invalid message format: Bind message ends before the 2147483647-byte value of parameter "
       "1"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(0),
       "invalid message format: Bind message ends before its result format count"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(0) + Int16Bytes(1) + Int16Bytes(7),
       "invalid message format: Bind message has result format code 7, not 0 (text) or 1 "
       "(binary)"},
      {'B', empty_names + Int16Bytes(0) + Int16Bytes(0) + Int16Bytes(0) + "?",
       "invalid message format: Bind message has 1 unexpected byte at its end"},
      {'D', "", "invalid message format: Describe message ends before its target type"},
      {'D', "Xname\0"s,
       "invalid message format: Describe message has target type 'X', not 'S' (statement) or "
       "'P' (portal)"},
      {'D', "Sname", "invalid message format: Describe message has no zero byte ending the name"},
      {'C', "\x01name\0"s,
       "invalid message format: Close message has target type 1, not 'S' (statement) or 'P' "
       "(portal)"},
      {'C', "Pa\0b"s, "invalid message format: Close message has 1 unexpected byte at its end"},
      {'E', "portal\0\0\0"s,
       "invalid message format: Execute message ends before its maximum row count"},
      {'E', "portal",
       "invalid message format: Execute message has no zero byte ending the portal name"},
      {'f', "oops",
       "invalid message format: CopyFail message has no zero byte ending the error message"},
      {'z', "", "invalid frontend message type 122 ('z')"},
      {'\x7F', "", "invalid frontend message type 127"},
  };
  for (const MalformedCase& c : cases) {
    const Result<FrontendMessage> message = DecodeFrontendMessage(c.type, c.body);
    ASSERT_FALSE(message.ok()) << c.type << " " << testing::PrintToString(c.body);
    EXPECT_EQ(message.status().sqlstate(), "08P01") << c.message;
    EXPECT_EQ(message.status().message(), c.message) << testing::PrintToString(c.body);
  }
}

TEST(PgwireFrontendTest, MalformedAuthenticationResponsesAreProtocolViolations) {
  const struct {
    Status status;
    std::string_view message;
  } cases[] = {
      {DecodePasswordMessage("secret").status(),
       "invalid message format: Password message has no zero byte ending the password"},
      {DecodePasswordMessage("secret\0more"s).status(),
       "invalid message format: Password message has 4 unexpected bytes at its end"},
      {DecodeSaslInitialResponse("SCRAM-SHA-256").status(),
       "invalid message format: SASLInitialResponse message has no zero byte ending the "
       "mechanism name"},
      {DecodeSaslInitialResponse("SCRAM-SHA-256\0\0\0"s).status(),
       "invalid message format: SASLInitialResponse message ends before the length of its data"},
      {DecodeSaslInitialResponse("SCRAM-SHA-256\0"s + Int32Bytes(-2)).status(),
       "invalid message format: SASLInitialResponse message has data length -2"},
      {DecodeSaslInitialResponse("SCRAM-SHA-256\0"s + Int32Bytes(10) + "abc").status(),
       "invalid message format: SASLInitialResponse message ends before the 10 bytes of its "
       "data"},
      {DecodeSaslInitialResponse("SCRAM-SHA-256\0"s + Int32Bytes(1) + "ab").status(),
       "invalid message format: SASLInitialResponse message has 1 unexpected byte at its end"},
      {DecodeSaslInitialResponse("SCRAM-SHA-256\0"s + Int32Bytes(-1) + "ab").status(),
       "invalid message format: SASLInitialResponse message has 2 unexpected bytes at its end"},
  };
  for (const auto& c : cases) {
    ASSERT_FALSE(c.status.ok()) << c.message;
    EXPECT_EQ(c.status.sqlstate(), "08P01") << c.message;
    EXPECT_EQ(c.status.message(), c.message);
  }
}

// ---- MessageReader. -----------------------------------------------------------------------

// What an extended-query client sends after SSLRequest was refused.
std::string ExtendedQueryConversation() {
  std::string bytes = StartupFrame(Int32Bytes(kProtocolVersion30) + "user\0alice\0\0"s);
  bytes += Frame('P', "s1\0SELECT $1\0"s + Int16Bytes(1) + Int32Bytes(23));
  bytes +=
      Frame('B', "\0s1\0"s + Int16Bytes(0) + Int16Bytes(1) + Int32Bytes(1) + "7" + Int16Bytes(0));
  bytes += Frame('D', "P\0"s);
  bytes += Frame('E', "\0"s + Int32Bytes(0));
  bytes += Frame('S', "");
  bytes += Frame('X', "");
  return bytes;
}

TEST(PgwireMessageReaderTest, FedOneByteAtATimeYieldsEveryMessage) {
  const std::string ssl_request = StartupFrame(Int32Bytes(kSslRequestCode));
  const std::string conversation = ExtendedQueryConversation();
  MessageReader reader;
  std::vector<StartupPacket> startup_packets;
  std::vector<RawMessage> messages;
  bool started = false;
  for (const char byte : ssl_request + conversation) {
    reader.Feed(std::string_view(&byte, 1));
    if (!started) {
      Result<std::optional<StartupPacket>> packet = reader.NextStartupPacket();
      ASSERT_TRUE(packet.ok()) << packet.status().ToString();
      if (packet->has_value()) {
        started = std::holds_alternative<StartupMessage>(**packet);
        startup_packets.push_back(std::move(**packet));
      }
      continue;
    }
    Result<std::optional<RawMessage>> message = reader.NextMessage();
    ASSERT_TRUE(message.ok()) << message.status().ToString();
    if (message->has_value()) messages.push_back(std::move(**message));
  }
  ASSERT_EQ(startup_packets.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<SslRequest>(startup_packets[0]));
  EXPECT_EQ(std::get<StartupMessage>(startup_packets[1]).user, "alice");
  std::string types;
  for (const RawMessage& message : messages) types.push_back(message.type);
  EXPECT_EQ(types, "PBDESX");
  const auto bind = std::get<BindMessage>(*DecodeFrontendMessage(messages[1]));
  EXPECT_EQ(bind.statement_name, "s1");
  EXPECT_EQ(bind.parameter_values, (std::vector<std::optional<std::string>>{"7"}));
  EXPECT_EQ(reader.buffered_bytes(), 0u);
}

TEST(PgwireMessageReaderTest, ManyMessagesInOneFeedComeOutInOrder) {
  MessageReader reader;
  std::string bytes;
  for (int i = 0; i < 2000; ++i) bytes += Frame('Q', "SELECT " + std::to_string(i) + "\0"s);
  reader.Feed(bytes.substr(0, bytes.size() / 2));
  int next = 0;
  const auto drain = [&] {
    while (true) {
      Result<std::optional<RawMessage>> message = reader.NextMessage();
      ASSERT_TRUE(message.ok()) << message.status().ToString();
      if (!message->has_value()) return;
      EXPECT_EQ(std::get<QueryMessage>(*DecodeFrontendMessage(**message)).sql,
                "SELECT " + std::to_string(next));
      ++next;
    }
  };
  drain();
  reader.Feed(bytes.substr(bytes.size() / 2));
  drain();
  EXPECT_EQ(next, 2000);
  EXPECT_EQ(reader.buffered_bytes(), 0u);
}

TEST(PgwireMessageReaderTest, OversizedLengthIsRefusedBeforeTheBodyArrives) {
  MessageReader reader;
  reader.Feed("Q\x7F\xFF\xFF\xFF"s);
  const Result<std::optional<RawMessage>> message = reader.NextMessage();
  ASSERT_FALSE(message.ok());
  EXPECT_EQ(message.status().sqlstate(), "08P01");
  EXPECT_EQ(message.status().message(),
            "invalid message length: Query message of 2147483647 bytes exceeds the limit of "
            "1073741824 bytes");
  // The stream is out of sync for good: later input is dropped and the error repeats.
  reader.Feed(Frame('S', ""));
  EXPECT_EQ(reader.buffered_bytes(), 0u);
  EXPECT_EQ(reader.NextMessage().status().message(), message.status().message());
}

TEST(PgwireMessageReaderTest, LowerLimitAppliesWhileAuthenticating) {
  MessageReader reader;
  reader.set_max_message_length(100);
  reader.Feed(Frame('Q', std::string(200, 'x') + "\0"s));
  const Result<std::optional<RawMessage>> message = reader.NextMessage();
  ASSERT_FALSE(message.ok());
  EXPECT_EQ(message.status().message(),
            "invalid message length: Query message of 205 bytes exceeds the limit of 100 bytes");
}

TEST(PgwireMessageReaderTest, UnknownTypeByteEndsTheStream) {
  MessageReader reader;
  reader.Feed(Frame('?', ""));
  const Result<std::optional<RawMessage>> message = reader.NextMessage();
  ASSERT_FALSE(message.ok());
  EXPECT_EQ(message.status().message(), "invalid frontend message type 63 ('?')");
}

TEST(PgwireMessageReaderTest, BytesAfterAnSslRequestAreRefused) {
  MessageReader reader;
  reader.Feed(StartupFrame(Int32Bytes(kSslRequestCode)) +
              StartupFrame(Int32Bytes(kProtocolVersion30) + "user\0mallory\0\0"s));
  const Result<std::optional<StartupPacket>> packet = reader.NextStartupPacket();
  ASSERT_FALSE(packet.ok());
  EXPECT_EQ(packet.status().sqlstate(), "08P01");
  EXPECT_EQ(packet.status().message(), "received unencrypted data after SSL request");

  MessageReader gss_reader;
  gss_reader.Feed(StartupFrame(Int32Bytes(kGssEncRequestCode)) + "x");
  EXPECT_EQ(gss_reader.NextStartupPacket().status().message(),
            "received unencrypted data after GSSAPI encryption request");
}

TEST(PgwireMessageReaderTest, StartupErrorsEndTheStream) {
  MessageReader reader;
  reader.Feed("\x00\x00\x27\x11"s);  // 10001 bytes
  const Result<std::optional<StartupPacket>> packet = reader.NextStartupPacket();
  ASSERT_FALSE(packet.ok());
  EXPECT_EQ(packet.status().message(),
            "invalid length of startup packet: 10001 bytes (expected 8 to 10000)");

  MessageReader old_client;
  old_client.Feed(StartupFrame(Int32Bytes(2 << 16) + "user\0a\0\0"s));
  const Result<std::optional<StartupPacket>> old = old_client.NextStartupPacket();
  ASSERT_FALSE(old.ok());
  EXPECT_EQ(old.status().sqlstate(), "0A000");
  EXPECT_FALSE(old_client.NextStartupPacket().ok());
}

TEST(PgwireMessageReaderTest, IncompleteInputYieldsNothingYet) {
  MessageReader reader;
  EXPECT_FALSE(reader.NextStartupPacket()->has_value());
  reader.Feed("\x00\x00\x00"s);
  EXPECT_FALSE(reader.NextStartupPacket()->has_value());
  EXPECT_EQ(reader.buffered_bytes(), 3u);
  MessageReader typed;
  typed.Feed("Q\x00\x00\x00\x0DSELECT"s);
  EXPECT_FALSE(typed.NextMessage()->has_value());
  EXPECT_EQ(typed.buffered_bytes(), 11u);
}

TEST(PgwireMessageReaderTest, OptionsBelowTheSmallestPacketAreInvalid) {
  EXPECT_TRUE(MessageReaderOptions{}.Validate().ok());
  MessageReaderOptions options;
  options.max_startup_packet_length = 7;
  EXPECT_EQ(options.Validate().sqlstate(), "22023");
  EXPECT_EQ(options.Validate().message(), "max_startup_packet_length must be at least 8, not 7");
  options = MessageReaderOptions{};
  options.max_message_length = 3;
  EXPECT_EQ(options.Validate().message(), "max_message_length must be at least 4, not 3");
}

// ---- Robustness: no input crashes a decoder; each gives a value or a Status. --------------

// A decoder's answer must be a value or one of the errors it documents, never anything else.
void ExpectValueOrDecodeError(const Status& status) {
  if (status.ok()) return;
  const std::string_view state = status.sqlstate();
  EXPECT_TRUE(state == "08P01" || state == "0A000" || state == "28000") << status.ToString();
}

std::vector<std::pair<char, std::string>> ValidMessages() {
  return {
      {'Q', "SELECT 1\0"s},
      {'P', "s1\0SELECT $1, $2\0"s + Int16Bytes(2) + Int32Bytes(23) + Int32Bytes(25)},
      {'B', "p\0s1\0"s + Int16Bytes(2) + Int16Bytes(0) + Int16Bytes(1) + Int16Bytes(2) +
                Int32Bytes(2) + "42" + Int32Bytes(-1) + Int16Bytes(1) + Int16Bytes(1)},
      {'D', "Sstmt\0"s},
      {'E', "p\0"s + Int32Bytes(10)},
      {'C', "Pp\0"s},
      {'f', "failed\0"s},
      {'d', "row\n"},
      {'S', ""},
  };
}

TEST(PgwireFrontendTest, RandomBytesNeverCrashTheDecoders) {
  constexpr uint32_t kSeed = 20240607;
  SCOPED_TRACE("seed " + std::to_string(kSeed));
  std::mt19937 random(kSeed);
  const std::string types = "QPBDESHCXdcfpFz\0"s;
  for (int iteration = 0; iteration < 4000; ++iteration) {
    std::string bytes(random() % 48, '\0');
    // Mostly small byte values, so counts and lengths are often plausible.
    for (char& byte : bytes) byte = static_cast<char>(random() % 4 == 0 ? random() : random() % 4);
    const char type = types[random() % types.size()];
    const Result<FrontendMessage> message = DecodeFrontendMessage(type, bytes);
    ExpectValueOrDecodeError(message.status());
    const Result<StartupPacket> startup = DecodeStartupPacket(bytes);
    ExpectValueOrDecodeError(startup.status());
    const Result<PasswordMessage> password = DecodePasswordMessage(bytes);
    ExpectValueOrDecodeError(password.status());
    const Result<SaslInitialResponseMessage> sasl = DecodeSaslInitialResponse(bytes);
    ExpectValueOrDecodeError(sasl.status());

    // The same bytes as a stream, in random pieces.
    MessageReader reader;
    size_t offset = 0;
    while (offset < bytes.size()) {
      const size_t piece = 1 + random() % 8;
      reader.Feed(std::string_view(bytes).substr(offset, piece));
      offset += piece;
      Result<std::optional<RawMessage>> raw = reader.NextMessage();
      if (!raw.ok()) {
        ExpectValueOrDecodeError(raw.status());
        break;
      }
      if (raw->has_value()) {
        const Result<FrontendMessage> decoded = DecodeFrontendMessage(**raw);
        ExpectValueOrDecodeError(decoded.status());
      }
    }
  }
}

TEST(PgwireFrontendTest, TruncatedAndMutatedValidMessagesNeverCrashTheDecoders) {
  constexpr uint32_t kSeed = 7;
  SCOPED_TRACE("seed " + std::to_string(kSeed));
  std::mt19937 random(kSeed);
  for (const auto& [type, body] : ValidMessages()) {
    ASSERT_TRUE(DecodeFrontendMessage(type, body).ok()) << type;
    for (size_t length = 0; length < body.size(); ++length) {
      const Result<FrontendMessage> truncated = DecodeFrontendMessage(type, body.substr(0, length));
      ExpectValueOrDecodeError(truncated.status());
    }
    for (int mutation = 0; mutation < 300 && !body.empty(); ++mutation) {
      std::string mutated = body;
      mutated[random() % mutated.size()] = static_cast<char>(random());
      const Result<FrontendMessage> decoded = DecodeFrontendMessage(type, mutated);
      ExpectValueOrDecodeError(decoded.status());
    }
  }
  const std::string startup = Int32Bytes(kProtocolVersion30) + "user\0alice\0database\0db\0\0"s;
  for (size_t length = 0; length < startup.size(); ++length) {
    const Result<StartupPacket> truncated = DecodeStartupPacket(startup.substr(0, length));
    ASSERT_FALSE(truncated.ok()) << length;
    ExpectValueOrDecodeError(truncated.status());
  }
  // A whole conversation truncated at every byte: the reader yields a prefix of the messages
  // and waits for the rest.
  const std::string conversation = ExtendedQueryConversation();
  for (size_t length = 0; length <= conversation.size(); ++length) {
    MessageReader reader;
    reader.Feed(std::string_view(conversation).substr(0, length));
    Result<std::optional<StartupPacket>> packet = reader.NextStartupPacket();
    ASSERT_TRUE(packet.ok()) << packet.status().ToString();
    if (!packet->has_value()) continue;
    while (true) {
      Result<std::optional<RawMessage>> message = reader.NextMessage();
      ASSERT_TRUE(message.ok()) << message.status().ToString();
      if (!message->has_value()) break;
      ASSERT_TRUE(DecodeFrontendMessage(**message).ok());
    }
  }
}

}  // namespace
}  // namespace boyodb::server::pgwire
