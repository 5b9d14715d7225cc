// Segment write and read throughput (storage/segment): WriteSegment of 1M rows x 20 mixed columns
// (timestamps, integers, floats, decimals, low- and high-cardinality text, ...) per codec, in rows
// per second including sorting, zone maps, bloom filters, compression, checksums and the fsyncs;
// and ReadBatch of one BIGINT column over every batch, in bytes of values per second, next to an
// in-memory sum of the same values.
// Not wired into CMake yet; build by hand against the Release libraries, e.g.
//   c++ -O3 -DNDEBUG -std=c++20 -Isrc -Ibuild/rel-seg/generated bench/micro/segment_bench.cc
//       build/rel-seg/src/libboyodb_storage.a build/rel-seg/src/formats/libboyodb_formats.a
//       build/rel-seg/src/libboyodb_{columnar,types,common}.a -lzstd -llz4 -lsnappy -lxxhash
//       -lfmt -lspdlog -labsl_{hash,city,low_level_hash,raw_hash_set,synchronization,...}
//       -lbenchmark -lpthread
// and run with the directory to write in as BOYO_BENCH_DIR (default /tmp).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/chunk.h"
#include "common/file_system.h"
#include "storage/segment/segment_reader.h"
#include "storage/segment/segment_writer.h"

namespace boyodb::storage {
namespace {

using columnar::ArrayPtr;
using types::DataType;
using types::Field;

constexpr int64_t kRows = 1'000'000;
constexpr uint64_t kSeed = 42;

std::string BenchDir() {
  const char* dir = std::getenv("BOYO_BENCH_DIR");
  return JoinPath(dir != nullptr ? dir : "/tmp", "boyodb-segment-bench");
}

template <typename T>
ArrayPtr Fixed(const DataType& type, int64_t n, auto make, int null_every = 0) {
  columnar::FixedWidthBuilder<T> builder(type);
  builder.Reserve(n);
  for (int64_t i = 0; i < n; ++i) {
    if (null_every > 0 && i % null_every == 0) {
      builder.AppendNull();
    } else {
      builder.Append(static_cast<T>(make(i)));
    }
  }
  return builder.Finish();
}

ArrayPtr Text(int64_t n, auto make) {
  columnar::BinaryBuilder builder(DataType::String());
  for (int64_t i = 0; i < n; ++i) builder.Append(make(i));
  return builder.Finish();
}

// Twenty columns shaped like an events table, in arrival (timestamp) order.
const columnar::Chunk& Events() {
  static const columnar::Chunk chunk = [] {
    std::mt19937_64 random(kSeed);
    const auto r = [&random](int64_t) { return random(); };
    std::vector<std::string> countries, statuses, urls;
    for (int i = 0; i < 50; ++i) countries.push_back("country-" + std::to_string(i));
    for (const char* s : {"ok", "redirect", "not_found", "error", "timeout"}) statuses.push_back(s);
    for (int i = 0; i < 10'000; ++i)
      urls.push_back("https://example.com/page/" + std::to_string(i * 7919));
    std::vector<Field> fields;
    std::vector<ArrayPtr> columns;
    const auto add = [&](const char* name, DataType type, ArrayPtr array) {
      fields.emplace_back(name, std::move(type));
      columns.push_back(std::move(array));
    };
    const int64_t n = kRows;
    add("ts", DataType::Timestamp(), Fixed<int64_t>(DataType::Timestamp(), n, [](int64_t i) {
          return 1'700'000'000'000'000 + i * 1000;
        }));
    add("id", DataType::Int64(), Fixed<int64_t>(DataType::Int64(), n, [](int64_t i) { return i; }));
    add("user_id", DataType::Int64(),
        Fixed<int64_t>(DataType::Int64(), n, [&](int64_t i) { return r(i) % 100'000; }));
    add("session", DataType::Int64(), Fixed<int64_t>(DataType::Int64(), n, [&](int64_t i) {
          return static_cast<int64_t>(r(i));
        }));
    add("code", DataType::Int32(),
        Fixed<int32_t>(DataType::Int32(), n, [&](int64_t i) { return r(i) % 1000; }));
    add("value", DataType::Int32(), Fixed<int32_t>(DataType::Int32(), n, [&](int64_t i) {
          return static_cast<int32_t>(r(i));
        }));
    add("small", DataType::Int16(),
        Fixed<int16_t>(DataType::Int16(), n, [&](int64_t i) { return r(i) % 300; }));
    add("tiny", DataType::UInt8(),
        Fixed<uint8_t>(DataType::UInt8(), n, [&](int64_t i) { return r(i); }));
    add("latency", DataType::Float64(), Fixed<double>(DataType::Float64(), n, [&](int64_t i) {
          return static_cast<double>(r(i) % 100000) / 7.0;
        }));
    add("price", DataType::Float64(), Fixed<double>(DataType::Float64(), n, [&](int64_t i) {
          return static_cast<double>(r(i) % 10000) / 100.0;
        }));
    add("ratio", DataType::Float32(), Fixed<float>(DataType::Float32(), n, [&](int64_t i) {
          return static_cast<float>(r(i) % 1000) / 1000.0f;
        }));
    add("amount", DataType::Decimal(18, 2),
        Fixed<types::Int128>(DataType::Decimal(18, 2), n, [&](int64_t i) {
          return static_cast<types::Int128>(r(i) % 1'000'000);
        }));
    add("flag", DataType::Boolean(), [&] {
      columnar::BooleanBuilder builder;
      for (int64_t i = 0; i < n; ++i) builder.Append(r(i) % 3 == 0);
      return builder.Finish();
    }());
    add("country", DataType::String(),
        Text(n, [&](int64_t i) { return std::string_view(countries[r(i) % countries.size()]); }));
    add("status", DataType::String(),
        Text(n, [&](int64_t i) { return std::string_view(statuses[r(i) % statuses.size()]); }));
    add("url", DataType::String(),
        Text(n, [&](int64_t i) { return std::string_view(urls[r(i) % urls.size()]); }));
    std::string agent;
    add("agent", DataType::String(), Text(n, [&](int64_t i) {
          agent = "agent/" + std::to_string(r(i));
          return std::string_view(agent);
        }));
    add("day", DataType::Date(), Fixed<int32_t>(DataType::Date(), n, [](int64_t i) {
          return 19'000 + static_cast<int32_t>(i / 100'000);
        }));
    add("ip", DataType::Ipv4(),
        Fixed<uint32_t>(DataType::Ipv4(), n, [&](int64_t i) { return r(i); }));
    add("maybe", DataType::Int64(),
        Fixed<int64_t>(
            DataType::Int64(), n, [&](int64_t i) { return r(i) % 5000; }, 10));
    return columnar::Chunk(std::make_shared<const types::Schema>(std::move(fields)),
                           std::move(columns), n);
  }();
  return chunk;
}

void BM_WriteSegment(benchmark::State& state) {
  const columnar::Chunk& rows = Events();
  SegmentWriteOptions options;
  options.codec = static_cast<formats::CompressionCodec>(state.range(0));
  if (state.range(1) != 0) options.sort_key_columns = {0};
  FileSystem& fs = *DefaultFileSystem();
  uint64_t bytes = 0;
  for (auto _ : state) {
    Result<SegmentFileInfo> info = WriteSegment(fs, BenchDir(), 1, rows, options);
    if (!info.ok()) state.SkipWithError(info.status().ToString().c_str());
    bytes = info.ok() ? info->compressed_bytes : 0;
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(kRows), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["file_MB"] = static_cast<double>(bytes) / 1e6;
  state.SetLabel(std::string(formats::CodecName(options.codec)) +
                 (state.range(1) ? " sorted by ts" : ""));
}
BENCHMARK(BM_WriteSegment)
    ->Args({static_cast<int64_t>(formats::CompressionCodec::kLz4), 0})
    ->Args({static_cast<int64_t>(formats::CompressionCodec::kZstd), 0})
    ->Args({static_cast<int64_t>(formats::CompressionCodec::kLz4), 1})
    ->Args({static_cast<int64_t>(formats::CompressionCodec::kNone), 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(5);

void BM_ReadInt64Column(benchmark::State& state) {
  const columnar::Chunk& rows = Events();
  SegmentWriteOptions options;
  options.codec = static_cast<formats::CompressionCodec>(state.range(0));
  if (!WriteSegment(*DefaultFileSystem(), BenchDir(), 2, rows, options).ok()) {
    state.SkipWithError("write failed");
    return;
  }
  auto reader = SegmentReader::Open(*DefaultFileSystem(), BenchDir(), 2);
  if (!reader.ok()) {
    state.SkipWithError(reader.status().ToString().c_str());
    return;
  }
  const int column = 3;  // "session": random BIGINTs, the worst case for compression
  int64_t sum = 0;
  for (auto _ : state) {
    for (int b = 0; b < (*reader)->num_batches(); ++b) {
      Result<columnar::Chunk> batch = (*reader)->ReadBatch(b, {column});
      if (!batch.ok()) {
        state.SkipWithError(batch.status().ToString().c_str());
        return;
      }
      const int64_t* values = batch->column(0)->values<int64_t>();
      for (int64_t i = 0; i < batch->num_rows(); ++i) sum += values[i];
    }
  }
  benchmark::DoNotOptimize(sum);
  state.SetBytesProcessed(state.iterations() * kRows * 8);
  state.SetLabel(std::string(formats::CodecName(options.codec)));
}
BENCHMARK(BM_ReadInt64Column)
    ->Arg(static_cast<int64_t>(formats::CompressionCodec::kLz4))
    ->Arg(static_cast<int64_t>(formats::CompressionCodec::kNone))
    ->Arg(static_cast<int64_t>(formats::CompressionCodec::kZstd))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_SumInt64InMemory(benchmark::State& state) {
  const columnar::Chunk& rows = Events();
  const int64_t* values = rows.column(3)->values<int64_t>();
  for (auto _ : state) {
    int64_t sum = 0;
    for (int64_t i = 0; i < kRows; ++i) sum += values[i];
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(state.iterations() * kRows * 8);
}
BENCHMARK(BM_SumInt64InMemory)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace boyodb::storage

BENCHMARK_MAIN();
