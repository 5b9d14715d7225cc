// boyodb-server's native protocol, tested as clients meet it: a real server process on
// 127.0.0.1 (port 0), stopped by its process id. An apache-arrow client (tests/interop/
// native_client.mjs) ingests and queries; a corpus of malformed frames must never take the
// server down; a request waiting for a lock must not hold up other connections; SIGTERM must
// keep every acknowledged row.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/native_client.h"
#include "tests/support/server_process.h"
#include "tests/support/subprocess.h"
#include "tests/support/temp_dir.h"

namespace boyodb::testing {
namespace {

using nlohmann::json;

std::string ServerBinary() { return BuiltProgram("boyodb-server", BOYO_SERVER_BINARY_DIR); }

class NativeServerTest : public ::testing::Test {
 protected:
  void SetUp() override { StartServer(); }

  void StartServer(const std::vector<std::string>& extra_args = {}) {
    std::string error;
    server_.reset();
    std::optional<ServerProcess> started =
        ServerProcess::Start(ServerBinary(), dir_.Join("data"), extra_args, &error);
    ASSERT_TRUE(started.has_value()) << error;
    server_.emplace(std::move(*started));
    std::ifstream file(dir_.Join("data/admin_password"));
    ASSERT_TRUE(std::getline(file, password_)) << "the first start wrote no admin password";
  }

  // A connection logged in as the first start's admin.
  NativeClient Connect() {
    NativeClient client = ConnectWithoutLogin();
    const json login =
        client.Request({{"op", "login"}, {"user", "admin"}, {"password", password_}});
    EXPECT_EQ(login["status"], "ok") << login.dump();
    return client;
  }
  NativeClient ConnectWithoutLogin() {
    std::optional<NativeClient> client =
        NativeClient::Connect(server_->host(), server_->native_port());
    EXPECT_TRUE(client.has_value()) << "cannot connect to the server";
    return std::move(*client);
  }

  // The server answers a plain query on a new connection.
  void ExpectServing(const std::string& after) {
    NativeClient client = Connect();
    const json answer = client.Request({{"op", "query"}, {"sql", "SELECT 41 + 1 AS x"}});
    ASSERT_FALSE(answer.is_discarded()) << "no answer after " << after;
    EXPECT_EQ(answer["status"], "ok") << "after " << after << ": " << answer.dump();
    EXPECT_EQ(answer["rows"], 1) << "after " << after;
  }

