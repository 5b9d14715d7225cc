// libFuzzer target for the Arrow IPC readers: feeds arbitrary bytes to the stream reader and
// the file reader and touches every value of whatever they accept. Any crash, sanitizer report
// or accepted array that fails validation is a bug. Not wired into CMake yet; after
// `make build-test` (which generates the flatbuffer headers), build it with clang from source:
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -DFMT_SHARED \
//     -DSPDLOG_FMT_EXTERNAL -DSPDLOG_COMPILED_LIB -DSPDLOG_SHARED_LIB \
//     -Isrc -Ibuild/asan/generated tests/fuzz/ipc_stream_fuzz.cc src/common/*.cc \
//     src/types/*.cc src/columnar/*.cc src/formats/compression/*.cc src/formats/ipc/*.cc \
//     -lzstd -llz4 -lsnappy -lfmt -lspdlog -lxxhash \
//     $(pkg-config --libs absl_synchronization absl_flat_hash_map absl_hash) -o ipc_stream_fuzz
//   ./ipc_stream_fuzz -max_len=20000 corpus/
//
// A seed corpus comes from the writers (run once, e.g. from a test): WriteStream and WriteFile
// of tests/unit/formats/ipc/ipc_test_util.h's AllTypesChunk with each codec.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "columnar/array.h"
#include "common/check.h"
#include "formats/ipc/file_reader.h"
#include "formats/ipc/stream_reader.h"

namespace {

void TouchEveryValue(const boyodb::Result<std::vector<boyodb::columnar::Chunk>>& chunks) {
  if (!chunks.ok()) return;
  for (const boyodb::columnar::Chunk& chunk : *chunks) {
    for (const boyodb::columnar::ArrayPtr& column : chunk.columns()) {
      BOYO_CHECK(boyodb::columnar::ValidateArray(*column).ok());
      BOYO_CHECK_EQ(column->length(), chunk.num_rows());
      for (int64_t row = 0; row < chunk.num_rows(); ++row) (void)column->GetValue(row);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  boyodb::formats::ipc::ReadOptions options;
  // Small limits keep each input cheap; the bounds themselves are under test too.
  options.max_buffer_bytes = 1 << 20;
  options.max_message_bytes = 8 << 20;
  options.max_metadata_bytes = 1 << 20;
  TouchEveryValue(boyodb::formats::ipc::ReadStream(bytes, options));
  TouchEveryValue(boyodb::formats::ipc::ReadFile(bytes, options));
  return 0;
}
