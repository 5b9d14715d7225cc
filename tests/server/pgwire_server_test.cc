// boyodb-server's PostgreSQL wire protocol as real clients meet it: psql and psycopg2 log in
// with SCRAM-SHA-256 as the first start's admin (its generated password read from the data
// directory), run statements, see rows with PostgreSQL's types and errors with their SQLSTATE;
// wrong passwords and unknown users are refused alike; malformed startup packets and messages
// never take the server down.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/native_client.h"
#include "tests/support/server_process.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace boyodb::testing {
namespace {

class PgwireServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::system("command -v psql >/dev/null 2>&1") != 0) {
      GTEST_SKIP() << "psql is missing (scripts/setup-deps.sh installs postgresql-client)";
    }
    std::string error;
    std::optional<ServerProcess> started = ServerProcess::Start(
        BuiltProgram("boyodb-server", BOYO_SERVER_BINARY_DIR), dir_.Join("data"), {}, &error);
    ASSERT_TRUE(started.has_value()) << error;
    server_.emplace(std::move(*started));
    std::ifstream file(dir_.Join("data/admin_password"));
    ASSERT_TRUE(std::getline(file, password_)) << "the first start wrote no admin password";
  }

  // psql's output (stdout and stderr) and exit code for `arguments`, as `user`.
  std::pair<int, std::string> Psql(const std::string& arguments, const std::string& user = "admin",
                                   const std::string& password = "") {
    return RunCommand("PGPASSWORD='" + (password.empty() ? password_ : password) +
                      "' PGCONNECT_TIMEOUT=30 psql -X -h " + server_->host() + " -p " +
                      std::to_string(server_->pg_port()) + " -U " + user + " -d postgres " +
                      arguments + " 2>&1");
  }

  TempDir dir_;
  std::optional<ServerProcess> server_;
  std::string password_;
};

TEST_F(PgwireServerTest, PsqlRunsStatementsAndShowsRowsAndErrors) {
  const auto [created, create_output] = Psql(
      "-v ON_ERROR_STOP=1 -c 'CREATE TABLE t (a INT, b TEXT, c BOOL, d NUMERIC(5,2))' "
      "-c \"INSERT INTO t VALUES (1, 'x', true, 1.5), (2, NULL, false, NULL)\"");
  ASSERT_EQ(created, 0) << create_output;
  EXPECT_EQ(create_output, "CREATE TABLE\nINSERT 0 2\n");
  EXPECT_EQ(Psql("-c 'SELECT * FROM t ORDER BY a'").second,
            " a | b | c |  d   \n"
            "---+---+---+------\n"
            " 1 | x | t | 1.50\n"
            " 2 |   | f |     \n"
            "(2 rows)\n\n");
  // Several statements in one Query: each answered in turn, stopping at the first error.
  EXPECT_EQ(Psql("-A -t -c 'SELECT 1; SELECT 2'").second, "1\n2\n");
  const auto [failed, error_output] = Psql("-v VERBOSITY=verbose -c 'SELECT a FROM nope'");
  EXPECT_EQ(failed, 1);
  EXPECT_EQ(error_output,
            "ERROR:  42P01: relation \"nope\" does not exist\n"
            "LINE 1: SELECT a FROM nope\n"
            "                      ^\n");
  // A transaction block that failed refuses statements until ROLLBACK, as PostgreSQL does.
  const auto [block, block_output] =
      Psql("-c 'BEGIN' -c 'SELECT 1/0' -c 'SELECT 1' -c 'ROLLBACK' -c 'SELECT count(*) FROM t'");
  EXPECT_NE(block_output.find("ERROR:  division by zero"), std::string::npos) << block_output;
  EXPECT_NE(block_output.find("ERROR:  current transaction is aborted"), std::string::npos);
  EXPECT_NE(block_output.find("ROLLBACK"), std::string::npos);
}

TEST_F(PgwireServerTest, PsqlCopiesInAndOut) {
  ASSERT_EQ(Psql("-c 'CREATE TABLE c (a INT, b TEXT)'").first, 0);
  // COPY FROM STDIN takes psql's input; \copy is psql's client-side form of the same.
  const auto [copied, copy_output] =
      RunCommand("printf '1\\tx\\n2\\t\\\\N\\n' | PGPASSWORD='" + password_ + "' psql -X -h " +
                 server_->host() + " -p " + std::to_string(server_->pg_port()) +
                 " -U admin -d postgres -c 'COPY c FROM STDIN' 2>&1");
  EXPECT_EQ(copied, 0) << copy_output;
  EXPECT_EQ(copy_output, "COPY 2\n");
  EXPECT_EQ(Psql("-c 'COPY c TO STDOUT (FORMAT csv)'").second, "1,x\n2,\n");
  // A bad row fails the COPY with PostgreSQL's CONTEXT line and adds nothing.
  const auto [failed, failed_output] =
      RunCommand("printf '3\\ty\\nbad\\tz\\n' | PGPASSWORD='" + password_ + "' psql -X -h " +
                 server_->host() + " -p " + std::to_string(server_->pg_port()) +
                 " -U admin -d postgres -c 'COPY c FROM STDIN' 2>&1");
  EXPECT_EQ(failed, 1);
  EXPECT_EQ(failed_output,
            "ERROR:  invalid input syntax for type integer: \"bad\"\n"
            "CONTEXT:  COPY c, line 2, column a: \"bad\"\n");
  EXPECT_EQ(Psql("-A -t -c 'SELECT count(*) FROM c'").second, "2\n");
}