  TempDir dir_;
  std::optional<ServerProcess> server_;
  std::string password_;
};

TEST_F(NativeServerTest, ApacheArrowClientIngestsAndQueries) {
  const char* source = std::getenv("BOYO_SOURCE_DIR");
  const std::string interop_dir = std::string(source != nullptr ? source : ".") + "/tests/interop";
  if (std::system("command -v node >/dev/null 2>&1") != 0) GTEST_SKIP() << "node is not on PATH";
  if (!std::filesystem::exists(interop_dir + "/node_modules/apache-arrow")) {
    GTEST_SKIP() << interop_dir << "/node_modules/apache-arrow is missing (scripts/setup-deps.sh)";
  }
  const auto [status, output] =
      RunCommand("node '" + interop_dir + "/native_client.mjs' " + server_->host() + " " +
                 std::to_string(server_->native_port()) + " admin '" + password_ + "'");
  ASSERT_EQ(status, 0) << output;
  const json seen = json::parse(output, nullptr, false);
  ASSERT_FALSE(seen.is_discarded()) << output;

  EXPECT_EQ(seen["login"], json::parse(R"({"status":"ok","user":"admin","superuser":true})"));
  EXPECT_EQ(seen["create"], json::parse(R"({"status":"ok","id":"c1","command":"CREATE TABLE"})"));
  EXPECT_EQ(seen["ingest_base64"]["command"], "COPY 3") << seen["ingest_base64"].dump();
  EXPECT_EQ(seen["ingest_binary"]["command"], "COPY 2") << seen["ingest_binary"].dump();
  EXPECT_EQ(seen["ingest_csv"]["rows_affected"], 2) << seen["ingest_csv"].dump();

  const json& base64 = seen["query_base64"];
  EXPECT_EQ(base64["status"], "ok");
  EXPECT_EQ(base64["id"], 42);
  EXPECT_EQ(base64["command"], "SELECT 7");
  EXPECT_EQ(base64["columns"], json::parse(R"([{"name":"id","type":"BIGINT"},
      {"name":"name","type":"TEXT"},{"name":"score","type":"DOUBLE PRECISION"}])"));
  EXPECT_EQ(base64["table"]["columns"], json::parse(R"([
      ["1","2","3","4","5","6","7"],
      ["one",null,"three","four","five","six",null],
      [1.5,2.5,null,4.25,-5,6.5,null]])"));

  const json& binary = seen["query_binary"];
  EXPECT_EQ(binary["status"], "ok");
  EXPECT_EQ(binary["binary"], true);
  EXPECT_EQ(binary["rows"], 100000);
  EXPECT_EQ(binary["num_rows"], 100000);
  EXPECT_EQ(binary["sum"], "5000050000");
  EXPECT_EQ(binary["sevens"], 14285);
  EXPECT_EQ(binary["last_s"], "x100000");
  // The result went out a batch per frame, not as one piece.
  EXPECT_GT(binary["frames"].get<int>(), 2);
  EXPECT_EQ(binary["frames"].get<int>(), binary["num_batches"].get<int>() + 1);

  EXPECT_EQ(seen["error"], json::parse(R"({"status":"error","id":"e","code":"42P01",
                "message":"relation \"missing_table\" does not exist","position":15})"));
}

TEST_F(NativeServerTest, MalformedInputNeverTakesTheServerDown) {
  // Each entry: raw bytes to send, and whether the server must answer with an error frame
  // (then the same connection must still work, unless the frame was too large to skip).
  struct Case {
    std::string name;
    std::string bytes;
    bool expect_error_frame;
    bool connection_survives;
  };
  const auto frame = [](const std::string& payload) {
    const auto size = static_cast<uint32_t>(payload.size());
    std::string out = {static_cast<char>(size >> 24), static_cast<char>((size >> 16) & 0xFF),
                       static_cast<char>((size >> 8) & 0xFF), static_cast<char>(size & 0xFF)};
    return out + payload;
  };
  std::string garbage;
  for (int i = 0; i < 3000; ++i) garbage.push_back(static_cast<char>((i * 7919) % 251));
  const std::vector<Case> corpus = {
      {"oversize length", std::string("\xff\xff\xff\xff", 4), true, false},
      {"length over the limit", std::string("\x04\x00\x00\x01", 4) + "{}", true, false},
      {"empty frame", frame(""), true, true},
      {"not json", frame("SELECT 1"), true, true},
      {"json array", frame("[1,2,3]"), true, true},
      {"json string", frame("\"query\""), true, true},
      {"truncated json", frame("{\"op\":\"query\",\"sql\":"), true, true},
      {"invalid utf-8", frame("{\"op\":\"query\",\"sql\":\"SELECT '\xff\xfe'\"}"), true, true},
      {"unknown op", frame(R"({"op":"drop_everything"})"), true, true},
      {"op not a string", frame(R"({"op":7})"), true, true},
      {"missing sql", frame(R"({"op":"query"})"), true, true},
      {"sql not a string", frame(R"({"op":"query","sql":["SELECT 1"]})"), true, true},
      {"binary not a bool", frame(R"({"op":"query","sql":"SELECT 1","binary":"yes"})"), true, true},
      {"bad base64", frame(R"({"op":"ingest_ipc","table":"t","ipc_base64":"!!!!"})"), true, true},
      {"ipc garbage", frame(R"({"op":"ingest_ipc","table":"t","ipc_base64":"AAECAwQFBgcICQ=="})"),
       true, true},
      {"ipc of a missing table", frame(R"({"op":"ingest_ipc","table":"nope","ipc_base64":""})"),
       true, true},
      {"columns not an array", frame(R"({"op":"create_table","table":"x","columns":{}})"), true,
       true},
      {"bad column type",
       frame(R"({"op":"create_table","table":"x","columns":[{"name":"a","type":"NOPE"}]})"), true,
       true},
      {"bad sql", frame(R"({"op":"query","sql":"SELEC 1"})"), true, true},
      {"explain of two statements", frame(R"({"op":"explain","sql":"SELECT 1; SELECT 2"})"), true,
       true},
      {"unknown database", frame(R"({"op":"query","database":"nowhere","sql":"SELECT 1"})"), true,
       true},
      {"garbage bytes", garbage, false, false},
      {"truncated frame", std::string("\x00\x00\x01\x00", 4) + "{\"op\":", false, false},
      {"partial header", std::string("\x00\x00", 2), false, false},
  };
  {
    NativeClient setup = Connect();
    ASSERT_EQ(setup.Request({{"op", "query"}, {"sql", "CREATE TABLE t (a BIGINT)"}})["status"],
              "ok");
  }
  for (const Case& test : corpus) {
    SCOPED_TRACE(test.name);
    NativeClient client = Connect();
    ASSERT_TRUE(client.SendRaw(test.bytes));
    if (test.expect_error_frame) {
      const std::optional<std::string> response = client.ReadFrame();
      ASSERT_TRUE(response.has_value()) << "no error response";
      const json answer = json::parse(*response, nullptr, false);
      ASSERT_FALSE(answer.is_discarded()) << *response;
      EXPECT_EQ(answer["status"], "error") << *response;
      EXPECT_EQ(answer["code"].get<std::string>().size(), 5u) << *response;
      EXPECT_FALSE(answer["message"].get<std::string>().empty());
    }
    if (test.connection_survives) {
      const json answer = client.Request({{"op", "query"}, {"sql", "SELECT 1"}});
      EXPECT_EQ(answer["status"], "ok") << answer.dump();
    } else if (test.expect_error_frame) {
      EXPECT_TRUE(client.ClosedByServer()) << "the server kept a connection it cannot resync";
    }
    // Leaving with the input half sent must not hurt either.
  }
  ExpectServing("the whole corpus");
  // Many connections dropped at once, some mid-frame.
  {
    std::vector<NativeClient> clients;
    for (int i = 0; i < 50; ++i) {
      clients.push_back(Connect());
      if (i % 2 == 0) {
        ASSERT_TRUE(clients.back().SendRaw(std::string("\x00\x00\x10", 3)));
      }
    }
  }
  ExpectServing("50 dropped connections");
}

TEST_F(NativeServerTest, WaitingRequestDoesNotHoldUpOtherConnections) {
  NativeClient holder = Connect();
  NativeClient waiter = Connect();
  ASSERT_EQ(
      holder.Request({{"op", "query"}, {"sql", "CREATE TABLE k (id BIGINT, v BIGINT)"}})["status"],
      "ok");
  ASSERT_EQ(holder.Request({{"op", "query"}, {"sql", "INSERT INTO k VALUES (1, 10)"}})["status"],
            "ok");
  ASSERT_EQ(holder.Request({{"op", "query"}, {"sql", "BEGIN; UPDATE k SET v = 11"}})["status"],
            "ok");
  // The waiter's UPDATE waits for the holder's block; its answer comes later.
  ASSERT_TRUE(
      waiter.SendFrame(json({{"op", "query"}, {"sql", "UPDATE k SET v = v + 100"}}).dump()));
  EXPECT_FALSE(waiter.ReadFrame(std::chrono::milliseconds(300)).has_value());
  ExpectServing("a request started waiting for a lock");
  ASSERT_EQ(holder.Request({{"op", "query"}, {"sql", "COMMIT"}})["status"], "ok");
  const std::optional<std::string> waited = waiter.ReadFrame();
  ASSERT_TRUE(waited.has_value());
  EXPECT_EQ(json::parse(*waited)["command"], "UPDATE 1") << *waited;
  const json final_value = holder.Request({{"op", "query"}, {"sql", "SELECT v FROM k"}});
  EXPECT_EQ(final_value["rows"], 1);
}

TEST_F(NativeServerTest, SigtermShutsDownKeepingAcknowledgedRows) {
  {
    NativeClient client = Connect();
    ASSERT_EQ(client.Request({{"op", "query"}, {"sql", "CREATE TABLE kept (n BIGINT)"}})["status"],
              "ok");
    for (int i = 0; i < 20; ++i) {
      const json answer = client.Request(
          {{"op", "query"}, {"sql", "INSERT INTO kept SELECT g FROM generate_series(1, 500) g"}});
      ASSERT_EQ(answer["rows_affected"], 500) << answer.dump();
    }
    // Still connected when the signal comes.
    const int status = server_->Terminate();
    ASSERT_TRUE(WIFEXITED(status)) << "the server did not exit by itself";
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  // The memtable went to segments at shutdown: the rows are there without WAL replay too, but
  // either way every acknowledged row must be.
  StartServer();
  NativeClient client = Connect();
  const json answer = client.Request({{"op", "query"}, {"sql", "SELECT count(*) FROM kept"}});
  ASSERT_EQ(answer["status"], "ok") << answer.dump();
  EXPECT_EQ(answer["rows"], 1);
  const json explain = client.Request({{"op", "explain"}, {"sql", "SELECT count(*) FROM kept"}});
  EXPECT_EQ(explain["status"], "ok");
  const json counted =
      client.Request({{"op", "query"}, {"sql", "SELECT 1 FROM kept HAVING count(*) = 10000"}});
  EXPECT_EQ(counted["rows"], 1) << "rows were lost: " << counted.dump();
}

TEST_F(NativeServerTest, PreparedStatementsRunWithParameterValues) {
  NativeClient client = Connect();
  ASSERT_EQ(
      client.Request({{"op", "query"}, {"sql", "CREATE TABLE p (a BIGINT, b TEXT)"}})["status"],
      "ok");
  const json insert = client.Request(
      {{"op", "prepare"}, {"name", "ins"}, {"sql", "INSERT INTO p VALUES ($1, $2)"}});
  ASSERT_EQ(insert["status"], "ok") << insert.dump();
  EXPECT_EQ(insert["parameter_types"], json::parse(R"(["BIGINT", "TEXT"])"));
  EXPECT_TRUE(insert["columns"].is_null());
  for (const json& values : {json::parse(R"([1, "one"])"), json::parse(R"(["2", "it's"])"),
                             json::parse(R"([3, null])")}) {
    const json done = client.Request({{"op", "execute"}, {"name", "ins"}, {"parameters", values}});
    EXPECT_EQ(done["status"], "ok") << done.dump();
    EXPECT_EQ(done["rows_affected"], 1) << done.dump();
  }
  // The unnamed statement, with a declared parameter type.
  const json select = client.Request({{"op", "prepare"},
                                      {"sql", "SELECT a, b FROM p WHERE b = $1 OR a > $2"},
                                      {"parameter_types", json::parse(R"(["TEXT", null])")}});
  ASSERT_EQ(select["status"], "ok") << select.dump();
  EXPECT_EQ(select["columns"], json::parse(R"([{"name":"a","type":"BIGINT"},)"
                                           R"({"name":"b","type":"TEXT"}])"));
  const auto rows = [&](const json& values) {
    const json answer = client.Request({{"op", "execute"}, {"parameters", values}});
    EXPECT_EQ(answer["status"], "ok") << answer.dump();
    return answer["rows"];
  };
  EXPECT_EQ(rows(json::parse(R"(["it's", 5])")), 1);
  EXPECT_EQ(rows(json::parse(R"(["none", 1])")), 2);
  EXPECT_EQ(rows(json::parse(R"([null, null])")), 0);
  // Errors name what is wrong, and the connection goes on.
  const auto code = [&](const json& request) { return client.Request(request)["code"]; };
  EXPECT_EQ(code({{"op", "execute"}, {"name", "ins"}, {"parameters", json::parse("[1]")}}),
            "08P01");
  EXPECT_EQ(
      code({{"op", "execute"}, {"name", "ins"}, {"parameters", json::parse(R"(["x", "y"])")}}),
      "22P02");
  EXPECT_EQ(code({{"op", "prepare"}, {"name", "ins"}, {"sql", "SELECT 1"}}), "42P05");
  EXPECT_EQ(code({{"op", "prepare"}, {"sql", "SELECT * FROM nope WHERE a = $1"}}), "42P01");
  EXPECT_EQ(code({{"op", "execute"}, {"name", "nope"}}), "26000");
  EXPECT_EQ(code({{"op", "execute"}, {"name", "ins"}, {"parameters", json::parse("[[1], 2]")}}),
            "08P01");
  EXPECT_EQ(client.Request({{"op", "deallocate"}, {"name", "ins"}})["status"], "ok");
  EXPECT_EQ(code({{"op", "execute"}, {"name", "ins"}, {"parameters", json::parse("[4, \"d\"]")}}),
            "26000");
  const json count = client.Request({{"op", "query"}, {"sql", "SELECT * FROM p"}});
  EXPECT_EQ(count["rows"], 3) << count.dump();
}

TEST_F(NativeServerTest, LoginIsRequiredAndRepeatedFailuresLockTheUserOut) {
  NativeClient client = ConnectWithoutLogin();
  const json refused = client.Request({{"op", "query"}, {"sql", "SELECT 1"}});
  EXPECT_EQ(refused["code"], "28000") << refused.dump();
  const json wrong =
      client.Request({{"op", "login"}, {"user", "admin"}, {"password", "Not-it-123"}});
  EXPECT_EQ(wrong["code"], "28P01");
  EXPECT_EQ(wrong["message"], "password authentication failed for user \"admin\"");
  EXPECT_EQ(
      client.Request({{"op", "login"}, {"user", "ghost"}, {"password", "Not-it-123"}})["message"],
      "password authentication failed for user \"ghost\"");
  // Five failures in a row lock the user: then even the right password is refused.
  for (int i = 0; i < 4; ++i) {
    client.Request({{"op", "login"}, {"user", "admin"}, {"password", "Not-it-123"}});
  }
  const json locked = client.Request({{"op", "login"}, {"user", "admin"}, {"password", password_}});
  EXPECT_EQ(locked["code"], "28000") << locked.dump();
  EXPECT_NE(locked["message"].get<std::string>().find("locked"), std::string::npos);
}

TEST_F(NativeServerTest, ClusterStatusNamesTheBoundAddress) {
  NativeClient client = Connect();
  const json status = client.Request({{"op", "cluster_status"}, {"id", 1}});
  ASSERT_EQ(status["status"], "ok") << status.dump();
  EXPECT_EQ(status["mode"], "standalone");
  ASSERT_EQ(status["nodes"].size(), 1u);
  EXPECT_EQ(status["nodes"][0]["address"],
            server_->host() + ":" + std::to_string(server_->native_port()));
  EXPECT_EQ(status["nodes"][0]["role"], "leader");
}

TEST(NativeServerStartTest, RefusesAnAddressThatIsNotHostPort) {
  TempDir dir;
  const auto [status, output] =
      RunCommand("'" + ServerBinary() + "' '" + dir.Join("data") + "' 127.0.0.1 2>&1");
  EXPECT_EQ(status, 2);
  EXPECT_NE(output.find("invalid listen address \"127.0.0.1\""), std::string::npos) << output;
}

}  // namespace
}  // namespace boyodb::testing
