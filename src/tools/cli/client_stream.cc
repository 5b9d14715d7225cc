#include "tools/cli/client_stream.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <utility>

namespace boyodb::tools::cli {
namespace {

Status ConnectError(const ConnectionOptions& options, const std::string& reason) {
  return Status(StatusCode::kIOError, kSqlStateUnableToConnect,
                "connection to server at \"" + options.host + "\", port " +
                    std::to_string(options.port) + " failed: " + reason);
}

Status LostConnection(const std::string& reason) {
  return Status(StatusCode::kIOError, kSqlStateConnectionFailure,
                "connection to server lost: " + reason);
}

// OpenSSL's reasons for the last failure ("certificate verify failed", "tlsv13 alert
// certificate required"), or `fallback` when it queued none; clears its error queue.
std::string OpenSslReason(const std::string& fallback) {
  std::string reasons;
  while (const unsigned long error = ERR_get_error()) {
    const char* reason = ERR_reason_error_string(error);
    if (reason == nullptr) continue;
    if (!reasons.empty()) reasons += ": ";
    reasons += reason;
  }
  return reasons.empty() ? fallback : reasons;
}

// The reason an OpenSSL read or write failed with `ssl_error` (SSL_get_error's answer).
std::string TlsFailure(int ssl_error) {
  if (ssl_error == SSL_ERROR_SYSCALL) {
    const int saved_errno = errno;
    return OpenSslReason(saved_errno != 0 ? std::strerror(saved_errno)
                                          : "server closed the connection unexpectedly");
  }
  return OpenSslReason("TLS error " + std::to_string(ssl_error));
}

// An open socket, closed when it goes out of scope unless released.
class SocketFd {
 public:
  explicit SocketFd(int fd) : fd_(fd) {}
  ~SocketFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  SocketFd(const SocketFd&) = delete;
  SocketFd& operator=(const SocketFd&) = delete;
  int get() const { return fd_; }
  int Release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// OpenSSL writes to the socket with write(), which raises SIGPIPE when the server has gone.
// As libpq does, SIGPIPE is blocked while OpenSSL runs, and one it raised is discarded, so a
// lost server becomes an error instead of ending the program.
class SigpipeGuard {
 public:
  SigpipeGuard() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &old_mask_);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
  }
  ~SigpipeGuard() {
    sigset_t pending;
    sigpending(&pending);
    if (!was_pending_ && sigismember(&pending, SIGPIPE) == 1) {
      const timespec no_wait{};
      sigtimedwait(&sigpipe_, nullptr, &no_wait);
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  SigpipeGuard(const SigpipeGuard&) = delete;
  SigpipeGuard& operator=(const SigpipeGuard&) = delete;

 private:
  sigset_t sigpipe_;
  sigset_t old_mask_;
  bool was_pending_ = false;
};

struct OpenSslDeleter {
  void operator()(SSL_CTX* context) const { SSL_CTX_free(context); }
  void operator()(SSL* ssl) const { SSL_free(ssl); }
};
using SslContextPtr = std::unique_ptr<SSL_CTX, OpenSslDeleter>;
using SslPtr = std::unique_ptr<SSL, OpenSslDeleter>;

class TcpStream final : public ClientStream {
 public:
  explicit TcpStream(int fd) : fd_(fd) {}

  Status WriteAll(std::string_view bytes) override {
    while (!bytes.empty()) {
      // MSG_NOSIGNAL: a closed connection is EPIPE here, not SIGPIPE.
      const ssize_t sent = ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent < 0) {
        if (errno == EINTR) continue;
        return LostConnection(std::strerror(errno));
      }
      bytes.remove_prefix(static_cast<size_t>(sent));
    }
    return Status::OK();
  }

  Result<size_t> ReadSome(char* out, size_t n) override {
    while (true) {
      const ssize_t got = ::recv(fd_.get(), out, n, 0);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return LostConnection(std::strerror(errno));
    }
  }

 private:
  SocketFd fd_;
};

class TlsStream final : public ClientStream {
 public:
  TlsStream(int fd, SslContextPtr context, SslPtr ssl)
      : fd_(fd), context_(std::move(context)), ssl_(std::move(ssl)) {}
  ~TlsStream() override {
    // Say goodbye (close_notify) so the server logs a clean close; never wait for its answer.
    SigpipeGuard guard;
    SSL_shutdown(ssl_.get());
    ERR_clear_error();
  }

