#include "formats/compression/codec.h"

#include <lz4frame.h>
#include <snappy.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <array>
#include <cstring>
#include <limits>
#include <memory>

#include "common/check.h"

namespace boyodb::formats {
namespace {

// zstd level 1 rather than the library's default of 3: Compress runs on the ingest and flush
// path and on query results sent to clients, where latency counts. Level 1 compresses 1.6 to 2
// times as fast as level 3 for a ratio 10-15% lower (zstd's own benchmark on text and binary
// samples), and both decompress at about the same speed, so the scan path would gain nothing
// from 3. Merges into cold tiers can ask for a higher level explicitly.
constexpr int kZstdDefaultLevel = 1;

// LZ4F turns a negative level into an acceleration factor of -level; bound it well inside int.
constexpr int kLz4MinLevel = -65536;

// Snappy's header stores the uncompressed length as a 32-bit varint.
constexpr size_t kSnappyMaxInputSize = std::numeric_limits<uint32_t>::max();

constexpr std::array<CompressionCodec, 4> kAllCodecs = {
    CompressionCodec::kNone, CompressionCodec::kLz4, CompressionCodec::kZstd,
    CompressionCodec::kSnappy};

// Per-thread codec contexts, created on first use and kept for the thread's lifetime so the hot
// path does not allocate the (tens to hundreds of KiB of) codec state per call.
struct ZstdCCtxDeleter {
  void operator()(ZSTD_CCtx* context) const { ZSTD_freeCCtx(context); }
};
struct ZstdDCtxDeleter {
  void operator()(ZSTD_DCtx* context) const { ZSTD_freeDCtx(context); }
};
struct Lz4CCtxDeleter {
  void operator()(LZ4F_cctx* context) const { LZ4F_freeCompressionContext(context); }
};
struct Lz4DCtxDeleter {
  void operator()(LZ4F_dctx* context) const { LZ4F_freeDecompressionContext(context); }
};

struct ThreadContexts {
  std::unique_ptr<ZSTD_CCtx, ZstdCCtxDeleter> zstd_compress;
  std::unique_ptr<ZSTD_DCtx, ZstdDCtxDeleter> zstd_decompress;
  std::unique_ptr<LZ4F_cctx, Lz4CCtxDeleter> lz4_compress;
  std::unique_ptr<LZ4F_dctx, Lz4DCtxDeleter> lz4_decompress;
};

ThreadContexts& Contexts() {
  thread_local ThreadContexts contexts;
  return contexts;
}

// Standard LZ4 frames (no content size, no checksums: our files have their own CRCs) of
// independent 4 MiB blocks: any LZ4 frame reader, Arrow's included, decodes them, and
// independent blocks compress and decompress faster than the default 64 KiB linked ones (a
// column buffer of a batch is usually one block). autoFlush lets each compressUpdate write
// straight into the destination instead of staging blocks in the context's buffer.
LZ4F_preferences_t Lz4Preferences(int level) {
  LZ4F_preferences_t preferences;
  std::memset(&preferences, 0, sizeof(preferences));
  preferences.compressionLevel = level;
  preferences.autoFlush = 1;
  preferences.frameInfo.blockSizeID = LZ4F_max4MB;
  preferences.frameInfo.blockMode = LZ4F_blockIndependent;
  return preferences;
}

Status InvalidLevel(CompressionCodec codec, int level) {
  return Status::InvalidArgument("unsupported compression level for codec " +
                                 std::string(CodecName(codec)) + ": " + std::to_string(level));
}

Status Malformed(CompressionCodec codec, std::string_view detail) {
  return Status::Corruption("malformed " + std::string(CodecName(codec)) +
                            " data: " + std::string(detail));
}

Status WrongSize(CompressionCodec codec, std::string_view actual, size_t expected_size) {
  return Status::Corruption(std::string(CodecName(codec)) + " data decompresses to " +
                            std::string(actual) + " bytes, expected " +
                            std::to_string(expected_size));
}

// Compresses into dst[0, capacity), capacity >= LZ4F_compressFrameBound(input, preferences).
// Returns the frame size or an LZ4F error code.
size_t Lz4CompressFrame(LZ4F_cctx* context, const LZ4F_preferences_t& preferences,
                        std::string_view input, char* dst, size_t capacity) {
  size_t written = LZ4F_compressBegin(context, dst, capacity, &preferences);
  if (LZ4F_isError(written)) return written;
  // The whole input is passed in one update and stays in place until the frame ends, so LZ4F
  // need not copy the last 64 KiB aside as the dictionary for a following update.
  LZ4F_compressOptions_t options;
  std::memset(&options, 0, sizeof(options));
  options.stableSrc = 1;
  if (!input.empty()) {
    const size_t block = LZ4F_compressUpdate(context, dst + written, capacity - written,
                                             input.data(), input.size(), &options);
    if (LZ4F_isError(block)) return block;
    written += block;
  }
  const size_t end = LZ4F_compressEnd(context, dst + written, capacity - written, &options);
  if (LZ4F_isError(end)) return end;
  return written + end;
}

// Decodes with a context that is at the start of a frame; see Lz4Decompress.
Status Lz4DecompressFrames(LZ4F_dctx* context, std::string_view input, char* out,
                           size_t expected_size) {
  constexpr CompressionCodec kCodec = CompressionCodec::kLz4;
  LZ4F_decompressOptions_t options;
  std::memset(&options, 0, sizeof(options));
  // The whole output stays in place for the duration of this call, so LZ4F may use it as the
  // dictionary for linked blocks instead of copying history into its own buffer.
  options.stableDst = 1;

  char unused_byte;
  char* const dst = out != nullptr ? out : &unused_byte;
  size_t in_pos = 0;
  size_t out_pos = 0;
  // LZ4F_decompress never writes more than the dst size it is given, so a frame that claims more
  // than expected_size stops making progress once out is full and is reported below.
  while (true) {
    size_t in_size = input.size() - in_pos;
    size_t out_size = expected_size - out_pos;
    const size_t hint = LZ4F_decompress(context, dst + out_pos, &out_size, input.data() + in_pos,
                                        &in_size, &options);
    if (LZ4F_isError(hint)) return Malformed(kCodec, LZ4F_getErrorName(hint));
    in_pos += in_size;
    out_pos += out_size;
    const bool frame_complete = hint == 0;
    if (in_pos == input.size()) {
      if (!frame_complete) return Malformed(kCodec, "truncated frame");
      break;
    }
    // Input left after a complete frame is the next concatenated frame. Input left with no
    // progress means out is full while the frame still has bytes to give.
    if (in_size == 0 && out_size == 0) {
      return WrongSize(kCodec, "more than " + std::to_string(expected_size), expected_size);
    }
  }
  if (out_pos != expected_size) return WrongSize(kCodec, std::to_string(out_pos), expected_size);
  return Status::OK();
}

Status Lz4Decompress(std::string_view input, char* out, size_t expected_size) {
  auto& context = Contexts().lz4_decompress;
  if (context == nullptr) {
    LZ4F_dctx* created = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&created, LZ4F_VERSION))) {
      return Status::ResourceExhausted("could not allocate an lz4 decompression context");
    }
    context.reset(created);
  }
  Status status = Lz4DecompressFrames(context.get(), input, out, expected_size);
  // A successful call ends at a frame boundary, which leaves the context ready for the next
  // frame. A failed one may stop mid-frame, and LZ4F_resetDecompressionContext is not enough
  // before lz4 1.9.5 (lz4 issue #1227: it keeps the remaining content size of the failed frame,
  // so the next frame without a content size fails with frameSize_wrong). Errors are rare, so
  // the context is simply recreated on the next call.
  if (!status.ok()) context.reset();
  return status;
}

