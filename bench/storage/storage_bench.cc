// Storage engine benchmark through the embedded API (engine/database.h), on a temporary data
// directory with a fixed seed:
//  1. ingest: a table of 20 mixed columns appended in chunks with Database::Append, then
//     Database::Flush, once per codec (each into its own table); rows/s and MB/s of the
//     uncompressed input (Array::ByteSize). Chunks are generated before the clock starts.
//  2. scan: one BIGINT column read with Database::Scan and summed, median of 5 runs after a
//     warm-up run, against the same values summed from a std::vector<int64_t> in memory; once
//     with the segment cache off (every batch decompressed again) and once with it on.
//  3. compression: input bytes / the compressed bytes of the table's segments.
// Prints one aligned table per section and writes the numbers as JSON to
// <results-dir>/storage-<UTC timestamp>.json.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "columnar/builder.h"
#include "columnar/chunk.h"
#include "common/logging.h"
#include "engine/database.h"
#include "formats/compression/codec.h"
#include "types/data_type.h"
#include "types/datetime.h"

namespace boyodb::bench {
namespace {

using columnar::ArrayPtr;
using columnar::BinaryBuilder;
using columnar::BooleanBuilder;
using columnar::Chunk;
using columnar::FixedWidthBuilder;
using types::DataType;
using types::Field;
using Clock = std::chrono::steady_clock;

constexpr uint64_t kSeed = 20240611;
constexpr std::string_view kDatabase = "bench";
constexpr double kNullFraction = 0.1;

struct Options {
  int64_t rows = 10'000'000;
  int64_t chunk_rows = 100'000;
  int scan_runs = 5;
  std::vector<std::string> codecs = {"lz4", "zstd", "snappy"};
  std::string results_dir;
  bool keep_data = false;
};

double Seconds(Clock::duration duration) { return std::chrono::duration<double>(duration).count(); }

types::Schema BenchSchema() {
  return types::Schema({
      Field("id", DataType::Int64(), false),
      Field("user_id", DataType::Int64(), false),
      Field("quantity", DataType::Int32(), false),
      Field("category", DataType::Int16(), false),
      Field("price", DataType::Float64(), false),
      Field("score", DataType::Float64(), true),
      Field("is_active", DataType::Boolean(), false),
      Field("event_time", DataType::Timestamp(), false),
      Field("event_date", DataType::Date(), false),
      Field("country", DataType::String(), false),
      Field("session_token", DataType::String(), false),
      Field("amount", DataType::Decimal(18, 2), false),
      Field("discount", DataType::Decimal(18, 2), true),
      Field("status_code", DataType::Int32(), true),
      Field("referrer", DataType::String(), true),
      Field("latency_ms", DataType::Float32(), false),
      Field("bytes_sent", DataType::Int64(), true),
      Field("updated_at", DataType::TimestampTz(), true),
      Field("is_mobile", DataType::Boolean(), true),
      Field("region_id", DataType::Int32(), false),
  });
}

// Generates the benchmark's rows chunk by chunk, deterministically from kSeed.
class DataGenerator {
 public:
  DataGenerator() : random_(kSeed), schema_(std::make_shared<const types::Schema>(BenchSchema())) {
    for (int i = 0; i < 100; ++i) {
      countries_.push_back("country_" + std::to_string(i * 37 % 1000));
    }
    for (int i = 0; i < 1000; ++i) {
      referrers_.push_back("https://example" + std::to_string(i % 50) + ".com/path/" +
                           std::to_string(i));
    }
  }

