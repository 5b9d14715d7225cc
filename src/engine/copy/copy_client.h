// CopyClient: the client's end of COPY ... FROM STDIN and COPY ... TO STDOUT. PostgreSQL's
// client drives those (psql sends the lines after the statement; pgwire carries CopyData
// messages), so the session does not read or write its own stdin and stdout: the caller
// installs a CopyClient with Session::SetCopyClient. Adapters make it a ByteSource / ByteSink
// for the format readers and writers.
// Thread safety: used by the session's thread only, while a COPY runs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"
#include "formats/ipc/byte_sink.h"
#include "formats/ipc/byte_source.h"
#include "formats/ipc/options.h"

namespace boyodb::engine {

class CopyClient {
 public:
  virtual ~CopyClient() = default;
  /// COPY FROM STDIN: up to `n` bytes of the client's data into `out`; 0 at its end. An error
  /// fails the COPY (nothing is added).
  virtual Result<size_t> ReadCopyData(char* out, size_t n) = 0;
  /// COPY TO STDOUT: hands `data` (whole lines, or part of an Arrow file) to the client.
  virtual Status WriteCopyData(std::string_view data) = 0;
  /// Bounds on Arrow input from this client (a server's limit on decompressed sizes).
  virtual formats::ipc::ReadOptions IpcReadOptions() const { return {}; }
};

/// A CopyClient's input as a ByteSource. `client` must outlive it.
class CopyClientSource final : public formats::ipc::ByteSource {
 public:
  explicit CopyClientSource(CopyClient& client) : client_(client) {}
  Result<size_t> Read(size_t n, char* out) override {
    BOYO_ASSIGN_OR_RETURN(const size_t read, client_.ReadCopyData(out, n));
    position_ += read;
    return read;
  }
  uint64_t position() const override { return position_; }
  std::string_view name() const override { return "STDIN"; }

 private:
  CopyClient& client_;
  uint64_t position_ = 0;
};

/// A CopyClient's output as a ByteSink. `client` must outlive it.
class CopyClientSink final : public formats::ipc::ByteSink {
 public:
  explicit CopyClientSink(CopyClient& client) : client_(client) {}
  Status Append(std::string_view data) override {
    position_ += data.size();
    return client_.WriteCopyData(data);
  }
  uint64_t position() const override { return position_; }

 private:
  CopyClient& client_;
  uint64_t position_ = 0;
};

}  // namespace boyodb::engine