Status ZstdDecompress(std::string_view input, char* out, size_t expected_size) {
  constexpr CompressionCodec kCodec = CompressionCodec::kZstd;
  auto& context = Contexts().zstd_decompress;
  if (context == nullptr) {
    context.reset(ZSTD_createDCtx());
    if (context == nullptr) {
      return Status::ResourceExhausted("could not allocate a zstd decompression context");
    }
  }
  char unused_byte;
  // One-shot decompression writes at most expected_size bytes; a frame whose header or content
  // is larger fails with "destination buffer is too small" before anything past it is touched.
  const size_t result = ZSTD_decompressDCtx(context.get(), out != nullptr ? out : &unused_byte,
                                            expected_size, input.data(), input.size());
  if (ZSTD_isError(result)) {
    if (ZSTD_getErrorCode(result) == ZSTD_error_dstSize_tooSmall) {
      return WrongSize(kCodec, "more than " + std::to_string(expected_size), expected_size);
    }
    return Malformed(kCodec, ZSTD_getErrorName(result));
  }
  if (result != expected_size) return WrongSize(kCodec, std::to_string(result), expected_size);
  return Status::OK();
}

Status SnappyDecompress(std::string_view input, char* out, size_t expected_size) {
  constexpr CompressionCodec kCodec = CompressionCodec::kSnappy;
  size_t length = 0;
  if (!snappy::GetUncompressedLength(input.data(), input.size(), &length)) {
    return Malformed(kCodec, "bad length header");
  }
  if (length != expected_size) return WrongSize(kCodec, std::to_string(length), expected_size);
  // RawUncompress bounds every copy by the length in the header (checked above) and by the
  // input size, and fails on any malformed element, so a separate IsValidCompressedBuffer pass
  // (a second full decode) would only slow the scan path down.
  char unused_byte;
  if (!snappy::RawUncompress(input.data(), input.size(), out != nullptr ? out : &unused_byte)) {
    return Malformed(kCodec, "invalid compressed elements");
  }
  return Status::OK();
}

