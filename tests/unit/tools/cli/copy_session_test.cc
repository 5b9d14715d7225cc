// COPY through a Session: JSON and Arrow (which PostgreSQL cannot check), the client stream
// interface (STDIN/STDOUT), every SQLSTATE COPY raises with the context PostgreSQL gives, and
// atomicity: a bad row anywhere, even many blocks in, leaves the table unchanged.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/sqlstate.h"
#include "formats/ipc/file_reader.h"
#include "formats/ipc/stream_writer.h"
#include "tests/support/session_fixture.h"

namespace boyodb::engine {
namespace {

// A client whose STDIN is a string and whose STDOUT is collected.
class StringCopyClient final : public CopyClient {
 public:
  explicit StringCopyClient(std::string input) : input_(std::move(input)) {}
  Result<size_t> ReadCopyData(char* out, size_t n) override {
    // Small reads, so rows are cut across reads.
    const size_t take = std::min({n, input_.size() - offset_, size_t{7}});
    std::memcpy(out, input_.data() + offset_, take);
    offset_ += take;
    return take;
  }
  Status WriteCopyData(std::string_view data) override {
    output.append(data);
    return Status::OK();
  }
  std::string output;

 private:
  std::string input_;
  size_t offset_ = 0;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

class CopyTest : public SessionTest {
 protected:
  std::string File(const std::string& name) { return files_.Join(name); }
  std::string Tag(std::string_view sql) {
    Result<std::vector<StatementResult>> results = session_->Execute(sql);
    EXPECT_TRUE(results.ok()) << sql << ": " << results.status().ToString();
    return results.ok() ? results->back().command_tag : "";
  }
  testing::TempDir files_;
};

TEST_F(CopyTest, CommandTagCountsTheRows) {
  Exec("CREATE TABLE t (a integer, b text)");
  Exec("INSERT INTO t VALUES (1, 'x'), (2, NULL), (3, 'z')");
  EXPECT_EQ(Tag("COPY t TO '" + File("t.txt") + "'"), "COPY 3");
  EXPECT_EQ(ReadFile(File("t.txt")), "1\tx\n2\t\\N\n3\tz\n");
  Exec("CREATE TABLE u (a integer, b text)");
  EXPECT_EQ(Tag("COPY u FROM '" + File("t.txt") + "'"), "COPY 3");
  EXPECT_EQ(Run("SELECT a, b FROM u ORDER BY a"), "[[1, \"x\"], [2, null], [3, \"z\"]]");
}

TEST_F(CopyTest, JsonWritesNumbersAndBooleansBareAndReadsMissingKeysAsNull) {
  Exec(
      "CREATE TABLE t (i integer, d double precision, n numeric(6,2), f boolean, s text, "
      "dt date)");
  Exec(
      "INSERT INTO t VALUES (1, 1.5, 2.25, true, 'q\"uote', '2024-01-02'), "
      "(2, 'NaN', NULL, false, NULL, NULL)");
  EXPECT_EQ(Tag("COPY (SELECT * FROM t ORDER BY i) TO '" + File("t.json") + "' (FORMAT json)"),
            "COPY 2");
  EXPECT_EQ(ReadFile(File("t.json")),
            "{\"i\":1,\"d\":1.5,\"n\":2.25,\"f\":true,\"s\":\"q\\\"uote\",\"dt\":\"2024-01-02\"}\n"
            "{\"i\":2,\"d\":\"NaN\",\"n\":null,\"f\":false,\"s\":null,\"dt\":null}\n");
  Exec(
      "CREATE TABLE u (i integer, d double precision, n numeric(6,2), f boolean, s text, "
      "dt date)");
  EXPECT_EQ(Tag("COPY u FROM '" + File("t.json") + "' (FORMAT json)"), "COPY 2");
  EXPECT_EQ(Run("SELECT count(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM u) AS d"), "[[0]]");
  WriteFile(File("sparse.json"), "{\"s\": \"only s\"}\n{\"i\": 7, \"f\": \"t\"}\n");
  EXPECT_EQ(Tag("COPY u FROM '" + File("sparse.json") + "' (FORMAT json)"), "COPY 2");
  EXPECT_EQ(Run("SELECT i, f, s FROM u WHERE i IS NULL OR i = 7 ORDER BY i"),
            "[[7, true, null], [null, null, \"only s\"]]");
}

TEST_F(CopyTest, ArrowRoundTripsAndReadsTheStreamFormatToo) {
  Exec("CREATE TABLE t (i bigint, s text, ts timestamp, n numeric(10,3))");
  Exec("INSERT INTO t VALUES (1, 'a', '2024-01-01 00:00:01', 1.5), (2, NULL, NULL, NULL)");
  EXPECT_EQ(Tag("COPY t TO '" + File("t.arrow") + "' (FORMAT arrow)"), "COPY 2");
  const std::string bytes = ReadFile(File("t.arrow"));
  ASSERT_GE(bytes.size(), 12u);
  EXPECT_EQ(bytes.substr(0, 6), "ARROW1");
  Result<std::vector<columnar::Chunk>> chunks = formats::ipc::ReadFile(bytes);
  ASSERT_TRUE(chunks.ok()) << chunks.status().ToString();
  Exec("CREATE TABLE u (i bigint, s text, ts timestamp, n numeric(10,3))");
  EXPECT_EQ(Tag("COPY u FROM '" + File("t.arrow") + "' (FORMAT arrow)"), "COPY 2");
  EXPECT_EQ(Run("SELECT count(*) FROM (SELECT * FROM t EXCEPT SELECT * FROM u) AS d"), "[[0]]");
  // The stream format, with a column type that needs a cast (bigint into integer).
  Result<std::string> stream = formats::ipc::WriteStream(chunks->front().schema(), *chunks);
  ASSERT_TRUE(stream.ok());
  WriteFile(File("t.arrows"), *stream);
  Exec("CREATE TABLE v (i integer, s text, ts timestamp, n numeric(10,3))");
  EXPECT_EQ(Tag("COPY v FROM '" + File("t.arrows") + "' (FORMAT arrow)"), "COPY 2");
  EXPECT_EQ(Run("SELECT i, s FROM v ORDER BY i"), "[[1, \"a\"], [2, null]]");
  // Fewer columns than the table: 22P04.
  Exec("CREATE TABLE w (i bigint)");
  EXPECT_EQ(Error("COPY w FROM '" + File("t.arrow") + "' (FORMAT arrow)").sqlstate(),
            sqlstate::kBadCopyFileFormat);
}

TEST_F(CopyTest, ArrowFileIsReadableByTheApacheArrowPackage) {
  const char* source = std::getenv("BOYO_SOURCE_DIR");
  const std::string interop = std::string(source != nullptr ? source : ".") + "/tests/interop";
  if (std::system("command -v node >/dev/null 2>&1") != 0 ||
      !std::filesystem::exists(interop + "/node_modules/apache-arrow")) {
    GTEST_SKIP() << "node or " << interop << "/node_modules/apache-arrow is missing";
  }
  Exec("CREATE TABLE t (i integer, s text, f double precision)");
  Exec("INSERT INTO t VALUES (1, 'one', 0.5), (2, NULL, NULL), (3, 'three', -2)");
  EXPECT_EQ(Tag("COPY t TO '" + File("t.arrow") + "' (FORMAT arrow)"), "COPY 3");
  const std::string command = "node '" + interop + "/read_arrow.mjs' '" + File("t.arrow") +
                              "' > '" + File("js.json") + "' 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << ReadFile(File("js.json"));
  const std::string js = ReadFile(File("js.json"));
  for (const char* expected : {"\"name\":\"i\"", "\"Int32\"", "\"Utf8\"", "\"three\""}) {
    EXPECT_NE(js.find(expected), std::string::npos) << expected << " in " << js;
  }
}

TEST_F(CopyTest, StdinAndStdoutGoThroughTheInstalledClient) {
  Exec("CREATE TABLE t (a integer, b text)");
  EXPECT_EQ(Error("COPY t FROM STDIN").sqlstate(), sqlstate::kFeatureNotSupported);
  EXPECT_EQ(Error("COPY t TO STDOUT").sqlstate(), sqlstate::kFeatureNotSupported);
  StringCopyClient client("1,\"multi\nline\"\n2,plain\n");
  session_->SetCopyClient(&client);
  EXPECT_EQ(Tag("COPY t FROM STDIN (FORMAT csv)"), "COPY 2");
  EXPECT_EQ(Tag("COPY t TO STDOUT (FORMAT csv, HEADER)"), "COPY 2");
  EXPECT_EQ(client.output, "a,b\n1,\"multi\nline\"\n2,plain\n");
  session_->SetCopyClient(nullptr);
}

TEST_F(CopyTest, BadValueNamesLineColumnAndValue) {
  Exec("CREATE TABLE t (a integer, b integer)");
  WriteFile(File("bad.csv"), "1,2\n3,4\n5,abc\n");
  const Status status = Error("COPY t FROM '" + File("bad.csv") + "' (FORMAT csv)");
  EXPECT_EQ(status.sqlstate(), sqlstate::kInvalidTextRepresentation);
  EXPECT_EQ(status.message(), "invalid input syntax for type integer: \"abc\"");
  ASSERT_FALSE(status.context().empty());
  EXPECT_EQ(status.context().back(), "COPY t, line 3, column b: \"abc\"");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[0]]");
}

TEST_F(CopyTest, ErrorsCarryPostgresqlsSqlstates) {
  Exec("CREATE TABLE t (a integer NOT NULL, b text)");
  const Status missing = Error("COPY t FROM '" + File("nope.csv") + "'");
  EXPECT_EQ(missing.sqlstate(), sqlstate::kUndefinedFile);
  EXPECT_EQ(missing.message(), "could not open file \"" + File("nope.csv") +
                                   "\" for reading: No such file or directory");
  WriteFile(File("one.txt"), "1\n");
  const Status few = Error("COPY t FROM '" + File("one.txt") + "'");
  EXPECT_EQ(few.sqlstate(), sqlstate::kBadCopyFileFormat);
  EXPECT_EQ(few.message(), "missing data for column \"b\"");
  WriteFile(File("three.txt"), "1\tx\ty\n");
  EXPECT_EQ(Error("COPY t FROM '" + File("three.txt") + "'").message(),
            "extra data after last expected column");
  EXPECT_EQ(Error("COPY t FROM '" + File("one.txt") + "' (FORMAT xml)").sqlstate(),
            sqlstate::kInvalidParameterValue);
  EXPECT_EQ(Error("COPY t FROM '" + File("one.txt") + "' (BOGUS 1)").sqlstate(),
            sqlstate::kSyntaxError);
  EXPECT_EQ(Error("COPY t FROM '" + File("one.txt") + "' (FORMAT csv, HEADER, HEADER)").sqlstate(),
            sqlstate::kSyntaxError);
  EXPECT_EQ(Error("COPY t FROM '" + File("one.txt") + "' (QUOTE '\"')").sqlstate(),
            sqlstate::kFeatureNotSupported);
  EXPECT_EQ(Error("COPY t FROM '" + File("one.txt") + "' (FORMAT csv, DELIMITER '\"')").sqlstate(),
            sqlstate::kInvalidParameterValue);
  EXPECT_EQ(Error("COPY t (a, zz) FROM '" + File("one.txt") + "'").sqlstate(),
            sqlstate::kUndefinedColumn);
  WriteFile(File("null.txt"), "\\N\tx\n");
  EXPECT_EQ(Error("COPY t FROM '" + File("null.txt") + "'").sqlstate(),
            sqlstate::kNotNullViolation);
  EXPECT_EQ(Error("COPY t TO '" + File("no/such/dir/out.txt") + "'").sqlstate(),
            sqlstate::kUndefinedFile);
}

TEST_F(CopyTest, BadRowManyBlocksInLeavesTheTableUnchanged) {
  Exec("CREATE TABLE t (a integer, b text)");
  Exec("INSERT INTO t VALUES (0, 'before')");
  std::string input;
  const int rows = 200'000;  // several of CopyReader's blocks, and more than one segment's worth
  for (int i = 1; i <= rows; ++i) input += std::to_string(i) + ",row\n";
  input += "oops,row\n";
  WriteFile(File("big.csv"), input);
  const Status status = Error("COPY t FROM '" + File("big.csv") + "' (FORMAT csv)");
  EXPECT_EQ(status.sqlstate(), sqlstate::kInvalidTextRepresentation);
  EXPECT_EQ(status.context().back(),
            "COPY t, line " + std::to_string(rows + 1) + ", column a: \"oops\"");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[1]]");
  // Without the bad row, all of it arrives.
  input.resize(input.size() - std::string("oops,row\n").size());
  WriteFile(File("big.csv"), input);
  EXPECT_EQ(Tag("COPY t FROM '" + File("big.csv") + "' (FORMAT csv)"),
            "COPY " + std::to_string(rows));
  EXPECT_EQ(Run("SELECT count(*), sum(a) FROM t"), "[[200001, 20000100000]]");
  Reopen();
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[200001]]");
}

