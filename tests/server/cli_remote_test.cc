// boyodb-cli connected to a real boyodb-server over the native protocol, as a user runs it:
// -c and -f with the password from BOYODB_PASSWORD or --password-file, aligned and CSV output,
// command tags, errors printed exactly as with --embedded (caret, SQLSTATE), COPY FROM STDIN,
// a wrong password (exit 2, 28P01), a database to start in, and TLS 1.3 with mutual TLS
// (certificates made with the openssl command for the run).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/server_process.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace boyodb::testing {
namespace {

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string CliBinary() { return BuiltProgram("boyodb-cli", BOYO_SERVER_BINARY_DIR); }

class CliRemoteTest : public ::testing::Test {
 protected:
  void StartServer(const std::vector<std::string>& extra_args = {}) {
    std::string error;
    std::optional<ServerProcess> started =
        ServerProcess::Start(BuiltProgram("boyodb-server", BOYO_SERVER_BINARY_DIR),
                             dir_.Join("data"), extra_args, &error);
    ASSERT_TRUE(started.has_value()) << error;
    server_.emplace(std::move(*started));
    std::ifstream file(dir_.Join("data/admin_password"));
    ASSERT_TRUE(std::getline(file, password_)) << "the first start wrote no admin password";
  }

  // boyodb-cli with `arguments`, the password in BOYODB_PASSWORD (none when `password` is
  // nullptr) and `input` on stdin.
  Outcome Run(const std::vector<std::string>& arguments, const std::string& input = "",
              const std::string* password = nullptr) {
    std::ofstream(dir_.Join("in")) << input;
    std::string command = "env -u BOYODB_PASSWORD ";
    if (password != nullptr) command += "BOYODB_PASSWORD=" + ShellQuote(*password) + " ";
    command += ShellQuote(CliBinary()) + " --history ''";
    for (const std::string& argument : arguments) command += " " + ShellQuote(argument);
    command += " <" + ShellQuote(dir_.Join("in")) + " 2>" + ShellQuote(dir_.Join("err"));
    Outcome outcome;
    std::tie(outcome.exit_code, outcome.out) = RunCommand(command);
    outcome.err = ReadFileContents(dir_.Join("err"));
    return outcome;
  }

  // boyodb-cli connected to the server as admin.
  Outcome Remote(std::vector<std::string> arguments, const std::string& input = "") {
    std::vector<std::string> all = {
        "--host", server_->host(), "--port", std::to_string(server_->native_port()), "-U", "admin"};
    all.insert(all.end(), arguments.begin(), arguments.end());
    return Run(all, input, &password_);
  }

  // boyodb-cli on a data directory of its own, for comparison.
  Outcome Embedded(std::vector<std::string> arguments, const std::string& input = "") {
    std::vector<std::string> all = {"--embedded", dir_.Join("embedded")};
    all.insert(all.end(), arguments.begin(), arguments.end());
    return Run(all, input);
  }

