#include "formats/compression/codec.h"

#include <gtest/gtest.h>
#include <lz4frame.h>

#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace boyodb::formats {
namespace {

constexpr CompressionCodec kCompressingCodecs[] = {CompressionCodec::kLz4, CompressionCodec::kZstd,
                                                   CompressionCodec::kSnappy};
constexpr CompressionCodec kAllCodecs[] = {CompressionCodec::kNone, CompressionCodec::kLz4,
                                           CompressionCodec::kZstd, CompressionCodec::kSnappy};
constexpr uint32_t kSeed = 20240611;
constexpr size_t kMiB = size_t{1} << 20;

std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 generator(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(generator());
  return bytes;
}

// Text-like data with long repeats, as a dictionary-encoded or sorted column would have.
std::string RepetitiveBytes(size_t size) {
  std::string bytes;
  bytes.reserve(size);
  for (size_t i = 0; bytes.size() < size; ++i) {
    bytes += "event_" + std::to_string(i % 64) + ",region=eu-west-1,status=ok;";
  }
  bytes.resize(size);
  return bytes;
}

std::string MustCompress(CompressionCodec codec, std::string_view input, int level = 0) {
  std::string compressed;
  const Status status = Compress(codec, input, &compressed, level);
  EXPECT_TRUE(status.ok()) << CodecName(codec) << ": " << status.ToString();
  EXPECT_LE(compressed.size(), MaxCompressedSize(codec, input.size())) << CodecName(codec);
  return compressed;
}

// Decompresses into a heap buffer of exactly expected_size bytes, so ASan reports any write
// past its end.
Status DecompressExactly(CompressionCodec codec, std::string_view input, size_t expected_size,
                         std::string* out = nullptr) {
  std::vector<char> buffer(expected_size);
  Status status = Decompress(codec, input, buffer.data(), expected_size);
  if (out != nullptr) out->assign(buffer.data(), buffer.size());
  return status;
}

void ExpectRoundTrip(CompressionCodec codec, const std::string& input, int level = 0) {
  const std::string compressed = MustCompress(codec, input, level);
  std::string output;
  const Status status = DecompressExactly(codec, compressed, input.size(), &output);
  ASSERT_TRUE(status.ok()) << CodecName(codec) << ": " << status.ToString();
  EXPECT_TRUE(output == input) << CodecName(codec) << " changed " << input.size() << " bytes";
}

void ExpectCorruptionNamingCodec(CompressionCodec codec, const Status& status) {
  EXPECT_TRUE(status.IsCorruption()) << CodecName(codec) << ": " << status.ToString();
  EXPECT_EQ(status.sqlstate(), "XX001");
  EXPECT_NE(status.message().find(CodecName(codec)), std::string_view::npos) << status.message();
}

TEST(CodecTest, EveryCodecRoundTripsEmptySmallRandomAndRepetitiveInput) {
  const std::string inputs[] = {"", "a", "hello, columnar world", RandomBytes(kMiB, kSeed),
                                RepetitiveBytes(kMiB)};
  for (const CompressionCodec codec : kAllCodecs) {
    for (const std::string& input : inputs) ExpectRoundTrip(codec, input);
  }
}

TEST(CodecTest, ExplicitLevelsRoundTrip) {
  const std::string input = RepetitiveBytes(256 * 1024);
  for (const int level : {-5, 1, 9}) ExpectRoundTrip(CompressionCodec::kLz4, input, level);
  for (const int level : {-5, 3, 19}) ExpectRoundTrip(CompressionCodec::kZstd, input, level);
}

TEST(CodecTest, RepetitiveDataCompressesWellAndRandomDataStaysWithinTheBound) {
  const std::string repetitive = RepetitiveBytes(kMiB);
  const std::string random = RandomBytes(kMiB, kSeed + 1);
  for (const CompressionCodec codec : kCompressingCodecs) {
    EXPECT_LT(MustCompress(codec, repetitive).size(), kMiB / 10) << CodecName(codec);
    EXPECT_LE(MustCompress(codec, random).size(), MaxCompressedSize(codec, kMiB));
  }
  EXPECT_EQ(MaxCompressedSize(CompressionCodec::kNone, 123), 123u);
}

TEST(CodecTest, CompressAppendsAfterExistingBytes) {
  for (const CompressionCodec codec : kAllCodecs) {
    const std::string input = RepetitiveBytes(10000);
    std::string out = "prefix";
    ASSERT_TRUE(Compress(codec, input, &out).ok());
    ASSERT_EQ(out.substr(0, 6), "prefix");
    std::string output;
    ASSERT_TRUE(
        DecompressExactly(codec, std::string_view(out).substr(6), input.size(), &output).ok());
    EXPECT_EQ(output, input);
  }
}

TEST(CodecTest, Lz4WritesTheFrameFormat) {
  const std::string compressed = MustCompress(CompressionCodec::kLz4, "abcabcabcabc");
  ASSERT_GE(compressed.size(), 4u);
  // The LZ4 frame magic number 0x184D2204, little-endian.
  EXPECT_EQ(static_cast<uint8_t>(compressed[0]), 0x04);
  EXPECT_EQ(static_cast<uint8_t>(compressed[1]), 0x22);
  EXPECT_EQ(static_cast<uint8_t>(compressed[2]), 0x4D);
  EXPECT_EQ(static_cast<uint8_t>(compressed[3]), 0x18);
}

TEST(CodecTest, Lz4ReadsFramesFromOtherWritersWithChecksumsAndContentSize) {
  const std::string input = RepetitiveBytes(300000);
  LZ4F_preferences_t preferences;
  std::memset(&preferences, 0, sizeof(preferences));
  preferences.frameInfo.blockSizeID = LZ4F_max256KB;
  preferences.frameInfo.blockMode = LZ4F_blockIndependent;
  preferences.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
  preferences.frameInfo.blockChecksumFlag = LZ4F_blockChecksumEnabled;
  preferences.frameInfo.contentSize = input.size();
  std::string frame(LZ4F_compressFrameBound(input.size(), &preferences), '\0');
  const size_t size =
      LZ4F_compressFrame(frame.data(), frame.size(), input.data(), input.size(), &preferences);
  ASSERT_FALSE(LZ4F_isError(size));
  frame.resize(size);

  std::string output;
  ASSERT_TRUE(DecompressExactly(CompressionCodec::kLz4, frame, input.size(), &output).ok());
  EXPECT_EQ(output, input);
  // The checksums are verified: a flipped content bit is caught.
  frame[frame.size() / 2] ^= 0x01;
  ExpectCorruptionNamingCodec(CompressionCodec::kLz4,
                              DecompressExactly(CompressionCodec::kLz4, frame, input.size()));
}

// lz4 issue #1227: a context reused after a frame with a content size failed mid-way rejected
// the next frame without one (frameSize_wrong).
TEST(CodecTest, Lz4DecodesCorrectlyAfterAFailedFrame) {
  const std::string input = RepetitiveBytes(200000);
  LZ4F_preferences_t preferences;
  std::memset(&preferences, 0, sizeof(preferences));
  preferences.frameInfo.blockChecksumFlag = LZ4F_blockChecksumEnabled;
  preferences.frameInfo.contentSize = input.size();
  std::string frame(LZ4F_compressFrameBound(input.size(), &preferences), '\0');
  const size_t size =
      LZ4F_compressFrame(frame.data(), frame.size(), input.data(), input.size(), &preferences);
  ASSERT_FALSE(LZ4F_isError(size));
  frame.resize(size);
  frame[frame.size() / 2] ^= 0x01;
  ASSERT_TRUE(DecompressExactly(CompressionCodec::kLz4, frame, input.size()).IsCorruption());

  for (const std::string& next : {std::string(), input}) {
    std::string output;
    const Status status = DecompressExactly(
        CompressionCodec::kLz4, MustCompress(CompressionCodec::kLz4, next), next.size(), &output);
    ASSERT_TRUE(status.ok()) << status.ToString();
    EXPECT_EQ(output, next);
  }
}

TEST(CodecTest, ConcatenatedFramesDecompressToTheirConcatenation) {
  const std::string first = RepetitiveBytes(70000);
  const std::string second = RandomBytes(5000, kSeed + 2);
  for (const CompressionCodec codec : {CompressionCodec::kLz4, CompressionCodec::kZstd}) {
    const std::string frames = MustCompress(codec, first) + MustCompress(codec, second);
    std::string output;
    const Status status = DecompressExactly(codec, frames, first.size() + second.size(), &output);
    ASSERT_TRUE(status.ok()) << status.ToString();
    EXPECT_EQ(output, first + second) << CodecName(codec);
  }
}

TEST(CodecTest, WrongExpectedSizeIsCorruptionAndNeverOverwrites) {
  const std::string input = std::string(kMiB, '\0');  // a decompression bomb in miniature
  for (const CompressionCodec codec : kAllCodecs) {
    const std::string compressed = MustCompress(codec, input);
    for (const size_t expected : {size_t{0}, size_t{1}, size_t{1000}, kMiB - 1, kMiB + 1}) {
      ExpectCorruptionNamingCodec(codec, DecompressExactly(codec, compressed, expected));
    }
  }
}

TEST(CodecTest, EmptyInputIsCorruptionExceptForNone) {
  for (const CompressionCodec codec : kCompressingCodecs) {
    ExpectCorruptionNamingCodec(codec, Decompress(codec, "", nullptr, 0));
  }
  EXPECT_TRUE(Decompress(CompressionCodec::kNone, "", nullptr, 0).ok());
}

TEST(CodecTest, EveryTruncationIsCorruption) {
  const std::string input = RepetitiveBytes(20000) + RandomBytes(2000, kSeed + 3);
  for (const CompressionCodec codec : kAllCodecs) {
    const std::string compressed = MustCompress(codec, input);
    for (size_t length = 0; length < compressed.size(); ++length) {
      ExpectCorruptionNamingCodec(
          codec,
          DecompressExactly(codec, std::string_view(compressed).substr(0, length), input.size()));
    }
  }
}

// Our frames carry no checksum of their own (the file's CRC32C covers them), so a flip inside a
// literal may decode to different bytes of the right size. Every flip must still end in either
// Corruption or exactly expected_size bytes, never a crash or a stray write (ASan checks), and
// flips in the leading magic number (lz4, zstd) or length varint (snappy) must be caught.
TEST(CodecTest, EveryBitFlipIsCorruptionOrABoundedDecode) {
  const std::string input = RepetitiveBytes(3000) + RandomBytes(300, kSeed + 4);
  for (const CompressionCodec codec : kCompressingCodecs) {
    const std::string compressed = MustCompress(codec, input);
    const size_t num_checked_header_bits = codec == CompressionCodec::kSnappy ? 8 : 32;
    size_t num_detected = 0;
    for (size_t bit = 0; bit < compressed.size() * 8; ++bit) {
      std::string flipped = compressed;
      flipped[bit / 8] = static_cast<char>(flipped[bit / 8] ^ (1 << (bit % 8)));
      const Status status = DecompressExactly(codec, flipped, input.size());
      if (!status.ok()) {
        ExpectCorruptionNamingCodec(codec, status);
        ++num_detected;
      } else {
        EXPECT_GE(bit, num_checked_header_bits)
            << CodecName(codec) << ": flip of header bit " << bit << " went unnoticed";
      }
    }
    EXPECT_GT(num_detected, 0u) << CodecName(codec);
  }
}

TEST(CodecTest, RandomGarbageIsCorruption) {
  std::mt19937 generator(kSeed + 5);
  for (const CompressionCodec codec : kCompressingCodecs) {
    for (int trial = 0; trial < 500; ++trial) {
      const size_t size = 1 + generator() % 300;
      const std::string garbage = RandomBytes(size, generator());
      const size_t expected = generator() % 5000;
      ExpectCorruptionNamingCodec(codec, DecompressExactly(codec, garbage, expected));
    }
  }
}

TEST(CodecTest, GarbageAfterAValidFrameIsCorruption) {
  const std::string input = RepetitiveBytes(5000);
  for (const CompressionCodec codec : kCompressingCodecs) {
    const std::string data = MustCompress(codec, input) + "trailing garbage";
    ExpectCorruptionNamingCodec(codec, DecompressExactly(codec, data, input.size()));
  }
}

TEST(CodecTest, UnsupportedLevelsAreInvalidArgumentAndLeaveTheOutputUnchanged) {
  std::string out = "kept";
  for (const auto& [codec, level] :
       {std::pair{CompressionCodec::kNone, 1}, std::pair{CompressionCodec::kSnappy, 3},
        std::pair{CompressionCodec::kLz4, 13}, std::pair{CompressionCodec::kZstd, 23}}) {
    const Status status = Compress(codec, "data", &out, level);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
    EXPECT_EQ(status.sqlstate(), "22023");
    EXPECT_EQ(out, "kept");
  }
}

TEST(CodecTest, UnknownCodecValuesAreRejected) {
  const auto unknown = static_cast<CompressionCodec>(7);
  EXPECT_EQ(CodecName(unknown), "unknown");
  std::string out;
  EXPECT_EQ(Compress(unknown, "data", &out).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(out.empty());
  char buffer[4];
  EXPECT_TRUE(Decompress(unknown, "data", buffer, sizeof(buffer)).IsCorruption());
}

TEST(CodecTest, CodecNamesRoundTripAndParseIgnoresCase) {
  for (const CompressionCodec codec : kAllCodecs) {
    const Result<CompressionCodec> parsed = ParseCodecName(CodecName(codec));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, codec);
  }
  const Result<CompressionCodec> upper = ParseCodecName("ZSTD");
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(*upper, CompressionCodec::kZstd);
  EXPECT_EQ(*ParseCodecName("Lz4"), CompressionCodec::kLz4);
  EXPECT_EQ(static_cast<uint8_t>(CompressionCodec::kSnappy), 3);  // persisted value
}

TEST(CodecTest, ParseRejectsUnknownNamesListingTheValidOnes) {
  for (const std::string_view name : {"gzip", "", "zstd ", "lz"}) {
    const Result<CompressionCodec> parsed = ParseCodecName(name);
    ASSERT_FALSE(parsed.ok()) << name;
    EXPECT_EQ(parsed.error().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.error().sqlstate(), "22023");
    const std::string_view message = parsed.error().message();
    EXPECT_NE(message.find("\"" + std::string(name) + "\""), std::string_view::npos) << message;
    EXPECT_NE(message.find("none, lz4, zstd, snappy"), std::string_view::npos) << message;
  }
}

TEST(CodecTest, ThreadsCompressAndDecompressConcurrently) {
  const std::string input = RepetitiveBytes(200000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&input] {
      for (int i = 0; i < 20; ++i) {
        for (const CompressionCodec codec : kAllCodecs) ExpectRoundTrip(codec, input);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace
}  // namespace boyodb::formats
