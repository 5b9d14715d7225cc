#include "tests/support/native_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace boyodb::testing {

std::optional<NativeClient> NativeClient::Connect(const std::string& host, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1 ||
      ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  return NativeClient(fd);
}

NativeClient::NativeClient(NativeClient&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

NativeClient::~NativeClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool NativeClient::SendRaw(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool NativeClient::SendFrame(std::string_view payload) {
  const auto size = static_cast<uint32_t>(payload.size());
  const char header[4] = {static_cast<char>(size >> 24), static_cast<char>((size >> 16) & 0xFF),
                          static_cast<char>((size >> 8) & 0xFF), static_cast<char>(size & 0xFF)};
  return SendRaw(std::string_view(header, 4)) && SendRaw(payload);
}

bool NativeClient::ReadExactly(char* out, size_t n,
                               std::chrono::steady_clock::time_point deadline) {
  size_t done = 0;
  while (done < n) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd poll_fd{fd_, POLLIN, 0};
    const int ready = ::poll(&poll_fd, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    const ssize_t got = ::recv(fd_, out + done, n - done, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    done += static_cast<size_t>(got);
  }
  return true;
}

std::optional<std::string> NativeClient::ReadFrame(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  unsigned char header[4];
  if (!ReadExactly(reinterpret_cast<char*>(header), 4, deadline)) return std::nullopt;
  const uint32_t size = (uint32_t{header[0]} << 24) | (uint32_t{header[1]} << 16) |
                        (uint32_t{header[2]} << 8) | uint32_t{header[3]};
  std::string payload(size, '\0');
  if (!ReadExactly(payload.data(), size, deadline)) return std::nullopt;
  return payload;
}

nlohmann::json NativeClient::Request(const nlohmann::json& request) {
  if (!SendFrame(request.dump())) return nlohmann::json(nlohmann::json::value_t::discarded);
  const std::optional<std::string> response = ReadFrame();
  if (!response) return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(*response, nullptr, /*allow_exceptions=*/false);
}

bool NativeClient::ClosedByServer(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd poll_fd{fd_, POLLIN, 0};
    const int ready = ::poll(&poll_fd, 1, 100);
    if (ready <= 0) continue;
    char byte;
    const ssize_t got = ::recv(fd_, &byte, 1, 0);
    if (got == 0) return true;
    if (got < 0 && errno != EINTR && errno != EAGAIN) return true;  // reset counts as closed
  }
  return false;
}

}  // namespace boyodb::testing