  TempDir dir_;
  std::optional<ServerProcess> server_;
  std::string password_;
};

TEST_F(CliRemoteTest, QueriesPrintAsInPsql) {
  StartServer();
  Outcome created = Remote(
      {"-c", "CREATE TABLE t (id integer NOT NULL, name text, price numeric(6,2), ok boolean)",
       "-c",
       "INSERT INTO t VALUES (1, 'apple', 1.5, true), (22, NULL, NULL, false), "
       "(3, 'kiwi', 10.25, NULL)"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_EQ(created.out, "CREATE TABLE\nINSERT 0 3\n");
  EXPECT_EQ(created.err, "");

  Outcome aligned = Remote({"-c", "SELECT * FROM t ORDER BY id"});
  EXPECT_EQ(aligned.exit_code, 0) << aligned.err;
  EXPECT_EQ(aligned.out,
            " id | name  | price | ok \n"
            "----+-------+-------+----\n"
            "  1 | apple |  1.50 | t\n"
            "  3 | kiwi  | 10.25 | \n"
            " 22 |       |       | f\n"
            "(3 rows)\n"
            "\n");

  Outcome csv = Remote({"--csv", "-c", "SELECT id, name, price FROM t ORDER BY id"});
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out, "id,name,price\n1,apple,1.50\n3,kiwi,10.25\n22,,\n");

  // Several statements in one -c: each answered, as psql answers them.
  Outcome block = Remote({"-c", "BEGIN; UPDATE t SET ok = true WHERE id = 3; COMMIT"});
  EXPECT_EQ(block.exit_code, 0) << block.err;
  EXPECT_EQ(block.out, "BEGIN\nUPDATE 1\nCOMMIT\n");

  Outcome json = Remote({"--json", "-c", "SELECT count(*) AS n FROM t WHERE ok"});
  EXPECT_EQ(json.out, "{\"n\":2}\n");
}

TEST_F(CliRemoteTest, ErrorsShowAsInEmbeddedMode) {
  StartServer();
  const std::string script =
      "CREATE TABLE t (a integer);\n"
      "INSERT INTO t VALUES (1);\n"
      "SELECT a,\n"
      "       b FROM t;\n"
      "SELECT 'not reached';\n";
  std::ofstream(dir_.Join("script.sql")) << script;
  const std::string file = dir_.Join("script.sql");
  Outcome remote = Remote({"-f", file});
  Outcome embedded = Embedded({"-f", file});
  EXPECT_EQ(remote.exit_code, 1);
  EXPECT_EQ(embedded.exit_code, 1);
  EXPECT_EQ(remote.out, "CREATE TABLE\nINSERT 0 1\n");
  EXPECT_EQ(remote.out, embedded.out);
  EXPECT_EQ(remote.err, embedded.err);
  EXPECT_EQ(remote.err, file +
                            ":3: ERROR:  column \"b\" does not exist\n"
                            "LINE 2:        b FROM t\n"
                            "               ^\n"
                            "SQLSTATE: 42703\n");

  // The statements of a -c run one by one, the caret under the failing one's error.
  Outcome second = Remote({"-c", "SELECT 1; SELECT nope FROM t"});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_EQ(second.out, " ?column? \n----------\n        1\n(1 row)\n\n");
  EXPECT_EQ(second.err, Embedded({"-c", "SELECT 1; SELECT nope FROM t"}).err);
  EXPECT_EQ(second.err,
            "ERROR:  column \"nope\" does not exist\n"
            "LINE 1: SELECT nope FROM t\n"
            "               ^\n"
            "SQLSTATE: 42703\n");
}

TEST_F(CliRemoteTest, TextThatIsNotUtf8IsRefusedBeforeSending) {
  StartServer();
  // JSON could carry it only altered.
  Outcome outcome = Remote({"-c", "SELECT 'caf\xe9'"});
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_EQ(outcome.err,
            "ERROR:  invalid byte sequence for encoding \"UTF8\": 0xe9 0x27\nSQLSTATE: 22021\n");
}

TEST_F(CliRemoteTest, WrongPasswordExitsWithTwo) {
  StartServer();
  const std::string wrong = "Not-the-password-1";
  Outcome outcome = Run({"--host", server_->host(), "--port",
                         std::to_string(server_->native_port()), "-c", "SELECT 1"},
                        "", &wrong);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.out, "");
  EXPECT_EQ(outcome.err,
            "ERROR:  password authentication failed for user \"admin\"\nSQLSTATE: 28P01\n");
  // Without any password and without a terminal: nothing is sent.
  Outcome none = Run({"--port", std::to_string(server_->native_port()), "-c", "SELECT 1"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err,
            "ERROR:  no password supplied: set BOYODB_PASSWORD, pass --password-file FILE, or run "
            "on a terminal to be asked\nSQLSTATE: 28000\n");
  // The server's admin_password file works as a password file.
  Outcome with_file = Run({"--port", std::to_string(server_->native_port()), "--password-file",
                           dir_.Join("data/admin_password"), "--csv", "-c", "SELECT current_user"});
  EXPECT_EQ(with_file.exit_code, 0) << with_file.err;
  EXPECT_EQ(with_file.out, "current_user\nadmin\n");
}

TEST_F(CliRemoteTest, NoServerListeningExitsWithTwo) {
  StartServer();
  const int port = server_->native_port();
  ASSERT_EQ(WEXITSTATUS(server_->Terminate()), 0);
  server_.reset();
  Outcome outcome = Run({"--port", std::to_string(port), "-c", "SELECT 1"}, "", &password_);
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.err, "ERROR:  connection to server at \"127.0.0.1\", port " +
                             std::to_string(port) +
                             " failed: Connection refused\nSQLSTATE: 08001\n");
}

TEST_F(CliRemoteTest, DatabasesAndConnect) {
  StartServer();
  ASSERT_EQ(Remote({"-c", "CREATE DATABASE shop"}).exit_code, 0);
  Outcome started = Remote({"-d", "shop", "--csv", "-c", "SELECT current_schema()", "-c",
                            "\\c default", "-c", "SELECT current_schema()"});
  EXPECT_EQ(started.exit_code, 0) << started.err;
  EXPECT_EQ(started.out,
            "current_schema\nshop\nYou are now connected to database \"default\".\n"
            "current_schema\ndefault\n");
  Outcome missing = Remote({"-d", "nope", "-c", "SELECT 1"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "ERROR:  schema \"nope\" does not exist\nSQLSTATE: 3F000\n");
  Outcome connect = Remote({"-c", "\\c nope"});
  EXPECT_EQ(connect.exit_code, 1);
  EXPECT_EQ(connect.err, "\\connect: database \"nope\" does not exist\nPrevious connection kept\n");
  // The catalog commands read the server's catalog.
  ASSERT_EQ(Remote({"-c", "CREATE TABLE shop.items (id bigint NOT NULL, name text)"}).exit_code, 0);
  Outcome listed = Remote({"-c", "\\dt shop"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out,
            "        List of relations\n"
            " Database | Name  | Type  | Rows \n"
            "----------+-------+-------+------\n"
            " shop     | items | table |    0\n"
            "(1 row)\n\n");
  Outcome described = Remote({"-d", "shop", "-c", "\\d items"});
  EXPECT_EQ(described.exit_code, 0) << described.err;
  EXPECT_EQ(described.out.substr(0, described.out.find("Codec:")),
            "          Table \"shop.items\"\n"
            " Column |  Type  | Nullable | Default \n"
            "--------+--------+----------+---------\n"
            " id     | bigint | not null | \n"
            " name   | text   |          | \n");
}

TEST_F(CliRemoteTest, CopyFromStdinBecomesAnIngest) {
  StartServer();
  ASSERT_EQ(Remote({"-c", "CREATE TABLE c (a integer, b text)"}).exit_code, 0);
  // Text format (tab-separated, \N for NULL), from the script's own lines up to \.
  Outcome text = Remote({"-f", "-"},
                        "COPY c FROM STDIN;\n"
                        "1\tx\n"
                        "2\t\\N\n"
                        "3\ttab\\there\n"
                        "\\.\n"
                        "COPY c FROM STDIN (FORMAT csv, HEADER);\n"
                        "a,b\n"
                        "4,\"quoted, comma\"\n"
                        "\\.\n"
                        "SELECT count(*) FROM c;\n");
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, "COPY 3\nCOPY 1\n count \n-------\n     4\n(1 row)\n\n");
  Outcome rows = Remote({"--csv", "-c", "SELECT a, b, b IS NULL AS missing FROM c ORDER BY a"});
  EXPECT_EQ(rows.out, "a,b,missing\n1,x,f\n2,,t\n3,tab\there,f\n4,\"quoted, comma\",f\n");

  // A bad row fails the whole COPY with the server's context, and adds nothing.
  Outcome bad = Remote({"-f", "-"}, "COPY c FROM STDIN;\n5\ty\nbad\tz\n\\.\n");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err,
            "<stdin>:1: ERROR:  invalid input syntax for type integer: \"bad\" (COPY c, line 2, "
            "column a: \"bad\")\nSQLSTATE: 22P02\n");
  EXPECT_EQ(Remote({"--csv", "-c", "SELECT count(*) FROM c"}).out, "count\n4\n");

  // COPY TO STDOUT has no way over the native protocol.
  Outcome out = Remote({"-c", "COPY c TO STDOUT"});
  EXPECT_EQ(out.exit_code, 1);
  EXPECT_EQ(out.err,
            "ERROR:  COPY TO STDOUT is not available over a server connection yet; run the query "
            "with \\pset format csv (or --csv) instead\nSQLSTATE: 0A000\n");
}

TEST_F(CliRemoteTest, JsonlModeAnswersAsEmbeddedModeDoes) {
  StartServer();
  // Several statements in one request answer with the last one's result; an error's position
  // counts from the start of the request.
  const std::string requests =
      "{\"sql\": \"SELECT 1 AS a, 'x' AS b\"}\n"
      "{\"sql\": \"CREATE TABLE j (n bigint); INSERT INTO j VALUES (7); SELECT n FROM j\"}\n"
      "{\"sql\": \"SELECT 1; SELECT nope FROM j\"}\n";
  Outcome remote = Remote({"--jsonl"}, requests);
  EXPECT_EQ(remote.exit_code, 0) << remote.err;
  EXPECT_EQ(remote.out,
            "{\"ok\": true, \"columns\": [\"a\", \"b\"], \"types\": [\"INTEGER\", \"TEXT\"], "
            "\"rows\": [[1, \"x\"]]}\n"
            "{\"ok\": true, \"columns\": [\"n\"], \"types\": [\"BIGINT\"], \"rows\": [[7]]}\n"
            "{\"ok\": false, \"error\": \"column \\\"nope\\\" does not exist (at character 18)\", "
            "\"code\": \"42703\"}\n");
  EXPECT_EQ(remote.out, Embedded({"--jsonl"}, requests).out);
}

// The openssl command, quiet; false when it fails.
bool OpenSsl(const std::string& arguments) {
  return RunCommand("openssl " + arguments + " >/dev/null 2>&1").first == 0;
}

TEST_F(CliRemoteTest, MutualTlsWithVerifiedCertificates) {
  if (std::system("command -v openssl >/dev/null 2>&1") != 0) GTEST_SKIP() << "openssl missing";
  // A CA; the server's certificate for 127.0.0.1; a client certificate; and a CA nobody uses.
  const std::string tls = dir_.Join("");
  const std::string new_key = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes";
  ASSERT_TRUE(OpenSsl("req -x509 " + new_key + " -keyout " + tls + "ca.key -out " + tls +
                      "ca.pem -days 2 -subj /CN=ca"));
  ASSERT_TRUE(OpenSsl("req -x509 " + new_key + " -keyout " + tls + "other.key -out " + tls +
                      "other.pem -days 2 -subj /CN=other"));
  const auto signed_certificate = [&](const std::string& name, const std::string& extensions) {
    std::ofstream(tls + name + ".ext") << extensions;
    return OpenSsl("req " + new_key + " -keyout " + tls + name + ".key -out " + tls + name +
                   ".csr -subj /CN=" + name) &&
           OpenSsl("x509 -req -in " + tls + name + ".csr -CA " + tls + "ca.pem -CAkey " + tls +
                   "ca.key -CAcreateserial -out " + tls + name + ".pem -days 2 -extfile " + tls +
                   name + ".ext");
  };
  ASSERT_TRUE(
      signed_certificate("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"));
  ASSERT_TRUE(signed_certificate("client", "extendedKeyUsage=clientAuth\n"));
  StartServer({"--tls-cert", tls + "server.pem", "--tls-key", tls + "server.key", "--tls-client-ca",
               tls + "ca.pem"});
  const std::string port = std::to_string(server_->native_port());

  const std::vector<std::string> client_certificate = {"--tls-ca",   tls + "ca.pem",
                                                       "--tls-cert", tls + "client.pem",
                                                       "--tls-key",  tls + "client.key"};
  std::vector<std::string> arguments = {"--host", "127.0.0.1", "--port", port};
  arguments.insert(arguments.end(), client_certificate.begin(), client_certificate.end());
  arguments.insert(arguments.end(), {"--csv", "-c", "SELECT current_user, 6 * 7 AS answer"});
  Outcome verified = Run(arguments, "", &password_);
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_EQ(verified.out, "current_user,answer\nadmin,42\n");

  // No client certificate: the server ends the connection in the handshake.
  Outcome anonymous =
      Run({"--port", port, "--tls-ca", tls + "ca.pem", "-c", "SELECT 1"}, "", &password_);
  EXPECT_EQ(anonymous.exit_code, 2);
  EXPECT_NE(anonymous.err.find("SQLSTATE: 08"), std::string::npos) << anonymous.err;

  // A server certificate the given CA did not sign, or for another name, is refused.
  std::vector<std::string> other_ca = {"--port",     port,
                                       "--tls-ca",   tls + "other.pem",
                                       "--tls-cert", tls + "client.pem",
                                       "--tls-key",  tls + "client.key",
                                       "-c",         "SELECT 1"};
  Outcome untrusted = Run(other_ca, "", &password_);
  EXPECT_EQ(untrusted.exit_code, 2);
  EXPECT_NE(untrusted.err.find("TLS handshake failed: server certificate verify failed"),
            std::string::npos)
      << untrusted.err;
  std::vector<std::string> other_name = {"--host", "localhost", "--port", port};
  other_name.insert(other_name.end(), client_certificate.begin(), client_certificate.end());
  other_name.insert(other_name.end(), {"-c", "SELECT 1"});
  Outcome mismatch = Run(other_name, "", &password_);
  EXPECT_EQ(mismatch.exit_code, 2);
  EXPECT_NE(mismatch.err.find("hostname mismatch"), std::string::npos) << mismatch.err;

  // Plain TCP to a TLS server gets nowhere either.
  Outcome plain = Run({"--port", port, "-c", "SELECT 1"}, "", &password_);
  EXPECT_EQ(plain.exit_code, 2);
}

}  // namespace
}  // namespace boyodb::testing