// The Compress helpers write into dst[0, capacity), capacity = MaxCompressedSize(input), and
// return the compressed size.
Result<size_t> Lz4Compress(std::string_view input, char* dst, size_t capacity, int level) {
  auto& context = Contexts().lz4_compress;
  if (context == nullptr) {
    LZ4F_cctx* created = nullptr;
    if (LZ4F_isError(LZ4F_createCompressionContext(&created, LZ4F_VERSION))) {
      return Status::ResourceExhausted("could not allocate an lz4 compression context");
    }
    context.reset(created);
  }
  const size_t written =
      Lz4CompressFrame(context.get(), Lz4Preferences(level), input, dst, capacity);
  if (LZ4F_isError(written)) {
    // Compression into a buffer of the bound size cannot fail; a failure is a bug. The context
    // is dropped because its state after an error is unspecified.
    context.reset();
    return Status::Internal(std::string("lz4 compression failed: ") + LZ4F_getErrorName(written));
  }
  return written;
}

Result<size_t> ZstdCompress(std::string_view input, char* dst, size_t capacity, int level) {
  auto& context = Contexts().zstd_compress;
  if (context == nullptr) {
    context.reset(ZSTD_createCCtx());
    if (context == nullptr) {
      return Status::ResourceExhausted("could not allocate a zstd compression context");
    }
  }
  // ZSTD_compressCCtx resets the context's parameters on every call, so no setting of a
  // previous call leaks into this one.
  const size_t written = ZSTD_compressCCtx(context.get(), dst, capacity, input.data(), input.size(),
                                           level == 0 ? kZstdDefaultLevel : level);
  if (ZSTD_isError(written)) {
    return Status::Internal(std::string("zstd compression failed: ") + ZSTD_getErrorName(written));
  }
  return written;
}

Result<size_t> SnappyCompress(std::string_view input, char* dst) {
  size_t written = 0;
  snappy::RawCompress(input.data(), input.size(), dst, &written);
  return written;
}

// Requires: codec is kLz4, kZstd or kSnappy and level is valid for it (checked by Compress).
Result<size_t> CompressInto(CompressionCodec codec, std::string_view input, char* dst,
                            size_t capacity, int level) {
  switch (codec) {
    case CompressionCodec::kLz4:
      return Lz4Compress(input, dst, capacity, level);
    case CompressionCodec::kZstd:
      return ZstdCompress(input, dst, capacity, level);
    default:
      return SnappyCompress(input, dst);
  }
}

}  // namespace

