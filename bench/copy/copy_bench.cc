// COPY benchmark: generates a deterministic CSV (fixed seed) of mixed columns (integers,
// doubles, numerics, booleans, dates, timestamps, short and quoted text, NULLs), then measures
//  1. the CSV tokenizer alone (formats/text/DelimitedReader over the file, read in the same
//     4 MiB pieces COPY uses): rows/s and MB/s;
//  2. COPY t FROM 'file' (FORMAT csv) through a Session: tokenizer + casts + the atomic append
//     (WAL, segments, fsync);
//  3. COPY t TO 'file' (FORMAT csv);
// and prints COPY FROM's throughput as a fraction of the tokenizer's: the closer to 1, the
// more the load is bounded by parsing rather than by per-row work elsewhere. Writes the
// numbers as JSON to <results-dir>/copy-<UTC timestamp>.json.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "common/logging.h"
#include "engine/session.h"
#include "formats/text/delimited_reader.h"
#include "functions/function_registry.h"

namespace boyodb::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr uint64_t kSeed = 20240611;

struct Options {
  int64_t rows = 3'000'000;
  std::string results_dir;
  bool keep_data = false;
};

double Seconds(Clock::duration duration) { return std::chrono::duration<double>(duration).count(); }

std::string UtcTimestamp() {
  const std::time_t now = std::time(nullptr);
  char text[32];
  std::strftime(text, sizeof(text), "%Y%m%dT%H%M%SZ", std::gmtime(&now));
  return text;
}

constexpr const char* kColumns =
    "id bigint, user_id bigint, quantity integer, price double precision, amount numeric(18,2), "
    "active boolean, event_date date, event_time timestamp, country text, note text, "
    "status integer";
constexpr int kNumColumns = 11;

// Writes `rows` rows of CSV to `path`; returns the file's size.
int64_t GenerateCsv(const std::string& path, int64_t rows) {
  std::mt19937_64 random(kSeed);
  static const char* const kCountries[] = {"DE", "FR", "US", "JP", "BR", "IN", "GB", "ES"};
  static const char* const kNotes[] = {
      "plain note", "with, comma", "say \"hi\"", "multi\nline note", "", "ascii only text"};
  std::string buffer;
  std::ofstream out(path, std::ios::binary);
  char line[512];
  for (int64_t i = 0; i < rows; ++i) {
    const uint64_t r = random();
    const int64_t day = static_cast<int64_t>(r % 3650);
    const int64_t second = static_cast<int64_t>((r >> 12) % 86400);
    const char* note = kNotes[(r >> 20) % 6];
    std::string quoted_note;
    if (std::string_view(note).find_first_of(",\"\n") != std::string_view::npos ||
        note[0] == '\0') {
      quoted_note = "\"";
      for (const char* c = note; *c != '\0'; ++c) {
        if (*c == '"') quoted_note += '"';
        quoted_note += *c;
      }
      quoted_note += "\"";
    } else {
      quoted_note = note;
    }
    const int length = std::snprintf(
        line, sizeof(line),
        "%lld,%llu,%d,%.3f,%lld.%02d,%s,%04d-%02d-%02d,%04d-%02d-%02d %02d:%02d:%02d,%s,%s,%s\n",
        static_cast<long long>(i), static_cast<unsigned long long>((r >> 8) % 1000000),
        static_cast<int>(r % 100), static_cast<double>(r % 100000) / 7.0,
        static_cast<long long>((r >> 16) % 100000), static_cast<int>((r >> 24) % 100),
        (r >> 30) % 2 ? "true" : "false", 2015 + static_cast<int>(day / 365),
        1 + static_cast<int>(day % 365 / 31 % 12), 1 + static_cast<int>(day % 28),
        2015 + static_cast<int>(day / 365), 1 + static_cast<int>(day % 12),
        1 + static_cast<int>(day % 28), static_cast<int>(second / 3600),
        static_cast<int>(second / 60 % 60), static_cast<int>(second % 60), kCountries[r % 8],
        quoted_note.c_str(), (r >> 40) % 10 == 0 ? "" : std::to_string((r >> 44) % 600).c_str());
    buffer.append(line, static_cast<size_t>(length));
    if (buffer.size() > (1 << 20)) {
      out << buffer;
      buffer.clear();
    }
  }
  out << buffer;
  out.close();
  return static_cast<int64_t>(std::filesystem::file_size(path));
}

// The tokenizer alone, fed as CopyReader feeds it; returns the rows it produced.
int64_t TokenizeOnly(const std::string& path) {
  std::vector<std::string> names;
  for (int i = 0; i < kNumColumns; ++i) names.push_back("c" + std::to_string(i));
  formats::text::DelimitedReader reader(
      formats::text::DelimitedOptions::ForFormat(formats::text::DelimitedFormat::kCsv), names,
      formats::text::DelimitedReader::Header::kNone, "COPY t");
  std::FILE* file = std::fopen(path.c_str(), "rb");
  std::string buffer(size_t{4} << 20, '\0');
  size_t begin = 0, end = 0;
  bool at_end = false;
  int64_t rows = 0;
  while (true) {
    Result<size_t> consumed =
        reader.Parse(std::string_view(buffer.data() + begin, end - begin), at_end, 65536);
    if (!consumed.ok()) {
      std::fprintf(stderr, "tokenizer: %s\n", consumed.status().ToString().c_str());
      std::exit(1);
    }
    begin += *consumed;
    if (reader.buffered_rows() >= 65536 || (at_end && begin == end)) {
      rows += reader.TakeBlock().num_rows;
      if (at_end && begin == end) break;
      continue;
    }
    std::memmove(buffer.data(), buffer.data() + begin, end - begin);
    end -= begin;
    begin = 0;
    const size_t read = std::fread(buffer.data() + end, 1, buffer.size() - end, file);
    end += read;
    at_end = read == 0;
  }
  std::fclose(file);
  return rows;
}

