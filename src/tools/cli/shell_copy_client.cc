#include "tools/cli/shell_copy_client.h"

#include <algorithm>
#include <cstring>

namespace boyodb::tools::cli {

bool ShellCopyClient::NextLine() {
  std::string line;
  if (!source_ || !source_(&line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line == "\\.") return false;
  pending_ = std::move(line);
  pending_.push_back('\n');
  pending_offset_ = 0;
  return true;
}

Result<size_t> ShellCopyClient::ReadCopyData(char* out, size_t n) {
  started_ = true;
  if (ended_) return size_t{0};
  size_t written = 0;
  while (written < n) {
    if (pending_offset_ == pending_.size()) {
      if (written > 0) break;  // hand over what is there before waiting for another line
      if (!NextLine()) {
        ended_ = true;
        break;
      }
    }
    const size_t take = std::min(n - written, pending_.size() - pending_offset_);
    std::memcpy(out + written, pending_.data() + pending_offset_, take);
    pending_offset_ += take;
    written += take;
  }
  return written;
}

Status ShellCopyClient::WriteCopyData(std::string_view data) {
  out_.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!out_) return Status::IOError("could not write COPY data to the output");
  return Status::OK();
}

void ShellCopyClient::FinishStatement() {
  if (started_ && !ended_) {
    while (NextLine()) {
    }
  }
  started_ = false;
  ended_ = false;
  pending_.clear();
  pending_offset_ = 0;
}

}  // namespace boyodb::tools::cli
