// Throughput of the block compression codecs (formats/compression/codec.h) on periodic,
// low-cardinality and random data, over sizes from L2-resident to RAM-resident buffers. Reports
// input bytes per second for both directions, plus the compression ratio as a counter. Not wired
// into CMake yet; build by hand against boyodb_formats, e.g.
//   c++ -O3 -DNDEBUG -std=c++20 -Isrc bench/micro/codec_bench.cc <libboyodb_formats.a and the
//       common/types/columnar libraries> -lzstd -llz4 -lsnappy -lxxhash -lfmt -lspdlog
//       -lbenchmark -lpthread
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "formats/compression/codec.h"

namespace boyodb::formats {
namespace {

constexpr uint32_t kSeed = 42;

enum class Data : int64_t { kRandom = 0, kPeriodic = 1, kTokens = 2 };

// A short text pattern repeated with a period of about 2.5 KB: the best case for every codec.
std::string PeriodicBytes(size_t size) {
  std::string bytes;
  bytes.reserve(size);
  for (size_t i = 0; bytes.size() < size; ++i) {
    bytes += "event_" + std::to_string(i % 64) + ",region=eu-west-1,status=ok;";
  }
  bytes.resize(size);
  return bytes;
}

// Tokens drawn at random from 64 values, like a low-cardinality string column: repetitive but
// not periodic, so the ratio is closer to real data.
std::string TokenBytes(size_t size) {
  std::mt19937 generator(kSeed);
  std::vector<std::string> tokens;
  for (int i = 0; i < 64; ++i) tokens.push_back("user_" + std::to_string(i * 7919) + ";");
  std::string bytes;
  bytes.reserve(size + 16);
  while (bytes.size() < size) bytes += tokens[generator() % tokens.size()];
  bytes.resize(size);
  return bytes;
}

std::string RandomBytes(size_t size) {
  std::mt19937 generator(kSeed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(generator());
  return bytes;
}

std::string Input(int64_t data, size_t size) {
  switch (static_cast<Data>(data)) {
    case Data::kPeriodic:
      return PeriodicBytes(size);
    case Data::kTokens:
      return TokenBytes(size);
    case Data::kRandom:
      break;
  }
  return RandomBytes(size);
}

// Arguments: codec, Data, input size in bytes.
void BM_Compress(benchmark::State& state) {
  const auto codec = static_cast<CompressionCodec>(state.range(0));
  const std::string input = Input(state.range(1), static_cast<size_t>(state.range(2)));
  std::string out;
  out.reserve(MaxCompressedSize(codec, input.size()));
  for (auto _ : state) {
    out.clear();
    if (!Compress(codec, input, &out).ok()) state.SkipWithError("compress failed");
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
  state.counters["ratio"] = static_cast<double>(input.size()) / static_cast<double>(out.size());
  state.SetLabel(std::string(CodecName(codec)));
}

void BM_Decompress(benchmark::State& state) {
  const auto codec = static_cast<CompressionCodec>(state.range(0));
  const std::string input = Input(state.range(1), static_cast<size_t>(state.range(2)));
  std::string compressed;
  if (!Compress(codec, input, &compressed).ok()) {
    state.SkipWithError("compress failed");
    return;
  }
  std::vector<char> out(input.size());
  for (auto _ : state) {
    if (!Decompress(codec, compressed, out.data(), out.size()).ok()) {
      state.SkipWithError("decompress failed");
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * input.size()));
  state.SetLabel(std::string(CodecName(codec)));
}

void CodecArguments(benchmark::internal::Benchmark* benchmark) {
  for (const CompressionCodec codec :
       {CompressionCodec::kLz4, CompressionCodec::kZstd, CompressionCodec::kSnappy}) {
    for (const Data data : {Data::kPeriodic, Data::kTokens, Data::kRandom}) {
      for (const int64_t size : {int64_t{64} << 10, int64_t{1} << 20, int64_t{16} << 20}) {
        benchmark->Args({static_cast<int64_t>(codec), static_cast<int64_t>(data), size});
      }
    }
  }
  benchmark->ArgNames({"codec", "data", "bytes"});
}

BENCHMARK(BM_Compress)->Apply(CodecArguments);
BENCHMARK(BM_Decompress)->Apply(CodecArguments);

}  // namespace
}  // namespace boyodb::formats

BENCHMARK_MAIN();