TEST_F(CopyTest, CharacterColumnsTakeValuesOfTheirLengthOnly) {
  Exec("CREATE TABLE t (id integer, name varchar(4), code char(2) DEFAULT 'x')");
  WriteFile(File("fits.csv"), "1,abcd\n2,ab   \n3,\n");
  Exec("COPY t (id, name) FROM '" + File("fits.csv") + "' (FORMAT csv)");
  EXPECT_EQ(Run("SELECT id, name, code FROM t ORDER BY id"),
            "[[1, \"abcd\", \"x\"], [2, \"ab  \", \"x\"], [3, null, \"x\"]]");
  WriteFile(File("too_long.csv"), "4,ab,xy\n5,abcde,xy\n");
  const Status status = Error("COPY t FROM '" + File("too_long.csv") + "' (FORMAT csv)");
  EXPECT_EQ(status.sqlstate(), sqlstate::kStringDataRightTruncation);
  EXPECT_EQ(status.message(), "value too long for type character varying(4)");
  EXPECT_EQ(status.context().back(), "COPY t, line 2, column name: \"abcde\"");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[3]]");
}

TEST_F(CopyTest, TheFirstBadLineIsReportedWhenBlocksAreConvertedWhileTheNextIsRead) {
  Exec("CREATE TABLE t (a integer, b text)");
  // A bad value in the second block of rows and a short row in the third: the value's error
  // comes first, as it does in PostgreSQL, though the third block is read while the second is
  // converted.
  std::string input;
  for (int i = 1; i <= 150'000; ++i) {
    if (i == 70'000) {
      input += "x70000,row\n";
    } else if (i == 140'000) {
      input += "140000\n";
    } else {
      input += std::to_string(i) + ",row\n";
    }
  }
  WriteFile(File("two_errors.csv"), input);
  Status status = Error("COPY t FROM '" + File("two_errors.csv") + "' (FORMAT csv)");
  EXPECT_EQ(status.sqlstate(), sqlstate::kInvalidTextRepresentation);
  EXPECT_EQ(status.context().back(), "COPY t, line 70000, column a: \"x70000\"");
  // Only the short row: its framing error, with its line.
  input.replace(input.find("x70000"), 6, "70000");
  WriteFile(File("two_errors.csv"), input);
  status = Error("COPY t FROM '" + File("two_errors.csv") + "' (FORMAT csv)");
  EXPECT_EQ(status.sqlstate(), sqlstate::kBadCopyFileFormat);
  EXPECT_EQ(status.context().back(), "COPY t, line 140000");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[0]]");
}

TEST_F(CopyTest, ColumnListFillsDefaultsAndTransactionsKeepRowsForCommit) {
  Exec("CREATE TABLE t (a integer, b text DEFAULT 'dflt', c integer)");
  WriteFile(File("a.txt"), "1\n2\n");
  EXPECT_EQ(Tag("COPY t (a) FROM '" + File("a.txt") + "'"), "COPY 2");
  EXPECT_EQ(Run("SELECT a, b, c FROM t ORDER BY a"), "[[1, \"dflt\", null], [2, \"dflt\", null]]");
  Exec("BEGIN");
  EXPECT_EQ(Tag("COPY t (c) FROM '" + File("a.txt") + "'"), "COPY 2");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[4]]");
  Exec("ROLLBACK");
  EXPECT_EQ(Run("SELECT count(*) FROM t"), "[[2]]");
  Exec("BEGIN");
  EXPECT_EQ(Tag("COPY t (c) FROM '" + File("a.txt") + "'"), "COPY 2");
  Exec("COMMIT");
  EXPECT_EQ(Run("SELECT count(*) FROM t WHERE c IS NOT NULL"), "[[2]]");
}

}  // namespace
}  // namespace boyodb::engine