TEST_F(PgwireServerTest, WrongPasswordsAndUnknownUsersAreRefusedAlike) {
  const auto [wrong, wrong_output] = Psql("-c 'SELECT 1'", "admin", "Not-the-password-1");
  EXPECT_EQ(wrong, 2);
  EXPECT_NE(wrong_output.find("FATAL:  password authentication failed for user \"admin\""),
            std::string::npos)
      << wrong_output;
  const auto [unknown, unknown_output] = Psql("-c 'SELECT 1'", "nobody", "Not-the-password-1");
  EXPECT_EQ(unknown, 2);
  EXPECT_NE(unknown_output.find("FATAL:  password authentication failed for user \"nobody\""),
            std::string::npos)
      << unknown_output;
  // A user created over the wire logs in with its own password; a role without LOGIN cannot.
  ASSERT_EQ(
      Psql(
          "-v ON_ERROR_STOP=1 -c \"CREATE USER dana PASSWORD 'Blue-s3cret'\" -c 'CREATE ROLE team'")
          .first,
      0);
  EXPECT_EQ(Psql("-A -t -c 'SELECT current_user'", "dana", "Blue-s3cret").second, "dana\n");
  EXPECT_EQ(Psql("-c 'SELECT 1'", "team", "Blue-s3cret").first, 2);
}

TEST_F(PgwireServerTest, PasswordAndLockoutPoliciesComeFromTheFlags) {
  // A second server, on a directory of its own, with stricter settings.
  TempDir other;
  std::string error;
  std::optional<ServerProcess> strict = ServerProcess::Start(
      BuiltProgram("boyodb-server", BOYO_SERVER_BINARY_DIR), other.Join("data"),
      {"--password-min-length", "12", "--login-max-failures", "2", "--login-lockout-seconds", "60"},
      &error);
  ASSERT_TRUE(strict.has_value()) << error;
  std::string admin_password;
  std::getline(std::ifstream(other.Join("data/admin_password")), admin_password);
  const auto psql = [&strict](const std::string& password, const std::string& command) {
    return RunCommand("PGPASSWORD='" + password + "' PGCONNECT_TIMEOUT=30 psql -X -h " +
                      strict->host() + " -p " + std::to_string(strict->pg_port()) +
                      " -U admin -d postgres -c \"" + command + "\" 2>&1");
  };
  EXPECT_NE(psql(admin_password, "CREATE USER eve PASSWORD 'Short-pw-1'")
                .second.find("password must be at least 12 characters long"),
            std::string::npos);
  EXPECT_EQ(psql(admin_password, "CREATE USER eve PASSWORD 'Long-enough-1'").first, 0);
  EXPECT_EQ(psql("Wrong-password-1", "SELECT 1").first, 2);
  EXPECT_EQ(psql("Wrong-password-1", "SELECT 1").first, 2);
  const auto [locked, output] = psql(admin_password, "SELECT 1");
  EXPECT_EQ(locked, 2);
  EXPECT_NE(output.find("is locked after too many failed logins; try again in 60 seconds"),
            std::string::npos)
      << output;
}