void Check(const Result<std::vector<engine::StatementResult>>& result, const char* what) {
  if (!result.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, result.status().ToString().c_str());
    std::exit(1);
  }
}

int Run(const Options& options) {
  const std::string dir =
      (std::filesystem::temp_directory_path() / ("boyodb-copy-bench-" + UtcTimestamp())).string();
  std::filesystem::create_directories(dir);
  const std::string csv = dir + "/input.csv";
  const std::string output = dir + "/output.csv";

  std::printf("generating %lld rows (seed %llu)...\n", static_cast<long long>(options.rows),
              static_cast<unsigned long long>(kSeed));
  const int64_t bytes = GenerateCsv(csv, options.rows);
  const double megabytes = static_cast<double>(bytes) / 1e6;

  // Warm the page cache so every measurement reads the file from memory.
  TokenizeOnly(csv);
  auto start = Clock::now();
  const int64_t tokenized = TokenizeOnly(csv);
  const double tokenize_seconds = Seconds(Clock::now() - start);

  auto database = engine::Database::Open(dir + "/data").value();
  engine::Session session(*database, functions::FunctionRegistry::Builtins());
  if (!session.Init().ok()) return 1;
  Check(session.Execute(std::string("CREATE TABLE t (") + kColumns + ")"), "create");
  start = Clock::now();
  Check(session.Execute("COPY t FROM '" + csv + "' (FORMAT csv)"), "COPY FROM");
  const double from_seconds = Seconds(Clock::now() - start);

  start = Clock::now();
  Check(session.Execute("COPY t TO '" + output + "' (FORMAT csv)"), "COPY TO");
  const double to_seconds = Seconds(Clock::now() - start);
  const double output_megabytes = static_cast<double>(std::filesystem::file_size(output)) / 1e6;

  const double rows = static_cast<double>(options.rows);
  std::printf("\ninput: %lld rows, %.1f MB of CSV, %d columns\n\n",
              static_cast<long long>(options.rows), megabytes, kNumColumns);
  std::printf("%-28s %10s %14s %10s\n", "step", "seconds", "rows/s", "MB/s");
  std::printf("%-28s %10.3f %14.0f %10.1f\n", "CSV tokenizer alone", tokenize_seconds,
              rows / tokenize_seconds, megabytes / tokenize_seconds);
  std::printf("%-28s %10.3f %14.0f %10.1f\n", "COPY FROM (csv)", from_seconds, rows / from_seconds,
              megabytes / from_seconds);
  std::printf("%-28s %10.3f %14.0f %10.1f\n", "COPY TO (csv)", to_seconds, rows / to_seconds,
              output_megabytes / to_seconds);
  const double ratio = tokenize_seconds / from_seconds;
  std::printf(
      "\nCOPY FROM throughput / tokenizer throughput: %.2f (tokenizing is %.0f%% of "
      "COPY FROM's time)\n",
      ratio, 100.0 * ratio);
  if (tokenized != options.rows) {
    std::fprintf(stderr, "tokenizer read %lld rows\n", static_cast<long long>(tokenized));
    return 1;
  }

  nlohmann::json results;
  results["benchmark"] = "copy";
  results["timestamp"] = UtcTimestamp();
  results["rows"] = options.rows;
  results["input_bytes"] = bytes;
  results["seed"] = kSeed;
  results["tokenizer"] = {{"seconds", tokenize_seconds},
                          {"mb_per_s", megabytes / tokenize_seconds}};
  results["copy_from"] = {{"seconds", from_seconds},
                          {"rows_per_s", rows / from_seconds},
                          {"mb_per_s", megabytes / from_seconds}};
  results["copy_to"] = {{"seconds", to_seconds},
                        {"rows_per_s", rows / to_seconds},
                        {"mb_per_s", output_megabytes / to_seconds}};
  results["copy_from_over_tokenizer"] = ratio;
  if (!options.results_dir.empty()) {
    std::filesystem::create_directories(options.results_dir);
    const std::string path = options.results_dir + "/copy-" + UtcTimestamp() + ".json";
    std::ofstream(path) << results.dump(2) << "\n";
    std::printf("results: %s\n", path.c_str());
  }
  if (!database->Close().ok()) return 1;
  if (!options.keep_data) std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace boyodb::bench

int main(int argc, char** argv) {
  boyodb::bench::Options options;
  CLI::App app("COPY benchmark: tokenizer, COPY FROM and COPY TO on a generated CSV");
  app.add_option("--rows", options.rows, "rows in the generated CSV");
  const char* results = std::getenv("BOYO_BENCH_RESULTS_DIR");
  options.results_dir = results != nullptr ? results : BOYO_DEFAULT_RESULTS_DIR;
  app.add_option("--results-dir", options.results_dir, "where the JSON results go");
  app.add_flag("--keep-data", options.keep_data, "keep the generated files and data directory");
  CLI11_PARSE(app, argc, argv);
  return boyodb::bench::Run(options);
}
