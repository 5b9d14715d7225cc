// libFuzzer target for the segment index decoder (storage/segment/segment_index.h): feeds
// arbitrary bytes to DecodeSegmentIndex, both as given and with the trailing CRC32C replaced by
// the right one (so the fuzzer gets past the checksum into the field checks). Any crash or
// sanitizer report is a bug; an accepted index must re-encode to bytes that decode and re-encode
// identically. Not wired into CMake yet; build by hand like tests/fuzz/ipc_stream_fuzz.cc,
// adding the storage sources (segment_index.cc, index/*.cc) or boyodb_storage.
//
// Seed corpus: the .idx files WriteSegment produces in tests/unit/storage/segment (run them with
// BOYO_KEEP_TEST_DIRS=1 and copy the *.idx files).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/check.h"
#include "common/crc32.h"
#include "storage/segment/segment_index.h"

namespace {

void Decode(std::string_view bytes) {
  boyodb::Result<boyodb::storage::SegmentIndex> index =
      boyodb::storage::DecodeSegmentIndex(bytes, "fuzz.idx");
  if (!index.ok()) {
    BOYO_CHECK(index.status().IsCorruption());
    return;
  }
  // The schema JSON may be spelled differently, so compare after one re-encoding.
  const std::string encoded = boyodb::storage::EncodeSegmentIndex(*index);
  boyodb::Result<boyodb::storage::SegmentIndex> again =
      boyodb::storage::DecodeSegmentIndex(encoded, "fuzz.idx");
  BOYO_CHECK(again.ok());
  BOYO_CHECK(boyodb::storage::EncodeSegmentIndex(*again) == encoded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Decode(bytes);
  if (size >= 4) {
    std::string resealed(bytes.substr(0, size - 4));
    const uint32_t crc = boyodb::crc32::Compute(resealed);
    for (int i = 0; i < 4; ++i) resealed.push_back(static_cast<char>(crc >> (8 * i)));
    Decode(resealed);
  }
  return 0;
}
