// ResultFrameSource: the rows of a binary `query` answer as a ByteSource for the Arrow IPC
// stream reader. The server sends them after the JSON response as frames whose payloads,
// concatenated, are one IPC stream; an empty frame ends them, or a JSON error frame when
// encoding failed part way (docs/formats/native_protocol.md, "Binary results").
// Thread safety: one reader on one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "formats/ipc/byte_source.h"
#include "tools/cli/client_stream.h"

namespace boyodb::tools::cli {

class ResultFrameSource final : public formats::ipc::ByteSource {
 public:
  /// `stream` must outlive the source; its next frame is the first of the result.
  explicit ResultFrameSource(ClientStream& stream) : stream_(stream) {}

  /// The stream's bytes, frame after frame; 0 at the empty frame. The error of an error frame
  /// (its SQLSTATE and message), returned again by every later call; 08006/08P01 when the
  /// connection fails.
  Result<size_t> Read(size_t n, char* out) override;
  uint64_t position() const override { return position_; }
  std::string_view name() const override { return "server result"; }

  /// Reads and drops what is left of the result (the IPC reader stops at the end-of-stream
  /// marker, before the empty frame), so the connection's next frame is the next response.
  /// The error frame's error when the result ended with one; the connection's error when it
  /// failed (ended() is false then).
  Status Finish();
  /// True once the frame that ends the result (empty, or an error) was read: the connection is
  /// in step with the server again.
  bool ended() const { return ended_; }

 private:
  // Loads the next frame into frame_; at the end of the result sets ended_ (and error_).
  Status NextFrame();

  ClientStream& stream_;
  std::string frame_;
  size_t offset_ = 0;
  uint64_t position_ = 0;
  bool ended_ = false;
  Status error_;
};

}  // namespace boyodb::tools::cli