TEST_F(PgwireServerTest, Psycopg2SeesTypedRowsParametersAndErrors) {
  const char* source = std::getenv("BOYO_SOURCE_DIR");
  const std::string script =
      std::string(source != nullptr ? source : ".") + "/tests/clients/psycopg2_client.py";
  // Debian's python3-psycopg2 belongs to Debian's own interpreter.
  if (std::system("/usr/bin/python3 -c 'import psycopg2' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3-psycopg2 is missing (scripts/setup-deps.sh installs it)";
  }
  const auto [status, output] =
      RunCommand("/usr/bin/python3 '" + script + "' " + server_->host() + " " +
                 std::to_string(server_->pg_port()) + " admin '" + password_ + "' 2>&1");
  ASSERT_EQ(status, 0) << output;
  EXPECT_EQ(output,
            "rowcount 1\n"
            "columns [('id', 20), ('name', 25), ('price', 1700), ('seen', 1184), ('ok', 16), "
            "('ratio', 701), ('day', 1082)]\n"
            "row [('int', '1'), ('str', \"it's\"), ('Decimal', '12.50'), ('datetime', "
            "'2024-05-06 07:08:09+00:00'), ('bool', 'True'), ('float', '0.25'), ('date', "
            "'2024-05-06')]\n"
            "row [('int', '2'), ('NoneType', 'None'), ('NoneType', 'None'), ('NoneType', "
            "'None'), ('NoneType', 'None'), ('NoneType', 'None'), ('NoneType', 'None')]\n"
            "parameters [(\"it's\",)]\n"
            "error 42P01\n"
            "error 22012\n"
            "error 25P02\n"
            "count 2\n");
}

// psql's \d commands read pg_catalog, and its output is PostgreSQL's but for what BoyoDB
// keeps differently: defaults and view queries as written (PostgreSQL deparses them with
// casts), skip-index methods instead of btree, and every object owned by the first superuser.
TEST_F(PgwireServerTest, PsqlDescribeCommandsReadThePgCatalog) {
  const auto [created, create_output] = Psql(
      "-v ON_ERROR_STOP=1 "
      "-c \"CREATE TABLE items (id SERIAL PRIMARY KEY, name VARCHAR(20) NOT NULL DEFAULT "
      "'none', price NUMERIC(10,2) CHECK (price >= 0), tags TEXT[], UNIQUE (name))\" "
      "-c 'CREATE INDEX items_price ON items (price)' "
      "-c 'CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10' "
      "-c 'CREATE SEQUENCE tickets START 100' -c 'CREATE SCHEMA sales' "
      "-c 'CREATE TABLE sales.orders (id BIGINT, at TIMESTAMPTZ)' "
      "-c \"CREATE USER clerk PASSWORD 'Counter-pass-123'\" -c 'GRANT readonly TO clerk'");
  ASSERT_EQ(created, 0) << create_output;
  EXPECT_EQ(Psql("-c '\\d'").second,
            "            List of relations\n"
            " Schema |     Name     |   Type   | Owner \n"
            "--------+--------------+----------+-------\n"
            " public | cheap        | view     | admin\n"
            " public | items        | table    | admin\n"
            " public | items_id_seq | sequence | admin\n"
            " public | tickets      | sequence | admin\n"
            "(4 rows)\n\n");
  EXPECT_EQ(Psql("-c '\\d items'").second,
            "                              Table \"public.items\"\n"
            " Column |         Type          | Collation | Nullable |         Default         \n"
            "--------+-----------------------+-----------+----------+-------------------------\n"
            " id     | integer               |           | not null | nextval('items_id_seq')\n"
            " name   | character varying(20) |           | not null | 'none'\n"
            " price  | numeric(10,2)         |           |          | \n"
            " tags   | text[]                |           |          | \n"
            "Indexes:\n"
            "    \"items_pkey\" PRIMARY KEY, minmax (id)\n"
            "    \"items_name_key\" UNIQUE CONSTRAINT, minmax (name)\n"
            "    \"items_price\" minmax (price)\n"
            "Check constraints:\n"
            "    \"items_price_check\" CHECK (price >= 0)\n\n");
  EXPECT_EQ(Psql("-c '\\d+ cheap'").second,
            "                            View \"public.cheap\"\n"
            " Column |  Type   | Collation | Nullable | Default | Storage  | Description \n"
            "--------+---------+-----------+----------+---------+----------+-------------\n"
            " id     | integer |           |          |         | plain    | \n"
            " name   | text    |           |          |         | extended | \n"
            "View definition:\n"
            "SELECT id, name FROM items WHERE price < 10\n\n");
  EXPECT_EQ(Psql("-c '\\d items_id_seq'").second,
            "                    Sequence \"public.items_id_seq\"\n"
            "  Type   | Start | Minimum |  Maximum   | Increment | Cycles? | Cache \n"
            "---------+-------+---------+------------+-----------+---------+-------\n"
            " integer |     1 |       1 | 2147483647 |         1 | no      |     1\n"
            "Owned by: public.items.id\n\n");
  EXPECT_EQ(Psql("-c '\\di'").second,
            "                List of relations\n"
            " Schema |      Name      | Type  | Owner | Table \n"
            "--------+----------------+-------+-------+-------\n"
            " public | items_name_key | index | admin | items\n"
            " public | items_pkey     | index | admin | items\n"
            " public | items_price    | index | admin | items\n"
            "(3 rows)\n\n");
  EXPECT_EQ(Psql("-c '\\dn'").second,
            "List of schemas\n"
            "  Name  | Owner \n"
            "--------+-------\n"
            " public | admin\n"
            " sales  | admin\n"
            " system | admin\n"
            "(3 rows)\n\n");
  EXPECT_EQ(Psql("-c '\\du'").second,
            "                             List of roles\n"
            " Role name |                  Attributes                   | Member of  \n"
            "-----------+-----------------------------------------------+------------\n"
            " admin     | Superuser, Create role, Create DB, Bypass RLS | {}\n"
            " clerk     |                                               | {readonly}\n"
            " readonly  | Cannot login                                  | {}\n"
            " readwrite | Cannot login                                  | {}\n\n");
  EXPECT_EQ(Psql("-c '\\dt sales.*'").second,
            "        List of relations\n"
            " Schema |  Name  | Type  | Owner \n"
            "--------+--------+-------+-------\n"
            " sales  | orders | table | admin\n"
            "(1 row)\n\n");
  const std::string databases = Psql("-c '\\l'").second;
  EXPECT_NE(databases.find(" sales   | admin | UTF8     | C       | C     |"), std::string::npos)
      << databases;
  // Anyone may read the catalog; nobody may write it.
  EXPECT_EQ(Psql("-A -t -c 'SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()'",
                 "clerk", "Counter-pass-123")
                .second,
            "1\n");
  EXPECT_EQ(Psql("-c 'DELETE FROM pg_class'").second,
            "ERROR:  permission denied: \"pg_class\" is a system catalog\n"
            "LINE 1: DELETE FROM pg_class\n"
            "                    ^\n");
  // information_schema, as ORMs and BI tools read it.
  EXPECT_EQ(
      Psql("-A -t -c \"SELECT table_schema, table_name, column_name, data_type, is_nullable, "
           "character_maximum_length, numeric_precision, numeric_scale, column_default FROM "
           "information_schema.columns WHERE table_schema IN ('public', 'sales') ORDER BY 1, 2, "
           "ordinal_position\" -c \"SELECT table_name, table_type FROM information_schema.tables "
           "WHERE table_schema IN ('public', 'sales') ORDER BY 1\" -c \"SELECT c.constraint_name, "
           "c.constraint_type, k.column_name FROM information_schema.table_constraints c LEFT "
           "JOIN information_schema.key_column_usage k USING (constraint_name) ORDER BY 1\"")
          .second,
      "public|cheap|id|integer|YES||32|0|\n"
      "public|cheap|name|text|YES||||\n"
      "public|items|id|integer|NO||32|0|nextval('items_id_seq')\n"
      "public|items|name|character varying|NO|20|||'none'\n"
      "public|items|price|numeric|YES||10|2|\n"
      "public|items|tags|ARRAY|YES||||\n"
      "sales|orders|id|bigint|YES||64|0|\n"
      "sales|orders|at|timestamp with time zone|YES||||\n"
      "cheap|VIEW\n"
      "items|BASE TABLE\n"
      "orders|BASE TABLE\n"
      "items_name_key|UNIQUE|name\n"
      "items_pkey|PRIMARY KEY|id\n"
      "items_price_check|CHECK|\n");
}

TEST_F(PgwireServerTest, MalformedInputNeverTakesTheServerDown) {
  const auto packet = [](uint32_t length, const std::string& body) {
    std::string out = {static_cast<char>(length >> 24), static_cast<char>((length >> 16) & 0xFF),
                       static_cast<char>((length >> 8) & 0xFF), static_cast<char>(length & 0xFF)};
    return out + body;
  };
  const std::string startup_v3 = std::string("\x00\x03\x00\x00", 4) + "user\0admin\0\0";
  const std::vector<std::string> corpus = {
      std::string("\xff\xff\xff\xff", 4),             // absurd length
      packet(8, std::string("\x00\x02\x00\x00", 4)),  // protocol 2
      packet(7, "abc"),                               // too short
      packet(static_cast<uint32_t>(startup_v3.size() + 4), startup_v3.substr(0, 8)),  // cut off
      packet(static_cast<uint32_t>(startup_v3.size() + 4), startup_v3) + "Q\xff\xff\xff\xff",
      packet(8, std::string("\x04\xd2\x16\x2f", 4)) + "garbage",  // SSLRequest, then bytes
      std::string(3000, '\x07'),
  };
  for (const std::string& bytes : corpus) {
    std::optional<NativeClient> client = NativeClient::Connect(server_->host(), server_->pg_port());
    ASSERT_TRUE(client.has_value());
    client->SendRaw(bytes);
    client->ClosedByServer(std::chrono::seconds(5));
  }
  const auto [status, output] = Psql("-A -t -c 'SELECT 40 + 2'");
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "42\n");
}

}  // namespace
}  // namespace boyodb::testing