  Status WriteAll(std::string_view bytes) override {
    SigpipeGuard guard;
    while (!bytes.empty()) {
      const int chunk = static_cast<int>(std::min<size_t>(bytes.size(), INT_MAX));
      const int written = SSL_write(ssl_.get(), bytes.data(), chunk);
      if (written > 0) {
        bytes.remove_prefix(static_cast<size_t>(written));
        continue;
      }
      const int error = SSL_get_error(ssl_.get(), written);
      if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) continue;
      return LostConnection(TlsFailure(error));
    }
    return Status::OK();
  }

  Result<size_t> ReadSome(char* out, size_t n) override {
    // Reading may write too (a key update), so SIGPIPE is guarded here as well.
    SigpipeGuard guard;
    const int wanted = static_cast<int>(std::min<size_t>(n, INT_MAX));
    while (true) {
      errno = 0;
      const int got = SSL_read(ssl_.get(), out, wanted);
      if (got > 0) return static_cast<size_t>(got);
      const int error = SSL_get_error(ssl_.get(), got);
      if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) continue;
      if (error == SSL_ERROR_ZERO_RETURN) return size_t{0};  // the server's close_notify
      return LostConnection(TlsFailure(error));
    }
  }

 private:
  // Destroyed in reverse order: the SSL object, then its context, then the socket.
  SocketFd fd_;
  SslContextPtr context_;
  SslPtr ssl_;
};

Result<int> ConnectTcp(const ConnectionOptions& options) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(options.port);
  const int resolved = ::getaddrinfo(options.host.c_str(), port.c_str(), &hints, &found);
  if (resolved != 0) {
    return ConnectError(options,
                        std::string("could not translate host name: ") + gai_strerror(resolved));
  }
  const std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, &freeaddrinfo);
  std::string reason = "no address to connect to";
  for (const addrinfo* address = found; address != nullptr; address = address->ai_next) {
    SocketFd fd(
        ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol));
    if (fd.get() < 0) {
      reason = std::strerror(errno);
      continue;
    }
    if (::connect(fd.get(), address->ai_addr, address->ai_addrlen) != 0) {
      reason = std::strerror(errno);
      continue;
    }
    // Requests are single frames written at once; do not hold them back waiting for ACKs.
    const int one = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    return fd.Release();
  }
  return ConnectError(options, reason);
}

// A TLS file that cannot be opened gets the system's reason ("No such file or directory"),
// which says more than OpenSSL's.
Status CheckReadable(const ConnectionOptions& options, const char* what, const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) {
    return ConnectError(options, std::string("could not open TLS ") + what + " \"" + path +
                                     "\": " + std::strerror(errno));
  }
  std::fclose(file);
  return Status::OK();
}

