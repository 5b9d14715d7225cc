// NativeClient: a blocking TCP client of the native protocol's framing for tests: sends frames
// (well-formed or deliberately not) and reads the server's frames with a timeout.
// Thread safety: one thread per client.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace boyodb::testing {

class NativeClient {
 public:
  /// Connects to host:port; nullopt when the connection is refused.
  static std::optional<NativeClient> Connect(const std::string& host, int port);
  NativeClient(NativeClient&& other) noexcept;
  NativeClient& operator=(NativeClient&&) = delete;
  NativeClient(const NativeClient&) = delete;
  ~NativeClient();

  /// Sends raw bytes as they are (malformed input); false when the connection is gone.
  bool SendRaw(std::string_view bytes);
  /// Sends one frame: 4-byte big-endian length, then `payload`.
  bool SendFrame(std::string_view payload);
  /// The next frame's payload, or nullopt when the server closed the connection or nothing
  /// arrived within `timeout`.
  std::optional<std::string> ReadFrame(
      std::chrono::milliseconds timeout = std::chrono::seconds(60));
  /// Sends `request` as JSON and parses the response frame (a discarded value when none came).
  nlohmann::json Request(const nlohmann::json& request);
  /// True when the server has closed the connection (reads end of file within `timeout`).
  bool ClosedByServer(std::chrono::milliseconds timeout = std::chrono::seconds(60));

 private:
  explicit NativeClient(int fd) : fd_(fd) {}
  bool ReadExactly(char* out, size_t n, std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
};

}  // namespace boyodb::testing
