#include "server/pgwire/backend_messages.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/pgwire/frontend_messages.h"

namespace boyodb::server::pgwire {
namespace {

using namespace std::string_literals;  // "...\0..."s keeps embedded zero bytes

// Every expected encoding below is written out byte by byte; the comment before each gives the
// length word's arithmetic (it counts itself and the body, not the type byte).

TEST(PgwireBackendTest, SslRequestAnswerIsOneUnframedByte) {
  MessageWriter writer;
  writer.WriteSslRequestAnswer(false);
  writer.WriteSslRequestAnswer(true);
  EXPECT_EQ(writer.data(), "NS");
}

TEST(PgwireBackendTest, AuthenticationRequestsAreByteExact) {
  MessageWriter writer;
  writer.WriteAuthenticationOk();  // 4 + code 4 = 8
  EXPECT_EQ(writer.TakeData(), "R\x00\x00\x00\x08\x00\x00\x00\x00"s);
  writer.WriteAuthenticationCleartextPassword();
  EXPECT_EQ(writer.TakeData(), "R\x00\x00\x00\x08\x00\x00\x00\x03"s);
  writer.WriteAuthenticationMd5Password({'\x01', '\x02', '\x03', '\x04'});  // 4 + 4 + 4 = 12
  EXPECT_EQ(writer.TakeData(), "R\x00\x00\x00\x0C\x00\x00\x00\x05\x01\x02\x03\x04"s);
  // 4 + 4 + "SCRAM-SHA-256\0" (14) + the list's terminating "\0" (1) = 23.
  const std::string_view mechanisms[] = {"SCRAM-SHA-256"};
  writer.WriteAuthenticationSasl(mechanisms);
  EXPECT_EQ(writer.TakeData(), "R\x00\x00\x00\x17\x00\x00\x00\x0ASCRAM-SHA-256\0\0"s);
  writer.WriteAuthenticationSaslContinue("r=abc");  // 4 + 4 + 5 = 13, data not terminated
  EXPECT_EQ(writer.TakeData(), "R\x00\x00\x00\x0D\x00\x00\x00\x0Br=abc"s);
  writer.WriteAuthenticationSaslFinal("v=xyz");
  EXPECT_EQ(writer.TakeData(), "R\x00\x00\x00\x0D\x00\x00\x00\x0Cv=xyz"s);
  EXPECT_TRUE(writer.empty());
}

TEST(PgwireBackendTest, SessionStartMessagesAreByteExact) {
  MessageWriter writer;
  writer.WriteParameterStatus("client_encoding", "UTF8");  // 4 + 16 + 5 = 25
  writer.WriteBackendKeyData(1234, 0x0A0B0C0D);            // 4 + 4 + 4 = 12
  writer.WriteReadyForQuery(TransactionStatus::kIdle);     // 4 + 1 = 5
  EXPECT_EQ(writer.data(),
            "S\x00\x00\x00\x19"
            "client_encoding\0UTF8\0"
            "K\x00\x00\x00\x0C\x00\x00\x04\xD2\x0A\x0B\x0C\x0D"
            "Z\x00\x00\x00\x05I"s);
  writer.Clear();
  writer.WriteReadyForQuery(TransactionStatus::kInTransaction);
  writer.WriteReadyForQuery(TransactionStatus::kFailedTransaction);
  EXPECT_EQ(writer.data(),
            "Z\x00\x00\x00\x05TZ\x00\x00\x00\x05"
            "E"s);
}

TEST(PgwireBackendTest, RowDescriptionIsByteExact) {
  MessageWriter writer;
  const FieldDescription fields[] = {FieldDescription::ForColumn("a", types::DataType::Int32())};
  ASSERT_TRUE(writer.WriteRowDescription(fields).ok());
  // 4 + count 2 + "a\0" 2 + table 4 + attribute 2 + type 4 + size 2 + typmod 4 + format 2 = 26.
  EXPECT_EQ(writer.data(),
            "T\x00\x00\x00\x1A\x00\x01"
            "a\0\x00\x00\x00\x00\x00\x00\x00\x00\x00\x17\x00\x04\xFF\xFF\xFF\xFF\x00\x00"s);
}

TEST(PgwireBackendTest, RowDescriptionCarriesTableColumnAndTypmod) {
  MessageWriter writer;
  FieldDescription price =
      FieldDescription::ForColumn("price", types::DataType::Decimal(10, 2), FormatCode::kBinary);
  price.table_oid = 16384;
  price.column_attribute_number = 3;
  EXPECT_EQ(price.type_oid, 1700u);
  EXPECT_EQ(price.type_size, -1);
  EXPECT_EQ(price.type_modifier, 655366);  // ((10 << 16) | 2) + 4
  ASSERT_TRUE(writer.WriteRowDescription(std::span(&price, 1)).ok());
  // 4 + 2 + "price\0" 6 + 4 + 2 + 4 + 2 + 4 + 2 = 30.
  EXPECT_EQ(writer.data(),
            "T\x00\x00\x00\x1E\x00\x01price\0\x00\x00\x40\x00\x00\x03\x00\x00\x06\xA4"
            "\xFF\xFF\x00\x0A\x00\x06\x00\x01"s);
}

TEST(PgwireBackendTest, DataRowSendsNullAsMinusOne) {
  MessageWriter writer;
  const std::optional<std::string_view> values[] = {"1", std::nullopt, ""};
  ASSERT_TRUE(writer.WriteDataRow(values).ok());
  // 4 + count 2 + (4 + 1) + 4 + 4 = 19.
  EXPECT_EQ(writer.data(),
            "D\x00\x00\x00\x13\x00\x03\x00\x00\x00\x01"
            "1\xFF\xFF\xFF\xFF\x00\x00\x00\x00"s);
  writer.Clear();
  ASSERT_TRUE(writer.WriteDataRow({}).ok());
  EXPECT_EQ(writer.data(), "D\x00\x00\x00\x06\x00\x00"s);
}

TEST(PgwireBackendTest, CommandCompletionMessagesAreByteExact) {
  MessageWriter writer;
  writer.WriteCommandComplete("SELECT 1");  // 4 + 9 = 13
  writer.WriteEmptyQueryResponse();
  writer.WriteParseComplete();
  writer.WriteBindComplete();
  writer.WriteCloseComplete();
  writer.WriteNoData();
  writer.WritePortalSuspended();
  EXPECT_EQ(writer.data(),
            "C\x00\x00\x00\x0DSELECT 1\0"
            "I\x00\x00\x00\x04"
            "1\x00\x00\x00\x04"
            "2\x00\x00\x00\x04"
            "3\x00\x00\x00\x04"
            "n\x00\x00\x00\x04"
            "s\x00\x00\x00\x04"s);
}

TEST(PgwireBackendTest, ParameterDescriptionIsByteExact) {
  MessageWriter writer;
  const uint32_t type_oids[] = {23, 25};
  ASSERT_TRUE(writer.WriteParameterDescription(type_oids).ok());
  // 4 + 2 + 4 + 4 = 14.
  EXPECT_EQ(writer.data(), "t\x00\x00\x00\x0E\x00\x02\x00\x00\x00\x17\x00\x00\x00\x19"s);
}

TEST(PgwireBackendTest, ErrorResponseIsByteExact) {
  MessageWriter writer;
  ErrorFields fields;
  fields.sqlstate = "42601";
  fields.message = "syntax error";
  fields.position = 8;
  writer.WriteErrorResponse(fields);
  // 4 + "SERROR\0" 7 + "VERROR\0" 7 + "C42601\0" 7 + "Msyntax error\0" 14 + "P8\0" 3 + "\0" = 43.
  EXPECT_EQ(writer.data(), "E\x00\x00\x00\x2BSERROR\0VERROR\0C42601\0Msyntax error\0P8\0\0"s);
}

TEST(PgwireBackendTest, NoticeResponseIsByteExact) {
  MessageWriter writer;
  ErrorFields fields;
  fields.severity = Severity::kNotice;
  fields.sqlstate = "00000";
  fields.message = "hi";
  writer.WriteNoticeResponse(fields);
  // 4 + "SNOTICE\0" 8 + "VNOTICE\0" 8 + "C00000\0" 7 + "Mhi\0" 4 + "\0" = 32.
  EXPECT_EQ(writer.data(), "N\x00\x00\x00\x20SNOTICE\0VNOTICE\0C00000\0Mhi\0\0"s);
}

TEST(PgwireBackendTest, ErrorResponseWritesEveryOptionalFieldInOrder) {
  ErrorFields fields;
  fields.severity = Severity::kFatal;
  fields.sqlstate = "23505";
  fields.message = "m";
  fields.detail = "d";
  fields.hint = "h";
  fields.position = 1;
  fields.internal_position = 2;
  fields.internal_query = "iq";
  fields.where = "w";
  fields.schema_name = "sc";
  fields.table_name = "tb";
  fields.column_name = "co";
  fields.data_type_name = "dt";
  fields.constraint_name = "cn";
  fields.file = "f.cc";
  fields.line = 42;
  fields.routine = "r";
  MessageWriter writer;
  writer.WriteErrorResponse(fields);
  const std::string body =
      "SFATAL\0VFATAL\0C23505\0Mm\0Dd\0Hh\0P1\0p2\0qiq\0Ww\0ssc\0ttb\0cco\0ddt\0ncn\0Ff.cc\0"
      "L42\0Rr\0\0"s;
  EXPECT_EQ(writer.data().substr(5), body);
  EXPECT_EQ(writer.data()[4], static_cast<char>(body.size() + 4));
}

TEST(PgwireBackendTest, ErrorFieldsComeFromAStatus) {
  const Status status = Status(StatusCode::kInvalidArgument, "42601", "syntax error at end")
                            .WithPosition(12)
                            .WithContext("in statement 2");
  const ErrorFields fields = ErrorFields::FromStatus(status);
  EXPECT_EQ(fields.severity, Severity::kError);
  EXPECT_EQ(fields.sqlstate, "42601");
  EXPECT_EQ(fields.message, "syntax error at end");
  EXPECT_EQ(fields.where, "in statement 2");  // psql's CONTEXT line
  EXPECT_EQ(fields.position, 12);
  const ErrorFields fatal = ErrorFields::FromStatus(Status::Internal("bug"), Severity::kFatal);
  EXPECT_EQ(fatal.severity, Severity::kFatal);
  EXPECT_EQ(fatal.sqlstate, "XX000");
  EXPECT_EQ(fatal.position, std::nullopt);
}

TEST(PgwireBackendTest, SeverityNamesAreWhatClientsExpect) {
  EXPECT_EQ(SeverityName(Severity::kError), "ERROR");
  EXPECT_EQ(SeverityName(Severity::kFatal), "FATAL");
  EXPECT_EQ(SeverityName(Severity::kPanic), "PANIC");
  EXPECT_EQ(SeverityName(Severity::kWarning), "WARNING");
  EXPECT_EQ(SeverityName(Severity::kNotice), "NOTICE");
  EXPECT_EQ(SeverityName(Severity::kDebug), "DEBUG");
  EXPECT_EQ(SeverityName(Severity::kInfo), "INFO");
  EXPECT_EQ(SeverityName(Severity::kLog), "LOG");
}

TEST(PgwireBackendTest, CopyMessagesAreByteExact) {
  MessageWriter writer;
  const FormatCode text_columns[] = {FormatCode::kText, FormatCode::kText};
  ASSERT_TRUE(writer.WriteCopyInResponse(FormatCode::kText, text_columns).ok());
  // 4 + overall 1 + count 2 + 2 * 2 = 11.
  EXPECT_EQ(writer.TakeData(), "G\x00\x00\x00\x0B\x00\x00\x02\x00\x00\x00\x00"s);
  const FormatCode binary_column[] = {FormatCode::kBinary};
  ASSERT_TRUE(writer.WriteCopyOutResponse(FormatCode::kBinary, binary_column).ok());
  EXPECT_EQ(writer.TakeData(), "H\x00\x00\x00\x09\x01\x00\x01\x00\x01"s);
  ASSERT_TRUE(writer.WriteCopyData("a\0c"s).ok());
  writer.WriteCopyDone();
  EXPECT_EQ(writer.TakeData(),
            "d\x00\x00\x00\x07\x61\x00\x63"
            "c\x00\x00\x00\x04"s);
}

TEST(PgwireBackendTest, NegotiateProtocolVersionIsByteExact) {
  MessageWriter writer;
  const std::vector<std::string> options = {"_pq_.x"};
  writer.WriteNegotiateProtocolVersion(kProtocolVersion30, options);
  // 4 + version 4 + count 4 + "_pq_.x\0" 7 = 19.
  EXPECT_EQ(writer.data(), "v\x00\x00\x00\x13\x00\x03\x00\x00\x00\x00\x00\x01_pq_.x\0"s);
}

TEST(PgwireBackendTest, NulInsideACStringEndsItWithoutBreakingTheFraming) {
  MessageWriter writer;
  writer.WriteCommandComplete("SELECT 1\0Z\x00\x00\x00\x05I"s);
  writer.WriteParameterStatus("a\0b"s, "c");
  // CommandComplete: 4 + "SELECT 1\0" 9 = 13; ParameterStatus: 4 + "a\0" 2 + "c\0" 2 = 8.
  EXPECT_EQ(writer.data(),
            "C\x00\x00\x00\x0DSELECT 1\0S\x00\x00\x00\x08"
            "a\0c\0"s);
}

TEST(PgwireBackendTest, CountsAboveInt16AreRefusedWithoutWriting) {
  MessageWriter writer;
  writer.WriteNoData();
  const std::vector<std::optional<std::string_view>> row(32768, std::nullopt);
  const Status too_wide = writer.WriteDataRow(row);
  EXPECT_EQ(too_wide.sqlstate(), "54000");
  EXPECT_EQ(too_wide.message(),
            "DataRow has 32768 entries, more than the protocol's limit of 32767");
  const std::vector<FieldDescription> fields(32768);
  EXPECT_EQ(writer.WriteRowDescription(fields).sqlstate(), "54000");
  const std::vector<uint32_t> type_oids(40000, 23);
  EXPECT_EQ(writer.WriteParameterDescription(type_oids).sqlstate(), "54000");
  const std::vector<FormatCode> formats(32768, FormatCode::kText);
  EXPECT_EQ(writer.WriteCopyInResponse(FormatCode::kText, formats).message(),
            "CopyInResponse has 32768 entries, more than the protocol's limit of 32767");
  EXPECT_EQ(writer.WriteCopyOutResponse(FormatCode::kText, formats).sqlstate(), "54000");
  EXPECT_EQ(writer.data(), "n\x00\x00\x00\x04"s);  // only the message before them
  // The largest count fits.
  const std::vector<std::optional<std::string_view>> widest(32767, std::nullopt);
  EXPECT_TRUE(writer.WriteDataRow(widest).ok());
}

// What the writer produces, a frontend-style reader can cut back into the same messages.
TEST(PgwireBackendTest, WrittenStreamSplitsIntoFramedMessages) {
  MessageWriter writer;
  writer.WriteAuthenticationOk();
  writer.WriteParameterStatus("server_version", "16.0");
  writer.WriteBackendKeyData(7, 8);
  writer.WriteReadyForQuery(TransactionStatus::kIdle);
  const std::string_view stream = writer.data();
  std::string types;
  size_t offset = 0;
  while (offset + 5 <= stream.size()) {
    types.push_back(stream[offset]);
    uint32_t length = 0;
    for (int i = 1; i <= 4; ++i) length = (length << 8) | static_cast<uint8_t>(stream[offset + i]);
    offset += 1 + length;
  }
  EXPECT_EQ(offset, stream.size());
  EXPECT_EQ(types, "RSKZ");
}

}  // namespace
}  // namespace boyodb::server::pgwire