Result<SslContextPtr> MakeContext(const ConnectionOptions& options) {
  const TlsOptions& tls = options.tls;
  SslContextPtr context(SSL_CTX_new(TLS_client_method()));
  if (context == nullptr) {
    return ConnectError(options, "could not create a TLS context: " + OpenSslReason("unknown"));
  }
  // TLS 1.3 only, as the server speaks it.
  SSL_CTX_set_min_proto_version(context.get(), TLS1_3_VERSION);
  SSL_CTX_set_verify(context.get(), SSL_VERIFY_PEER, nullptr);
  if (tls.ca_file.empty()) {
    if (SSL_CTX_set_default_verify_paths(context.get()) != 1) {
      return ConnectError(options,
                          "could not load the system's CA certificates: " + OpenSslReason("?"));
    }
  } else {
    BOYO_RETURN_IF_ERROR(CheckReadable(options, "CA file", tls.ca_file));
    if (SSL_CTX_load_verify_locations(context.get(), tls.ca_file.c_str(), nullptr) != 1) {
      return ConnectError(options, "could not load TLS CA file \"" + tls.ca_file +
                                       "\": " + OpenSslReason("not a PEM certificate"));
    }
  }
  if (!tls.cert_file.empty()) {
    BOYO_RETURN_IF_ERROR(CheckReadable(options, "certificate", tls.cert_file));
    BOYO_RETURN_IF_ERROR(CheckReadable(options, "key", tls.key_file));
    if (SSL_CTX_use_certificate_chain_file(context.get(), tls.cert_file.c_str()) != 1) {
      return ConnectError(options, "could not load TLS certificate \"" + tls.cert_file +
                                       "\": " + OpenSslReason("not a PEM certificate"));
    }
    if (SSL_CTX_use_PrivateKey_file(context.get(), tls.key_file.c_str(), SSL_FILETYPE_PEM) != 1) {
      return ConnectError(options, "could not load TLS key \"" + tls.key_file +
                                       "\": " + OpenSslReason("not a PEM key"));
    }
    if (SSL_CTX_check_private_key(context.get()) != 1) {
      ERR_clear_error();
      return ConnectError(options, "TLS key \"" + tls.key_file +
                                       "\" does not match certificate \"" + tls.cert_file + "\"");
    }
  }
  return context;
}

// Takes over `socket`, closing it on failure.
Result<std::unique_ptr<ClientStream>> StartTls(int socket, const ConnectionOptions& options) {
  SocketFd fd(socket);
  BOYO_ASSIGN_OR_RETURN(SslContextPtr context, MakeContext(options));
  SslPtr ssl(SSL_new(context.get()));
  if (ssl == nullptr || SSL_set_fd(ssl.get(), fd.get()) != 1) {
    return ConnectError(options, "could not start TLS: " + OpenSslReason("unknown"));
  }
  // The certificate must name the host we asked for: its IP address, or its DNS name (which
  // also goes to the server as SNI).
  const std::string& host = options.host;
  in6_addr address;
  const bool is_ip = ::inet_pton(AF_INET, host.c_str(), &address) == 1 ||
                     ::inet_pton(AF_INET6, host.c_str(), &address) == 1;
  if (is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl.get()), host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl.get(), host.c_str());
    SSL_set1_host(ssl.get(), host.c_str());
  }
  {
    SigpipeGuard guard;
    errno = 0;
    const int connected = SSL_connect(ssl.get());
    if (connected != 1) {
      const long verified = SSL_get_verify_result(ssl.get());
      std::string reason = verified != X509_V_OK
                               ? std::string("server certificate verify failed: ") +
                                     X509_verify_cert_error_string(verified)
                               : TlsFailure(SSL_get_error(ssl.get(), connected));
      ERR_clear_error();
      return ConnectError(options, "TLS handshake failed: " + reason);
    }
  }
  return std::unique_ptr<ClientStream>(
      std::make_unique<TlsStream>(fd.Release(), std::move(context), std::move(ssl)));
}

}  // namespace

Result<std::unique_ptr<ClientStream>> ClientStream::Connect(const ConnectionOptions& options) {
  BOYO_ASSIGN_OR_RETURN(const int fd, ConnectTcp(options));
  if (options.tls.in_use()) return StartTls(fd, options);
  return std::unique_ptr<ClientStream>(std::make_unique<TcpStream>(fd));
}

Status ReadExactly(ClientStream& stream, char* out, size_t n) {
  size_t filled = 0;
  while (filled < n) {
    BOYO_ASSIGN_OR_RETURN(const size_t got, stream.ReadSome(out + filled, n - filled));
    if (got == 0) {
      return Status(StatusCode::kIOError, kSqlStateConnectionFailure,
                    "server closed the connection unexpectedly");
    }
    filled += got;
  }
  return Status::OK();
}

}  // namespace boyodb::tools::cli
