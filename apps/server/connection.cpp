#include "apps/server/connection.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace passend::server {

namespace {
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// One request's budget and deadlines; reset at the start of each request on the connection.
struct RequestState {
  Clock::time_point header_deadline, request_deadline;
  std::size_t budget = 0, used = 0, body_budget = 0;
  bool in_headers = true;
  bool over = false, over_in_headers = false, late = false, close = false;
};

thread_local RequestState* current = nullptr;

milliseconds until(Clock::time_point t) {
  return std::max(milliseconds(0), std::chrono::duration_cast<milliseconds>(t - Clock::now()));
}

milliseconds of(time_t sec, time_t usec) { return milliseconds(sec * 1000 + usec / 1000); }

// Waits for `events` up to `wait`; false on timeout or error.
bool wait_for(socket_t sock, short events, milliseconds wait) {
  pollfd p{sock, events, 0};
  for (;;) {
    const int n = ::poll(&p, 1, static_cast<int>(wait.count()));
    if (n < 0 && errno == EINTR) continue;
    return n > 0;
  }
}

void address_of(socket_t sock, bool peer, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  const int rc = peer ? ::getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len)
                      : ::getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len);
  if (rc != 0) return;
  std::array<char, NI_MAXHOST> host{};
  std::array<char, NI_MAXSERV> service{};
  if (::getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host.data(), host.size(), service.data(), service.size(),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return;
  ip = host.data();
  port = std::atoi(service.data());
}

// A socket stream like httplib's own (buffered reads; reads and writes bounded by the read and
// write timeouts) that also enforces the request's byte budget and deadlines. One per
// connection, so bytes buffered past one request stay for the next.
class GuardedStream final : public httplib::Stream {
 public:
  GuardedStream(socket_t sock, RequestState& state, milliseconds read_timeout, milliseconds write_timeout)
      : sock_(sock), state_(state), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

  bool has_buffered() const { return off_ < len_; }

  bool is_readable() const override { return has_buffered() || wait_readable(); }
  bool is_writable() const override { return wait_for(sock_, POLLOUT, write_timeout_); }

  ssize_t read(char* ptr, size_t size) override {
    if (state_.over || state_.late) return -1;
    if (state_.used >= state_.budget) {
      state_.over = state_.close = true;
      state_.over_in_headers = state_.in_headers;
      return -1;
    }
    size = std::min(size, state_.budget - state_.used);
    if (!has_buffered()) {
      if (!wait_readable()) return -1;
      ssize_t n;
      do n = ::recv(sock_, buf_.data(), buf_.size(), 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      off_ = 0;
      len_ = static_cast<std::size_t>(n);
    }
    const std::size_t take = std::min(size, len_ - off_);
    std::memcpy(ptr, buf_.data() + off_, take);
    off_ += take;
    state_.used += take;
    return static_cast<ssize_t>(take);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(sock_, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(sock_, false, ip, port); }
  socket_t socket() const override { return sock_; }

 private:
  // Readable within the read timeout and before the request's deadline; marks it late if not.
  bool wait_readable() const {
    const auto deadline = state_.in_headers ? state_.header_deadline : state_.request_deadline;
    const auto left = until(deadline);
    if (wait_for(sock_, POLLIN, std::min(read_timeout_, left))) return true;
    if (left <= read_timeout_) state_.late = state_.close = true;
    return false;
  }

  socket_t sock_;
  RequestState& state_;
  milliseconds read_timeout_, write_timeout_;
  std::array<char, 4096> buf_{};
  std::size_t off_ = 0, len_ = 0;
};

// After an answer to a request whose body was left unread, the client may still be sending:
// closing at once would reset the connection and could destroy the answer in flight. Stop
// writing, read and drop for at most a second, then close.
void linger(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  const auto end = Clock::now() + milliseconds(1000);
  std::array<char, 16384> buf{};
  while (wait_for(sock, POLLIN, until(end))) {
    const ssize_t n = ::recv(sock, buf.data(), buf.size(), 0);
    if (n <= 0 && errno != EINTR) break;
  }
}
}  // namespace

void GuardedServer::headers_read() {
  if (!current) return;
  current->in_headers = false;
  current->used = 0;
  current->budget = current->body_budget;
}

void GuardedServer::close_after_reply() {
  if (current) current->close = true;
}

bool GuardedServer::over_budget() { return current && current->over; }

bool GuardedServer::over_budget_in_headers() { return current && current->over_in_headers; }

bool GuardedServer::process_and_close_socket(socket_t sock) {
  RequestState state;
  GuardedStream stream(sock, state, of(read_timeout_sec_, read_timeout_usec_), of(write_timeout_sec_, write_timeout_usec_));
  current = &state;
  bool ret = false;
  for (std::size_t count = keep_alive_max_count_; count > 0; --count) {
    // Between requests: wait for the next one up to the keep-alive timeout, in short steps so
    // that stop() is not held up by idle connections.
    const auto idle_end = Clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
    bool ready = stream.has_buffered();
    while (!ready && svr_sock_ != INVALID_SOCKET && Clock::now() < idle_end)
      ready = wait_for(sock, POLLIN, std::min(milliseconds(50), until(idle_end)));
    if (!ready || svr_sock_ == INVALID_SOCKET) break;

    const auto start = Clock::now();
    state = RequestState{start + limits_.header_deadline, start + limits_.request_deadline, limits_.header_bytes};
    state.body_budget = limits_.body_bytes;
    bool connection_closed = false;
    ret = process_request(stream, count == 1, connection_closed, nullptr);
    if (!ret || connection_closed || state.close) break;
  }
  current = nullptr;
  if (state.close && !state.late) linger(sock);
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace passend::server
