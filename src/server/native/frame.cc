#include "server/native/frame.h"

#include "common/check.h"
#include "common/sqlstate.h"

namespace boyodb::server::native {

std::array<char, kFrameHeaderBytes> EncodeFrameHeader(size_t payload_size) {
  BOYO_CHECK_LE(payload_size, size_t{UINT32_MAX});
  const auto size = static_cast<uint32_t>(payload_size);
  return {static_cast<char>(size >> 24), static_cast<char>((size >> 16) & 0xFF),
          static_cast<char>((size >> 8) & 0xFF), static_cast<char>(size & 0xFF)};
}

Result<uint32_t> DecodeFrameHeader(const std::array<char, kFrameHeaderBytes>& header,
                                   uint32_t max_payload_bytes) {
  uint32_t size = 0;
  for (const char byte : header) size = (size << 8) | static_cast<uint8_t>(byte);
  if (size > max_payload_bytes) {
    return Status(StatusCode::kResourceExhausted, sqlstate::kProgramLimitExceeded,
                  "frame of " + std::to_string(size) + " bytes exceeds the limit of " +
                      std::to_string(max_payload_bytes) + " bytes");
  }
  return size;
}

std::string EncodeFrame(std::string_view payload) {
  const auto header = EncodeFrameHeader(payload.size());
  std::string frame(header.data(), header.size());
  frame.append(payload);
  return frame;
}

}  // namespace boyodb::server::native
