// Kill-and-recover: runs the durability child (ingest_child.cc) on one data directory, kills
// it with SIGKILL after a random delay (landing in WAL writes, memtable flushes, direct segment
// writes, manifest publication and recovery itself), reopens the directory in-process and
// checks that every acknowledged batch is there exactly once with all its rows and the right
// values, that no batch is partial, and that every segment passes Verify. Repeats with the next
// child on the same directory.
//
// Environment: BOYO_KILL_ITERATIONS (default 200), BOYO_KILL_SEED (default fixed; printed),
// BOYO_KILL_MAX_DELAY_MS (default 300). Seven kills in ten are timed from the moment the child
// reports that it has opened the database, the rest from its start.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "common/logging.h"
#include "engine/database.h"
#include "tests/durability/child_process.h"
#include "tests/durability/durability_rows.h"
#include "tests/support/temp_dir.h"

namespace boyodb::durability {
namespace {

using Clock = std::chrono::steady_clock;

int64_t EnvOr(const char* name, int64_t fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? std::strtoll(text, nullptr, 10) : fallback;
}

std::string DescribeWaitStatus(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "wait status " + std::to_string(status);
}

// What a recovered table must hold.
struct Expected {
  // Batches that must be present with exactly this many rows: acknowledged ones, and in-flight
  // ones that an earlier recovery found (once seen, they are durable).
  std::map<int64_t, int64_t> required;
  // Batches in flight when a child died (begun, not acknowledged) since the last check: each
  // present in full or absent.
  std::map<int64_t, int64_t> in_flight;
};

struct CheckStats {
  int64_t rows = 0;
  int64_t segments = 0;
  std::vector<int64_t> in_flight_present;
};

// Scans the table and checks it against `expected`; returns an empty string when it matches,
// else a description of the first problems.
std::string CheckTable(engine::Database& database, const Expected& expected, bool check_values,
                       CheckStats* stats) {
  auto tables = database.ListTables(kDatabase);
  if (!tables.ok()) {
    // The first child may die before it created anything.
    return expected.required.empty() ? "" : "listing tables: " + tables.error().ToString();
  }
  if (tables->empty()) return expected.required.empty() ? "" : "the table is missing";

  engine::ScanSpec spec;
  if (!check_values) spec.columns = {"batch_id", "row_in_batch"};
  auto scan = database.Scan(kDatabase, kTable, spec);
  if (!scan.ok()) return "starting the scan: " + scan.error().ToString();

  // Rows seen per batch, as a bitmap over row_in_batch to catch duplicates.
  std::map<int64_t, std::vector<bool>> seen;
  std::ostringstream problems;
  int num_problems = 0;
  auto problem = [&](const std::string& text) {
    if (++num_problems <= 10) problems << text << '\n';
  };
  auto batch_rows = [&](int64_t batch_id) -> int64_t {
    if (auto it = expected.required.find(batch_id); it != expected.required.end()) {
      return it->second;
    }
    if (auto it = expected.in_flight.find(batch_id); it != expected.in_flight.end()) {
      return it->second;
    }
    return -1;
  };
  while (true) {
    auto next = (*scan)->Next();
    if (!next.ok()) return "scanning: " + next.error().ToString();
    if (!next->has_value()) break;
    const columnar::Chunk& chunk = **next;
    const columnar::Array& batch_ids = *chunk.column(0);
    const columnar::Array& row_numbers = *chunk.column(1);
    for (int64_t i = 0; i < chunk.num_rows(); ++i) {
      const int64_t batch_id = batch_ids.values<int64_t>()[i];
      const int32_t row = row_numbers.values<int32_t>()[i];
      auto [it, inserted] = seen.try_emplace(batch_id);
      if (inserted) {
        const int64_t rows = batch_rows(batch_id);
        if (rows < 0) {
          problem("batch " + std::to_string(batch_id) + " was never written but is present");
          it->second.assign(1 << 20, false);
        } else {
          it->second.assign(static_cast<size_t>(rows), false);
        }
      }
      std::vector<bool>& rows_seen = it->second;
      if (row < 0 || static_cast<size_t>(row) >= rows_seen.size()) {
        problem("batch " + std::to_string(batch_id) + " has row_in_batch " + std::to_string(row) +
                " out of range");
        continue;
      }
      if (rows_seen[static_cast<size_t>(row)]) {
        problem("batch " + std::to_string(batch_id) + " row " + std::to_string(row) +
                " is present twice");
      }
      rows_seen[static_cast<size_t>(row)] = true;
      ++stats->rows;
      if (check_values) {
        const columnar::Array& payloads = *chunk.column(2);
        const columnar::Array& values = *chunk.column(3);
        const std::optional<std::string> payload = ExpectedPayload(batch_id, row);
        const bool payload_ok =
            payload ? payloads.IsValid(i) && payloads.GetView(i) == *payload : payloads.IsNull(i);
        const bool value_ok =
            values.IsValid(i) && values.values<double>()[i] == ExpectedValue(batch_id, row);
        if (!payload_ok || !value_ok) {
          problem("batch " + std::to_string(batch_id) + " row " + std::to_string(row) +
                  " has wrong " + (payload_ok ? "value" : "payload"));
        }
      }
    }
  }

  for (const auto& [batch_id, rows] : expected.required) {
    auto it = seen.find(batch_id);
    if (it == seen.end()) {
      problem("acknowledged batch " + std::to_string(batch_id) + " (" + std::to_string(rows) +
              " rows) is missing");
      continue;
    }
    const int64_t count = std::count(it->second.begin(), it->second.end(), true);
    if (count != rows) {
      problem("acknowledged batch " + std::to_string(batch_id) + " has " + std::to_string(count) +
              " of its " + std::to_string(rows) + " rows");
    }
  }
  for (const auto& [batch_id, rows] : expected.in_flight) {
    if (auto it = seen.find(batch_id); it != seen.end()) {
      const int64_t count = std::count(it->second.begin(), it->second.end(), true);
      if (count != rows) {
        problem("in-flight batch " + std::to_string(batch_id) +
                " is partial: " + std::to_string(count) + " of " + std::to_string(rows) + " rows");
      }
      stats->in_flight_present.push_back(batch_id);
    }
  }
  auto info = database.DescribeTable(kDatabase, kTable);
  if (info.ok()) stats->segments = static_cast<int64_t>(info->segments.size());
  if (num_problems > 10) problems << "... and " << num_problems - 10 << " more\n";
  return problems.str();
}

TEST(KillRecoverTest, AcknowledgedBatchesSurviveSigkillAndNoBatchIsPartial) {
  const int64_t iterations = EnvOr("BOYO_KILL_ITERATIONS", 200);
  const uint64_t seed = static_cast<uint64_t>(EnvOr("BOYO_KILL_SEED", 20240611));
  const int64_t max_delay_ms = EnvOr("BOYO_KILL_MAX_DELAY_MS", 300);
  std::cout << "kill-recover: " << iterations << " iterations, seed " << seed
            << " (BOYO_KILL_SEED), delays 2.." << max_delay_ms << " ms" << std::endl;
  RecordProperty("seed", std::to_string(seed));
  const std::string binary = ChildBinaryPath();
  log::InitToStderr("warn");

  testing::TempDir dir;
  const std::string data_dir = dir.Join("data");
  std::mt19937_64 random(seed);
  Expected expected;
  int64_t next_batch_id = 1;
  int64_t kills_before_open = 0;
  int64_t in_flight_total = 0;
  int64_t in_flight_present = 0;
  int64_t num_checks = 0;
  CheckStats last_stats;
  const Clock::time_point test_start = Clock::now();

  for (int64_t iteration = 0; iteration < iterations; ++iteration) {
    const int64_t delay_ms =
        2 + static_cast<int64_t>(random() % static_cast<uint64_t>(max_delay_ms - 1));
    const uint64_t child_seed = random();
    const std::string where = "iteration " + std::to_string(iteration) + " (seed " +
                              std::to_string(seed) + ", delay " + std::to_string(delay_ms) +
                              " ms, first batch " + std::to_string(next_batch_id) + ")";
    std::string error;
    std::optional<ChildProcess> child = ChildProcess::Start(
        binary, {data_dir, std::to_string(next_batch_id), std::to_string(child_seed)}, &error);
    ASSERT_TRUE(child.has_value()) << error;
    // Most kills are timed from the end of the child's recovery so they land in ingest; the
    // rest from its start, so some land in recovery itself.
    bool still_running = true;
    if (random() % 10 < 7) {
      const Clock::time_point give_up = Clock::now() + std::chrono::seconds(60);
      while (still_running && !child->opened() && Clock::now() < give_up) {
        still_running = child->ReadUntil(Clock::now() + std::chrono::milliseconds(2));
      }
    }
    if (still_running) {
      still_running = child->ReadUntil(Clock::now() + std::chrono::milliseconds(delay_ms));
    }
    const int status = still_running ? child->Kill() : child->Wait();
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << where << ": the child " << DescribeWaitStatus(status) << " before it was killed";
    ASSERT_TRUE(child->bad_lines().empty()) << where << ": bad line " << child->bad_lines()[0];

    bool opened = false;
    std::optional<std::pair<int64_t, int64_t>> begun;
    for (const ChildEvent& event : child->events()) {
      switch (event.kind) {
        case ChildEvent::Kind::kOpened:
          opened = true;
          break;
        case ChildEvent::Kind::kBegin:
          ASSERT_EQ(event.batch_id, begun ? begun->first + 1 : next_batch_id) << where;
          begun = std::make_pair(event.batch_id, event.rows);
          break;
        case ChildEvent::Kind::kAck:
          ASSERT_TRUE(begun && begun->first == event.batch_id && begun->second == event.rows)
              << where;
          expected.required[event.batch_id] = event.rows;
          break;
      }
    }
    if (!opened) ++kills_before_open;
    if (begun && !expected.required.contains(begun->first)) {
      expected.in_flight.insert(*begun);
      ++in_flight_total;
    }
    if (begun) next_batch_id = begun->first + 1;

    // Every fourth kill is not checked at once: the next child then recovers the directory
    // exactly as the killed one left it (WAL replay, unflushed memtables), and may be killed
    // during that recovery. The following check covers both children.
    if (iteration % 4 == 3 && iteration + 1 != iterations) continue;

    auto database = engine::Database::Open(data_dir);
    ASSERT_TRUE(database.ok()) << where << ": reopening failed: " << database.error().ToString();
    for (const Status& problem : (*database)->open_report().problems) {
      ADD_FAILURE() << where << ": open reported " << problem.ToString();
    }
    // Checking every cell is slow under sanitizers; do it on every eighth check and at the end.
    const bool check_values = ++num_checks % 8 == 0 || iteration + 1 == iterations;
    CheckStats stats;
    const std::string problems = CheckTable(**database, expected, check_values, &stats);
    ASSERT_EQ(problems, "") << where;
    const engine::IntegrityReport report = (*database)->Verify();
    for (const Status& problem : report.problems) {
      ADD_FAILURE() << where << ": verify: " << problem.ToString();
    }
    ASSERT_TRUE(report.ok()) << where;
    for (const int64_t batch_id : stats.in_flight_present) {
      ++in_flight_present;
      expected.required[batch_id] = expected.in_flight[batch_id];
    }
    expected.in_flight.clear();
    ASSERT_TRUE((*database)->Close().ok()) << where;
    last_stats = stats;
  }

  const double seconds = std::chrono::duration<double>(Clock::now() - test_start).count();
  std::cout << "kill-recover: " << iterations << " kills in " << seconds << " s; "
            << expected.required.size() << " batches and " << last_stats.rows << " rows in "
            << last_stats.segments << " segments survive; " << kills_before_open
            << " kills landed before the child finished opening; " << num_checks
            << " recoveries checked in-process; " << in_flight_present << " of " << in_flight_total
            << " in-flight batches were found complete, the rest absent" << std::endl;
}

}  // namespace
}  // namespace boyodb::durability
