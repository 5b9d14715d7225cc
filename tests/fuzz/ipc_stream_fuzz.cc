// libFuzzer target for the Arrow IPC readers: feeds arbitrary bytes to the stream reader and
// the file reader and touches every value of whatever they accept. Any crash, sanitizer report
// or accepted array that fails validation is a bug. Not wired into CMake yet; build by hand:
//
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -Ibuild/asan/generated \
//     tests/fuzz/ipc_stream_fuzz.cc build/asan/src/formats/libboyodb_formats.a \
//     build/asan/src/columnar/libboyodb_columnar.a build/asan/src/types/libboyodb_types.a \
//     build/asan/src/common/libboyodb_common.a -lzstd -llz4 -lsnappy -lfmt -lspdlog -lxxhash \
//     -labsl_synchronization -labsl_base ... -o ipc_stream_fuzz
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
