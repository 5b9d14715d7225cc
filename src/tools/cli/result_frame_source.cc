#include "tools/cli/result_frame_source.h"

#include <algorithm>
#include <cstring>

#include "common/sqlstate.h"
#include "tools/cli/native_frames.h"

namespace boyodb::tools::cli {

Status ResultFrameSource::NextFrame() {
  BOYO_ASSIGN_OR_RETURN(std::string frame, ReadFrame(stream_));
  offset_ = 0;
  if (frame.empty()) {
    ended_ = true;
    frame_.clear();
    return Status::OK();
  }
  // An IPC message starts with the continuation marker 0xFFFFFFFF, an error response with '{'.
  if (frame.front() == '{') {
    ended_ = true;
    frame_.clear();
    Result<nlohmann::json> response = ParseResponse(frame);
    error_ = response.ok() ? Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                                    "server sent a JSON frame that is not an error inside a result")
                           : response.status();
    return error_;
  }
  frame_ = std::move(frame);
  return Status::OK();
}

Result<size_t> ResultFrameSource::Read(size_t n, char* out) {
  if (!error_.ok()) return error_;
  while (offset_ == frame_.size()) {
    if (ended_) return size_t{0};
    BOYO_RETURN_IF_ERROR(NextFrame());
  }
  const size_t count = std::min(n, frame_.size() - offset_);
  std::memcpy(out, frame_.data() + offset_, count);
  offset_ += count;
  position_ += count;
  return count;
}

Status ResultFrameSource::Finish() {
  while (!ended_) BOYO_RETURN_IF_ERROR(NextFrame());
  return error_;
}

}  // namespace boyodb::tools::cli
