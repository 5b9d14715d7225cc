#include "server/idle_timer.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace boyodb::server {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// Shared with the watching coroutine, which may outlive the IdleTimer by one wake-up.
struct IdleTimer::State {
  State(std::shared_ptr<TcpAcceptor::Socket> socket, std::chrono::seconds timeout)
      : socket(std::move(socket)), timeout(timeout), timer(this->socket->get_executor()) {}

  std::shared_ptr<TcpAcceptor::Socket> socket;
  const std::chrono::seconds timeout;
  asio::steady_timer timer;
  Clock::time_point deadline;
  bool busy = false;
  bool stopped = false;
  bool expired = false;
};

asio::awaitable<void> IdleTimer::Watch(std::shared_ptr<State> state) {
  while (!state->stopped) {
    state->timer.expires_at(state->deadline);
    boost::system::error_code error;
    co_await state->timer.async_wait(asio::redirect_error(asio::use_awaitable, error));
    if (state->stopped) break;
    // The deadline moved (Idle) or a request runs (Busy): wait again.
    if (state->busy || Clock::now() < state->deadline) {
      if (state->busy) state->deadline = Clock::now() + state->timeout;
      continue;
    }
    state->expired = true;
    state->socket->cancel(error);
    break;
  }
}

IdleTimer::IdleTimer(std::shared_ptr<TcpAcceptor::Socket> socket, std::chrono::seconds timeout) {
  if (timeout.count() <= 0) return;
  state_ = std::make_shared<State>(std::move(socket), timeout);
  state_->deadline = Clock::now() + timeout;
  asio::co_spawn(state_->socket->get_executor(), Watch(state_), asio::detached);
}

IdleTimer::~IdleTimer() {
  if (state_ == nullptr) return;
  state_->stopped = true;
  state_->timer.cancel();
}

void IdleTimer::Busy() {
  if (state_ != nullptr) state_->busy = true;
}

void IdleTimer::Idle() {
  if (state_ == nullptr) return;
  state_->busy = false;
  state_->deadline = Clock::now() + state_->timeout;
}

bool IdleTimer::expired() const { return state_ != nullptr && state_->expired; }

Status IdleSessionTimeout() {
  return Status(StatusCode::kCancelled, "57P05",
                "terminating connection due to idle-session timeout");
}

}  // namespace boyodb::server
