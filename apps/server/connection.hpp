#pragma once
// The connection loop of `passend serve`: httplib::Server with limits cpp-httplib 0.11 (Debian
// 12's, a compiled library, so its CPPHTTPLIB_* macros are fixed at its build) does not have.
// Its own settings still apply (payload max length for Content-Length bodies, read and write
// timeouts, keep-alive timeout and count); on top of them, per request:
//  - a byte budget for the request line and headers, and one for the body as sent (chunk
//    framing included): httplib reads chunked bodies, request lines and header lists without
//    any bound, so without it one request could fill the memory before authentication;
//  - a deadline for the request line and headers, and one for the whole request: the read
//    timeout alone lets a client that sends a byte every few seconds hold a thread for ever;
//  - a request whose body cannot be read to its end (refused early, over budget, too slow)
//    closes the connection after its answer, so no unread bytes are taken for a next request.
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <string>

namespace passend::server {

struct ConnectionLimits {
  std::size_t header_bytes = 64 * 1024;     // request line and headers
  std::size_t body_bytes = (1 << 20) + 64 * 1024;  // the body as sent, chunk framing included
  std::chrono::milliseconds header_deadline{5000};
  std::chrono::milliseconds request_deadline{30000};
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : limits_(limits) {}

  // For handlers, on the thread serving the request. The headers are read, the body is next
  // (called by the pre-routing handler).
  static void headers_read();
  // The connection closes after this request's answer (its body was not read to its end).
  static void close_after_reply();
  // Whether the current request ran over its byte budget (the answer is then 413, or 400 when
  // it was the request line or headers).
  static bool over_budget();
  static bool over_budget_in_headers();

 private:
  bool process_and_close_socket(socket_t sock) override;
  ConnectionLimits limits_;
};

}  // namespace passend::server
