// ShellCopyClient: boyodb-cli's end of COPY ... FROM STDIN and TO STDOUT, as psql does it:
// the data of FROM STDIN are the input lines after the statement, up to a line "\." (or the
// end of the input); TO STDOUT output goes to the shell's output stream.
// Thread safety: not thread-safe; one per shell.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "engine/copy/copy_client.h"

namespace boyodb::tools::cli {

class ShellCopyClient final : public engine::CopyClient {
 public:
  /// Reads the next input line (without its newline) into `line`; false at the end of input.
  using LineSource = std::function<bool(std::string* line)>;

  /// `out` must outlive the client.
  explicit ShellCopyClient(std::ostream& out) : out_(out) {}

  /// Where the data lines of the next statements come from; set before each statement runs.
  void SetLineSource(LineSource source) { source_ = std::move(source); }
  /// After a statement: if a COPY FROM STDIN stopped reading before "\.", skips its remaining
  /// data lines so they are not read as SQL (psql sends them all too). Resets for the next one.
  void FinishStatement();

  Result<size_t> ReadCopyData(char* out, size_t n) override;
  Status WriteCopyData(std::string_view data) override;

 private:
  // Loads the next data line into pending_; false at "\." or the end of input.
  bool NextLine();

  std::ostream& out_;
  LineSource source_;
  std::string pending_;
  size_t pending_offset_ = 0;
  bool started_ = false;  // a COPY FROM STDIN read data during this statement
  bool ended_ = false;    // ... and reached its end
};

}  // namespace boyodb::tools::cli