std::string_view CodecName(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kNone:
      return "none";
    case CompressionCodec::kLz4:
      return "lz4";
    case CompressionCodec::kZstd:
      return "zstd";
    case CompressionCodec::kSnappy:
      return "snappy";
  }
  return "unknown";
}

Result<CompressionCodec> ParseCodecName(std::string_view name) {
  for (const CompressionCodec codec : kAllCodecs) {
    const std::string_view candidate = CodecName(codec);
    if (candidate.size() != name.size()) continue;
    bool equal = true;
    for (size_t i = 0; i < name.size() && equal; ++i) {
      const char c = name[i];
      equal = (c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) == candidate[i];
    }
    if (equal) return codec;
  }
  std::string message =
      "unrecognized compression codec \"" + std::string(name) + "\" (valid codecs: ";
  for (size_t i = 0; i < kAllCodecs.size(); ++i) {
    if (i > 0) message += ", ";
    message += CodecName(kAllCodecs[i]);
  }
  message += ")";
  return Status::InvalidArgument(std::move(message));
}

size_t MaxCompressedSize(CompressionCodec codec, size_t n) {
  switch (codec) {
    case CompressionCodec::kNone:
      return n;
    case CompressionCodec::kLz4: {
      const LZ4F_preferences_t preferences = Lz4Preferences(0);
      return LZ4F_compressFrameBound(n, &preferences);
    }
    case CompressionCodec::kZstd:
      return ZSTD_compressBound(n);
    case CompressionCodec::kSnappy:
      return snappy::MaxCompressedLength(n);
  }
  return n;
}

Status Compress(CompressionCodec codec, std::string_view input, std::string* out, int level) {
  BOYO_DCHECK(out != nullptr);
  switch (codec) {
    case CompressionCodec::kNone:
      if (level != 0) return InvalidLevel(codec, level);
      out->append(input);
      return Status::OK();
    case CompressionCodec::kLz4:
      if (level < kLz4MinLevel || level > LZ4F_compressionLevel_max()) {
        return InvalidLevel(codec, level);
      }
      break;
    case CompressionCodec::kZstd:
      if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel()) return InvalidLevel(codec, level);
      break;
    case CompressionCodec::kSnappy:
      if (level != 0) return InvalidLevel(codec, level);
      if (input.size() > kSnappyMaxInputSize) {
        return Status::InvalidArgument(
            "input too large for snappy: " + std::to_string(input.size()) + " bytes");
      }
      break;
    default:
      return Status::InvalidArgument("unknown compression codec " +
                                     std::to_string(static_cast<int>(codec)));
  }

  const size_t old_size = out->size();
  const size_t bound = MaxCompressedSize(codec, input.size());
  // Compressing straight into the string saves a scratch buffer and a copy of the output; the
  // price is that resize() zero-fills the bound first (C++20 has no resize_and_overwrite), about
  // 20 us per MiB.
  out->resize(old_size + bound);
  char* const dst = out->data() + old_size;
  const Result<size_t> written = CompressInto(codec, input, dst, bound, level);
  out->resize(written.ok() ? old_size + *written : old_size);
  return written.status();
}

Status Decompress(CompressionCodec codec, std::string_view input, char* out, size_t expected_size) {
  BOYO_DCHECK(out != nullptr || expected_size == 0);
  if (codec == CompressionCodec::kNone) {
    if (input.size() != expected_size) {
      return WrongSize(codec, std::to_string(input.size()), expected_size);
    }
    if (expected_size > 0) std::memcpy(out, input.data(), expected_size);
    return Status::OK();
  }
  if (input.empty()) return Malformed(codec, "empty input");
  switch (codec) {
    case CompressionCodec::kLz4:
      return Lz4Decompress(input, out, expected_size);
    case CompressionCodec::kZstd:
      return ZstdDecompress(input, out, expected_size);
    case CompressionCodec::kSnappy:
      return SnappyDecompress(input, out, expected_size);
    default:
      break;
  }
  return Status::Corruption("unknown compression codec " + std::to_string(static_cast<int>(codec)));
}

}  // namespace boyodb::formats
