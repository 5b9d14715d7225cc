// boyodb_durability_child: the process that kill_recover_test.cc kills with SIGKILL. Opens a
// data directory with small memtables (so flushes, direct segment writes and WAL replay all
// happen within a few hundred milliseconds), creates durability.events if missing, and appends
// batches of random size with increasing batch ids for ever, occasionally flushing.
//
// Usage: boyodb_durability_child DIR FIRST_BATCH_ID SEED [MAX_BATCHES]
// Protocol on stdout, one line each, flushed at once:
//   OPENED                  the database is open (recovery done)
//   BEGIN <batch_id> <rows> an Append of this batch is about to start
//   ACK <batch_id> <rows>   Append returned OK: the batch must survive any crash from now on
// With MAX_BATCHES the child stops after that many batches and exits with _exit(0) without
// closing the database, as a crash right after the last acknowledgement would.
// Exit status 3 (and a message on stderr) when the database fails.
//
// Row r of batch b (see ExpectedPayload/ExpectedValue, shared with the test through
// durability_rows.h): batch_id = b, row_in_batch = r, payload = text derived from (b, r) or
// NULL, value = b * 0.5 + r.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "common/logging.h"
#include "engine/database.h"
#include "tests/durability/durability_rows.h"

namespace boyodb::durability {
namespace {

[[noreturn]] void Fail(const Status& status, const char* what) {
  std::fprintf(stderr, "durability child: %s: %s\n", what, status.ToString().c_str());
  std::fflush(stderr);
  std::_Exit(3);
}

void Print(const char* line) {
  std::fputs(line, stdout);
  std::fflush(stdout);
}

int Run(int argc, char** argv) {
  if (argc < 4 || argc > 5) {
    std::fprintf(stderr, "usage: %s DIR FIRST_BATCH_ID SEED [MAX_BATCHES]\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const int64_t first_batch_id = std::strtoll(argv[2], nullptr, 10);
  const uint64_t seed = std::strtoull(argv[3], nullptr, 10);
  const int64_t max_batches = argc == 5 ? std::strtoll(argv[4], nullptr, 10) : -1;
  log::InitToStderr("error");

  auto opened = engine::Database::Open(dir, ChildDatabaseOptions());
  if (!opened.ok()) Fail(opened.error(), "open");
  std::unique_ptr<engine::Database> database = std::move(opened).value();
  if (Status s = database->CreateDatabase(kDatabase, /*if_not_exists=*/true); !s.ok()) {
    Fail(s, "create database");
  }
  const columnar::SchemaPtr schema = std::make_shared<const types::Schema>(EventsSchema());
  if (Status s = database->CreateTable(kDatabase, kTable, *schema, {}, /*if_not_exists=*/true);
      !s.ok()) {
    Fail(s, "create table");
  }
  Print("OPENED\n");

  std::mt19937_64 random(seed);
  char line[96];
  for (int64_t i = 0; max_batches < 0 || i < max_batches; ++i) {
    const int64_t batch_id = first_batch_id + i;
    const int32_t rows = RandomBatchRows(random);
    const columnar::Chunk batch = MakeEventsBatch(schema, batch_id, rows);
    std::snprintf(line, sizeof(line), "BEGIN %lld %d\n", static_cast<long long>(batch_id), rows);
    Print(line);
    if (Status s = database->Append(kDatabase, kTable, batch); !s.ok()) Fail(s, "append");
    std::snprintf(line, sizeof(line), "ACK %lld %d\n", static_cast<long long>(batch_id), rows);
    Print(line);
    if (random() % 100 < 3) {
      if (Status s = database->Flush(); !s.ok()) Fail(s, "flush");
    }
  }
  // A crash right after the last acknowledgement: no Close, no destructors.
  std::_Exit(0);
}

}  // namespace
}  // namespace boyodb::durability

int main(int argc, char** argv) { return boyodb::durability::Run(argc, argv); }