  Chunk Next(int64_t first_id, int64_t num_rows) {
    FixedWidthBuilder<int64_t> id(DataType::Int64());
    FixedWidthBuilder<int64_t> user_id(DataType::Int64());
    FixedWidthBuilder<int32_t> quantity(DataType::Int32());
    FixedWidthBuilder<int16_t> category(DataType::Int16());
    FixedWidthBuilder<double> price(DataType::Float64());
    FixedWidthBuilder<double> score(DataType::Float64());
    BooleanBuilder is_active;
    FixedWidthBuilder<int64_t> event_time(DataType::Timestamp());
    FixedWidthBuilder<int32_t> event_date(DataType::Date());
    BinaryBuilder country(DataType::String());
    BinaryBuilder session_token(DataType::String());
    FixedWidthBuilder<types::Int128> amount(DataType::Decimal(18, 2));
    FixedWidthBuilder<types::Int128> discount(DataType::Decimal(18, 2));
    FixedWidthBuilder<int32_t> status_code(DataType::Int32());
    BinaryBuilder referrer(DataType::String());
    FixedWidthBuilder<float> latency_ms(DataType::Float32());
    FixedWidthBuilder<int64_t> bytes_sent(DataType::Int64());
    FixedWidthBuilder<int64_t> updated_at(DataType::TimestampTz());
    BooleanBuilder is_mobile;
    FixedWidthBuilder<int32_t> region_id(DataType::Int32());

    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<double> normal(50.0, 15.0);
    static constexpr char kAlphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    // 2024-01-01 00:00:00 UTC, events 10 ms apart with jitter.
    constexpr int64_t kBaseMicros = 1'704'067'200'000'000;
    char token[16];
    for (int64_t i = 0; i < num_rows; ++i) {
      const int64_t row = first_id + i;
      const uint64_t r = random_();
      id.Append(row);
      user_id.Append(static_cast<int64_t>(r % 1'000'000));
      quantity.Append(static_cast<int32_t>((r >> 20) % 1000));
      category.Append(static_cast<int16_t>((r >> 30) % 50));
      price.Append(static_cast<double>((r >> 36) % 100'000) / 100.0);
      if (unit(random_) < kNullFraction) {
        score.AppendNull();
      } else {
        score.Append(normal(random_));
      }
      is_active.Append(((r >> 53) & 1) != 0);
      const int64_t micros = kBaseMicros + row * 10'000 + static_cast<int64_t>((r >> 40) % 5000);
      event_time.Append(micros);
      event_date.Append(static_cast<int32_t>(micros / types::kMicrosPerDay));
      country.Append(countries_[(r >> 8) % countries_.size()]);
      for (char& c : token) c = kAlphabet[random_() % (sizeof(kAlphabet) - 1)];
      session_token.Append(std::string_view(token, sizeof(token)));
      amount.Append(static_cast<types::Int128>((r >> 12) % 10'000'000));
      if (unit(random_) < kNullFraction) {
        discount.AppendNull();
      } else {
        discount.Append(static_cast<types::Int128>((r >> 24) % 5000));
      }
      if (unit(random_) < kNullFraction) {
        status_code.AppendNull();
      } else {
        static constexpr int32_t kCodes[] = {200, 200, 200, 200, 201, 204, 301, 404, 500};
        status_code.Append(kCodes[(r >> 44) % std::size(kCodes)]);
      }
      if (unit(random_) < kNullFraction) {
        referrer.AppendNull();
      } else {
        referrer.Append(referrers_[(r >> 16) % referrers_.size()]);
      }
      latency_ms.Append(static_cast<float>(unit(random_) * 250.0));
      if (unit(random_) < kNullFraction) {
        bytes_sent.AppendNull();
      } else {
        bytes_sent.Append(static_cast<int64_t>(random_() % 10'000'000));
      }
      if (unit(random_) < kNullFraction) {
        updated_at.AppendNull();
      } else {
        updated_at.Append(micros + static_cast<int64_t>(r % 3'600'000'000));
      }
      if (unit(random_) < kNullFraction) {
        is_mobile.AppendNull();
      } else {
        is_mobile.Append(((r >> 54) & 1) != 0);
      }
      region_id.Append(static_cast<int32_t>((row / 4096) % 20));
    }
    std::vector<ArrayPtr> columns = {
        id.Finish(),         user_id.Finish(),     quantity.Finish(),      category.Finish(),
        price.Finish(),      score.Finish(),       is_active.Finish(),     event_time.Finish(),
        event_date.Finish(), country.Finish(),     session_token.Finish(), amount.Finish(),
        discount.Finish(),   status_code.Finish(), referrer.Finish(),      latency_ms.Finish(),
        bytes_sent.Finish(), updated_at.Finish(),  is_mobile.Finish(),     region_id.Finish(),
    };
    return Chunk(schema_, std::move(columns), num_rows);
  }

 private:
  std::mt19937_64 random_;
  columnar::SchemaPtr schema_;
  std::vector<std::string> countries_;
  std::vector<std::string> referrers_;
};

[[noreturn]] void Die(const Status& status, std::string_view what) {
  std::fprintf(stderr, "storage_bench: %.*s: %s\n", static_cast<int>(what.size()), what.data(),
               status.ToString().c_str());
  std::exit(1);
}

template <typename T>
T OrDie(Result<T> result, std::string_view what) {
  if (!result.ok()) Die(result.error(), what);
  return std::move(result).value();
}

void CheckOk(const Status& status, std::string_view what) {
  if (!status.ok()) Die(status, what);
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The sum of `values`: a plain loop the compiler vectorizes, the fair in-memory baseline.
__attribute__((noinline)) int64_t SumVector(const int64_t* values, size_t n) {
  int64_t sum = 0;
  for (size_t i = 0; i < n; ++i) sum += values[i];
  return sum;
}

struct ScanRun {
  double seconds = 0;
  int64_t rows = 0;
  int64_t sum = 0;
};

ScanRun ScanAndSum(const engine::Database& database, const std::string& table) {
  engine::ScanSpec spec;
  spec.columns = {"id"};
  const Clock::time_point start = Clock::now();
  std::unique_ptr<engine::TableScan> scan = OrDie(database.Scan(kDatabase, table, spec), "scan");
  ScanRun run;
  while (true) {
    std::optional<Chunk> chunk = OrDie(scan->Next(), "scan next");
    if (!chunk) break;
    const columnar::Array& column = *chunk->column(0);
    run.sum += SumVector(column.values<int64_t>(), static_cast<size_t>(column.length()));
    run.rows += chunk->num_rows();
  }
  run.seconds = Seconds(Clock::now() - start);
  return run;
}

std::string UtcTimestamp() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

std::string MakeTempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") +
                        "/boyodb-storage-bench-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    Die(Status::FromErrno(errno, "mkdtemp", pattern), "creating the data directory");
  }
  return pattern;
}

int Run(const Options& options) {
  log::InitToStderr("warn");
  const std::string data_dir = MakeTempDir();
  std::printf("storage_bench: %lld rows of 20 columns in chunks of %lld rows, seed %llu\n",
              static_cast<long long>(options.rows), static_cast<long long>(options.chunk_rows),
              static_cast<unsigned long long>(kSeed));
  std::printf("data directory: %s (%s)\n\n", data_dir.c_str(),
              options.keep_data ? "kept" : "removed at the end");
  std::fflush(stdout);

  // Generate every chunk before any clock starts.
  const Clock::time_point generation_start = Clock::now();
  DataGenerator generator;
  std::vector<Chunk> chunks;
  int64_t input_bytes = 0;
  for (int64_t first = 0; first < options.rows; first += options.chunk_rows) {
    chunks.push_back(generator.Next(first, std::min(options.chunk_rows, options.rows - first)));
    input_bytes += chunks.back().ByteSize();
  }
  std::vector<int64_t> ids(static_cast<size_t>(options.rows));
  for (int64_t i = 0; i < options.rows; ++i) ids[static_cast<size_t>(i)] = i;
  const int64_t expected_sum = SumVector(ids.data(), ids.size());
  std::fprintf(stderr, "generated %.1f MB in %.1f s\n", static_cast<double>(input_bytes) / 1e6,
               Seconds(Clock::now() - generation_start));

  nlohmann::json results;
  results["benchmark"] = "storage";
  results["timestamp"] = UtcTimestamp();
  results["rows"] = options.rows;
  results["chunk_rows"] = options.chunk_rows;
  results["columns"] = 20;
  results["seed"] = kSeed;
  results["input_bytes"] = input_bytes;
  results["hardware_threads"] = std::thread::hardware_concurrency();

  engine::DatabaseOptions database_options;
  std::unique_ptr<engine::Database> database =
      OrDie(engine::Database::Open(data_dir, database_options), "open");
  CheckOk(database->CreateDatabase(kDatabase), "create database");

  // 1. Ingest.
  std::printf("Ingest (Database::Append of %zu chunks, then Flush; wal fsync every commit)\n",
              chunks.size());
  std::printf("%-8s %12s %10s %14s %10s\n", "codec", "rows", "seconds", "rows/s", "MB/s");
  std::printf("%s\n", std::string(58, '-').c_str());
  for (const std::string& codec_name : options.codecs) {
    engine::TableOptions table_options;
    table_options.codec = OrDie(formats::ParseCodecName(codec_name), "codec");
    const std::string table = "events_" + codec_name;
    CheckOk(database->CreateTable(kDatabase, table, BenchSchema(), table_options), "create table");
    const Clock::time_point start = Clock::now();
    for (const Chunk& chunk : chunks) CheckOk(database->Append(kDatabase, table, chunk), "append");
    CheckOk(database->Flush(), "flush");
    const double seconds = Seconds(Clock::now() - start);
    const double rows_per_second = static_cast<double>(options.rows) / seconds;
    const double mb_per_second = static_cast<double>(input_bytes) / 1e6 / seconds;
    std::printf("%-8s %12lld %10.2f %14.0f %10.1f\n", codec_name.c_str(),
                static_cast<long long>(options.rows), seconds, rows_per_second, mb_per_second);
    std::fflush(stdout);
    results["ingest"][codec_name] = {{"seconds", seconds},
                                     {"rows_per_second", rows_per_second},
                                     {"mb_per_second", mb_per_second}};
  }
  chunks.clear();
  chunks.shrink_to_fit();

  // 2. Scan of one BIGINT column versus the in-memory baseline.
  std::vector<double> baseline_runs;
  int64_t baseline_sum = 0;
  baseline_sum = SumVector(ids.data(), ids.size());  // warm-up
  for (int run = 0; run < options.scan_runs; ++run) {
    const Clock::time_point start = Clock::now();
    baseline_sum = SumVector(ids.data(), ids.size());
    baseline_runs.push_back(Seconds(Clock::now() - start));
  }
  if (baseline_sum != expected_sum) Die(Status::Internal("baseline sum differs"), "baseline");
  const double value_bytes = static_cast<double>(options.rows) * sizeof(int64_t);
  const double baseline_gbps = value_bytes / 1e9 / Median(baseline_runs);
  results["scan"]["in_memory"] = {{"median_seconds", Median(baseline_runs)},
                                  {"gb_per_second", baseline_gbps}};

  std::printf(
      "\nScan of one BIGINT column (sum of %lld values; median of %d runs after a "
      "warm-up)\n",
      static_cast<long long>(options.rows), options.scan_runs);
  std::printf("%-14s %8s %10s %14s %10s\n", "source", "seconds", "GB/s", "rows/s", "vs memory");
  std::printf("%s\n", std::string(60, '-').c_str());
  std::printf("%-14s %8.4f %10.2f %14.0f %9.0f%%\n", "in-memory", Median(baseline_runs),
              baseline_gbps, static_cast<double>(options.rows) / Median(baseline_runs), 100.0);
  // Each codec is scanned twice: with the segment cache off, so every batch is read from the
  // (warm) page cache, checked and decompressed; and with it on, where the warm-up scan leaves
  // the decoded column in memory for the timed ones.
  struct ScanMode {
    const char* name;
    int64_t column_cache_bytes;
  };
  const ScanMode modes[] = {{"decode", 0},
                            {"cached", engine::DatabaseOptions::kAutoColumnCacheBytes}};
  for (const ScanMode& mode : modes) {
    CheckOk(database->Close(), "close");
    database.reset();
    database_options.column_cache_bytes = mode.column_cache_bytes;
    database = OrDie(engine::Database::Open(data_dir, database_options), "reopen");
    for (const std::string& codec_name : options.codecs) {
      const std::string table = "events_" + codec_name;
      const std::string label = codec_name + " " + mode.name;
      ScanRun warm = ScanAndSum(*database, table);
      if (warm.rows != options.rows || warm.sum != expected_sum) {
        Die(Status::Internal("scan of " + table + " returned " + std::to_string(warm.rows) +
                             " rows summing to " + std::to_string(warm.sum) + ", expected " +
                             std::to_string(options.rows) + " rows summing to " +
                             std::to_string(expected_sum)),
            "scan check");
      }
      std::vector<double> runs;
      for (int run = 0; run < options.scan_runs; ++run) {
        runs.push_back(ScanAndSum(*database, table).seconds);
      }
      const double median = Median(runs);
      const double gbps = value_bytes / 1e9 / median;
      const double ratio = gbps / baseline_gbps;
      std::printf("%-14s %8.4f %10.2f %14.0f %9.0f%%\n", label.c_str(), median, gbps,
                  static_cast<double>(options.rows) / median, ratio * 100);
      results["scan"][mode.name][codec_name] = {
          {"median_seconds", median}, {"gb_per_second", gbps}, {"ratio_to_in_memory", ratio}};
    }
  }
  for (const ScanMode& mode : modes) {
    if (!results["scan"][mode.name].contains("lz4")) continue;
    const double ratio = results["scan"][mode.name]["lz4"]["ratio_to_in_memory"];
    const bool pass = ratio >= 0.4;
    std::printf("bar: lz4 scan (%s) >= 40%% of the in-memory sum: %s (%.0f%%)\n", mode.name,
                pass ? "PASS" : "FAIL", ratio * 100);
    results["scan"][mode.name]["lz4_bar_40_percent"] = pass;
  }

  // 3. Compression.
  std::printf("\nCompression (input bytes = Array::ByteSize of the appended chunks)\n");
  std::printf("%-8s %10s %9s %14s %14s %10s\n", "codec", "segments", "input MB", "segment raw MB",
              "compressed MB", "ratio");
  std::printf("%s\n", std::string(70, '-').c_str());
  for (const std::string& codec_name : options.codecs) {
    const engine::TableInfo info =
        OrDie(database->DescribeTable(kDatabase, "events_" + codec_name), "describe");
    uint64_t compressed = 0;
    uint64_t uncompressed = 0;
    for (const engine::SegmentInfo& segment : info.segments) {
      compressed += segment.compressed_bytes;
      uncompressed += segment.uncompressed_bytes;
    }
    const double ratio =
        compressed == 0 ? 0 : static_cast<double>(input_bytes) / static_cast<double>(compressed);
    std::printf("%-8s %10zu %9.1f %14.1f %14.1f %9.2fx\n", codec_name.c_str(), info.segments.size(),
                static_cast<double>(input_bytes) / 1e6, static_cast<double>(uncompressed) / 1e6,
                static_cast<double>(compressed) / 1e6, ratio);
    results["compression"][codec_name] = {{"segments", info.segments.size()},
                                          {"input_bytes", input_bytes},
                                          {"segment_uncompressed_bytes", uncompressed},
                                          {"compressed_bytes", compressed},
                                          {"ratio", ratio}};
  }

  CheckOk(database->Close(), "close");
  database.reset();
  if (!options.keep_data) {
    std::error_code ignored;
    std::filesystem::remove_all(data_dir, ignored);
  }

  if (!options.results_dir.empty()) {
    std::error_code error;
    std::filesystem::create_directories(options.results_dir, error);
    const std::string path =
        options.results_dir + "/storage-" + results["timestamp"].get<std::string>() + ".json";
    std::ofstream out(path);
    out << results.dump(2) << '\n';
    if (!out) {
      std::fprintf(stderr, "storage_bench: could not write %s\n", path.c_str());
      return 1;
    }
    std::printf("\nresults: %s\n", path.c_str());
  }
  return 0;
}

}  // namespace
}  // namespace boyodb::bench

int main(int argc, char** argv) {
  boyodb::bench::Options options;
  const char* results_dir = std::getenv("BOYO_BENCH_RESULTS_DIR");
  options.results_dir = results_dir != nullptr ? results_dir : BOYO_DEFAULT_RESULTS_DIR;
  CLI::App app{"Storage engine benchmark: ingest, scan and compression per codec", "storage_bench"};
  app.add_option("--rows", options.rows, "Rows per table")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--chunk-rows", options.chunk_rows, "Rows per Database::Append")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--scan-runs", options.scan_runs, "Timed scans per table (median reported)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--codecs", options.codecs, "Codecs to ingest, one table each")
      ->capture_default_str()
      ->delimiter(',');
  app.add_option("--results-dir", options.results_dir,
                 "Where the JSON results go (empty: nowhere); env BOYO_BENCH_RESULTS_DIR")
      ->capture_default_str();
  app.add_flag("--keep-data", options.keep_data, "Keep the temporary data directory");
  CLI11_PARSE(app, argc, argv);
  return boyodb::bench::Run(options);
}
