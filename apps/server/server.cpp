#include "apps/server/server.hpp"

#include <httplib.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>

#include "apps/server/api_error.hpp"
#include "apps/server/connection.hpp"
#include "apps/server/handlers.hpp"
#include "apps/service/workspace.hpp"
#include "core/errors.hpp"
#include "core/json_input.hpp"
#include "core/text_encoding.hpp"

namespace passend::server {

namespace {
using Clock = std::chrono::steady_clock;

// What the access log needs to know about the request on this thread. httplib runs a request
// from routing to logging on one thread, so a thread_local carries it to the logger.
struct RequestLog {
  std::optional<Clock::time_point> start;
  std::string label = "-";
};
RequestLog& request_log() {
  thread_local RequestLog log;
  return log;
}

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::mutex& log_mutex() {
  static std::mutex m;
  return m;
}

// Control characters (a decoded %0a or %0d in a path, say) would let a client write lines of
// its own into the log; they and the backslash are written as escapes instead.
std::string log_escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

// Every line of the server log goes through here, escaped as a whole.
void log_line(const std::string& line) {
  const std::string escaped = log_escaped(line);
  std::lock_guard lock(log_mutex());
  std::cerr << escaped << '\n';
}

bool starts_with_bearer(const std::string& h) {
  static const std::string scheme = "bearer ";
  if (h.size() <= scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(h[i])) != scheme[i]) return false;
  return true;
}

// "Authorization: Bearer <token>" (the scheme is case-insensitive, RFC 7235).
std::string bearer_token(const httplib::Request& req) {
  const std::string h = req.get_header_value("Authorization");
  if (!starts_with_bearer(h)) return "";
  const auto begin = h.find_first_not_of(' ', 7);
  const auto end = h.find_last_not_of(" \t\r\n");
  return begin == std::string::npos ? "" : h.substr(begin, end - begin + 1);
}

// Requests are checked for UTF-8 at the door (check_utf8); should invalid UTF-8 reach an answer
// anyway, it is replaced rather than thrown as an internal error.
template <typename Json>
std::string dump(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Everything of a request that may be echoed in an answer or stored is UTF-8: the path, the
// query parameters, the body (InvalidInput, 400, naming which and the byte offset otherwise).
void check_utf8(const httplib::Request& req) {
  if (const auto bad = first_invalid_utf8(req.path))
    throw InvalidInput("request path", "", "the path is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  for (const auto& [name, value] : req.params) {
    if (first_invalid_utf8(name))
      throw InvalidInput("query string", "", "a query parameter name is not valid UTF-8");
    if (const auto bad = first_invalid_utf8(value))
      throw InvalidInput("query string", "", "query parameter '" + printable(name) + "' is not valid UTF-8 (byte " +
                                                 std::to_string(*bad) + ")");
  }
  if (const auto bad = first_invalid_utf8(req.body))
    throw InvalidInput("request body", "", "the request body is not valid UTF-8 (byte " + std::to_string(*bad) + ")");
}

void write_reply(const Reply& reply, httplib::Response& res) {
  res.status = reply.status;
  for (const auto& [name, value] : reply.headers) res.set_header(name, value);
  res.set_header("Cache-Control", "no-store");  // answers may hold case data
  res.set_content(reply.raw.empty() ? dump(reply.body) : reply.raw, reply.content_type);
}

void write_error(const ErrorReply& e, httplib::Response& res) {
  res.status = e.status;
  if (e.status == 401) res.set_header("WWW-Authenticate", "Bearer realm=\"passend\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(dump(e.body), "application/json");
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Headers on every answer, errors and static files included. The pages (apps/web/) load only
// their own scripts and styles and use no inline script or style; the favicon is a data: URL.
httplib::Headers security_headers() {
  return {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
      {"X-Frame-Options", "DENY"},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
  };
}

std::string printable_header(const std::string& value) { return printable(value.substr(0, 40)); }

bool all_digits(const std::string& s) {
  if (s.empty() || s.size() > 19) return false;  // 19 digits always fit in 64 bits
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// The framing headers, checked before the body is read: httplib would take a negative or
// overflowing Content-Length for a huge one and wait for its bytes, use the first of two, and
// read a body it cannot frame. An empty string when they are fine.
std::string framing_error(const httplib::Request& req) {
  const auto lengths = req.get_header_value_count("Content-Length");
  const auto encodings = req.get_header_value_count("Transfer-Encoding");
  if (lengths > 1) return "more than one Content-Length header";
  if (encodings > 1) return "more than one Transfer-Encoding header";
  if (lengths == 1 && encodings == 1) return "both Content-Length and Transfer-Encoding headers";
  if (encodings == 1) {
    const std::string te = req.get_header_value("Transfer-Encoding");
    if (te.size() != 7 || strncasecmp(te.c_str(), "chunked", 7) != 0)
      return "Transfer-Encoding '" + printable_header(te) + "' is not supported (only chunked)";
  }
  if (lengths == 1) {
    const std::string cl = req.get_header_value("Content-Length");
    if (!all_digits(cl)) return "Content-Length '" + printable_header(cl) + "' is not a decimal number of bytes";
  }
  return "";
}

RegionGraph load_regions(const std::string& db_path) {
  db::Database db = service::open_database(db_path, service::Access::read_only);
  return service::read_region_graph(db);
}
}  // namespace

ServerState::ServerState(ServerConfig c)
    : config(std::move(c)),
      vocabulary(service::load_vocabulary()),
      regions(load_regions(config.db_path)),
      rulesets(config.rules_dir.empty()
                   ? std::make_unique<service::RuleSetRegistry>(vocabulary, config.workers)
                   : service::RuleSetRegistry::folder(config.rules_dir, vocabulary, config.workers)),
      connections(config.db_path, config.workers) {}

struct ApiServer::Impl {
  explicit Impl(ServerConfig config) : state(std::move(config)), http(connection_limits(state.config)) {
    Lease lease = state.connections.acquire();
    service::Context ctx{lease.db(), state.vocabulary, state.regions, &state.registry};
    warm = state.rulesets->warm(ctx, Date::today());
    state.registry.current(lease.db());  // the first query finds the registry in memory
    if (state.rulesets->is_folder())
      warnings = "--rules " + state.config.rules_dir +
                 ": this folder answers every query; the rule sets stored in the database do not (trying and testing)\n";
    configure();
  }

  void configure();
  void add_routes();
  void add_static_files();
  void serve(const Route& route, const httplib::Request& req, httplib::Response& res);
  Reply serve_authenticated(const Route& route, const httplib::Request& req);
  void refresh_registry(db::Database& db);
  void fill_http_error(const httplib::Request& req, httplib::Response& res) const;
  void log_request(const httplib::Request& req, const httplib::Response& res) const;

  static ConnectionLimits connection_limits(const ServerConfig& c) {
    ConnectionLimits l;
    l.body_bytes = c.max_body + 64 * 1024;  // room for chunk framing
    return l;
  }
  bool refuse_early(const httplib::Request& req, httplib::Response& res) const;
  std::string too_large_message() const;

  ServerState state;
  GuardedServer http;
  std::string warnings;
  std::vector<RuleSetIdentity> warm;
  int port = 0;
};

void ApiServer::Impl::configure() {
  const int threads = state.config.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  // httplib's default adds SO_REUSEPORT, which would let a second server share a port that is
  // in use; SO_REUSEADDR alone still allows a quick restart.
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // Answers go out in more than one write; without TCP_NODELAY, Nagle's algorithm holds the
  // last one back until the client's delayed ACK (about 40 ms per request).
  http.set_tcp_nodelay(true);
  // Content-Length bodies over the limit are refused by httplib itself; chunked ones by the
  // body budget of GuardedServer and the size check in serve() (docs/security.md).
  http.set_payload_max_length(state.config.max_body);
  // Per read and per write; GuardedServer adds deadlines for the headers and the whole request.
  http.set_read_timeout(5, 0);
  http.set_write_timeout(5, 0);
  http.set_keep_alive_timeout(3);
  http.set_keep_alive_max_count(100);
  http.set_default_headers(security_headers());
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    request_log() = {Clock::now(), "-"};
    GuardedServer::headers_read();
    return refuse_early(req, res) ? httplib::Server::HandlerResponse::Handled
                                  : httplib::Server::HandlerResponse::Unhandled;
  });
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [this](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;  // our own error reply
        fill_http_error(req, res);
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    write_error(error_reply(ep), res);
  });
  if (state.config.access_log)
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) { log_request(req, res); });
  add_routes();
  add_static_files();
}

void ApiServer::Impl::add_routes() {
  for (const auto& route : api_routes()) {
    const std::string pattern = path_regex(route.spec.path);
    auto handler = [this, &route](const httplib::Request& req, httplib::Response& res) { serve(route, req, res); };
    if (route.spec.method == "GET") http.Get(pattern, handler);
    else if (route.spec.method == "POST") http.Post(pattern, handler);
    else if (route.spec.method == "PUT") http.Put(pattern, handler);
    else if (route.spec.method == "DELETE") http.Delete(pattern, handler);
  }
}

// The web pages (apps/web/): GET / is index.html, GET /static/<file> any file of the folder.
// Static files need no token; the pages call the API with the user's token.
void ApiServer::Impl::add_static_files() {
  const std::string dir = state.config.web_dir;
  if (dir.empty()) return;
  http.set_mount_point("/static", dir);
  http.Get("/", [dir](const httplib::Request&, httplib::Response& res) {
    res.set_content(read_text_file(std::filesystem::path(dir) / "index.html"), "text/html; charset=utf-8");
  });
}

// Before the body is read: malformed framing is 400, a declared length over the limit 413, both
// at once and without reading the body (the connection closes after the answer).
bool ApiServer::Impl::refuse_early(const httplib::Request& req, httplib::Response& res) const {
  const std::string framing = framing_error(req);
  ErrorReply e;
  if (!framing.empty()) {
    e = {400, error_body(ApiCode::bad_request, framing), false, {}};
  } else if (req.has_header("Content-Length") &&
             std::stoull(req.get_header_value("Content-Length")) > state.config.max_body) {
    e = {413, error_body(ApiCode::payload_too_large, too_large_message()), false, {}};
  } else {
    return false;
  }
  GuardedServer::close_after_reply();
  res.set_header("Connection", "close");
  write_error(e, res);
  return true;
}

std::string ApiServer::Impl::too_large_message() const {
  return "request body larger than " + std::to_string(state.config.max_body) + " bytes";
}

void ApiServer::Impl::serve(const Route& route, const httplib::Request& req, httplib::Response& res) {
  try {
    // A chunked body is limited by its size as sent; the size as read is checked here.
    if (req.body.size() > state.config.max_body) throw ApiError(ApiCode::payload_too_large, too_large_message());
    check_utf8(req);
    if (route.spec.role) {
      write_reply(serve_authenticated(route, req), res);
    } else {
      Context ctx{req, state, nullptr, nullptr};
      write_reply(route.handler(ctx), res);
    }
  } catch (...) {
    const auto e = error_reply(std::current_exception());
    // Only unexpected errors are logged with their text; it never holds case content.
    if (e.log_detail) log_line(utc_now() + " error " + req.method + " " + req.path + ": " + e.detail);
    write_error(e, res);
  }
}

Reply ApiServer::Impl::serve_authenticated(const Route& route, const httplib::Request& req) {
  Lease lease = state.connections.acquire();
  service::Context work{lease.db(), state.vocabulary, state.regions};
  std::string refusal;
  const auto token = service::authenticate(work, bearer_token(req), &refusal);
  if (!token) throw ApiError(ApiCode::unauthenticated, refusal);
  request_log().label = token->name;
  if (!role_allows(token->role, *route.spec.role))
    throw ApiError(ApiCode::forbidden, std::string("role ") + role_name(token->role) + " may not " + route.spec.method +
                                           " " + route.spec.path + "; it needs " + role_name(*route.spec.role));
  Context ctx{req, state, &lease, &*token};
  Reply reply = route.handler(ctx);
  if (req.method != "GET") refresh_registry(lease.db());
  return reply;
}

// After a request that may have changed the registry (an import, capacity, a reservation), the
// writer's request reads the new snapshot, so that the next query does not wait for it. A query
// that finds the registry unchanged costs one read of the change counter here.
void ApiServer::Impl::refresh_registry(db::Database& db) {
  try {
    state.registry.current(db);
  } catch (const std::exception& e) {  // the next query reads it instead
    log_line(utc_now() + " registry not re-read after a change: " + e.what());
  }
}

// Errors the HTTP layer raises itself (unknown route, body too large, malformed request)
// get the same JSON shape as ours.
void ApiServer::Impl::fill_http_error(const httplib::Request&, httplib::Response& res) const {
  std::string message;
  if (GuardedServer::over_budget()) {
    res.set_header("Connection", "close");
    if (GuardedServer::over_budget_in_headers()) {
      res.status = 400;
      message = "request line and headers larger than " + std::to_string(ConnectionLimits{}.header_bytes) + " bytes";
    } else {
      res.status = 413;
    }
  }
  const ApiErrorKind* kind = api_error_kind_for_status(res.status);
  if (res.status == 413) message = too_large_message();
  auto body = kind ? error_body(kind->code, message) : error_body(ApiCode::internal, "HTTP " + std::to_string(res.status));
  res.set_header("Cache-Control", "no-store");
  res.set_content(dump(body), "application/json");
}

// One line per request: time, method, path (no query string), status, duration, token label.
// Never a body, a header value or a query string: those may hold case content or a token.
void ApiServer::Impl::log_request(const httplib::Request& req, const httplib::Response& res) const {
  auto& log = request_log();
  std::string duration = "-";
  if (log.start) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - *log.start).count();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1fms", static_cast<double>(us) / 1000.0);
    duration = buf;
  }
  log_line(utc_now() + " " + req.method + " " + req.path + " " + std::to_string(res.status) + " " + duration + " " +
           log.label);
  log = {};
}

ApiServer::ApiServer(ServerConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

ApiServer::~ApiServer() = default;

int ApiServer::bind() {
  const auto& c = impl_->state.config;
  const int port = c.port == 0 ? impl_->http.bind_to_any_port(c.bind) : (impl_->http.bind_to_port(c.bind, c.port) ? c.port : -1);
  if (port <= 0)
    throw std::runtime_error("cannot listen on " + c.bind + ":" + std::to_string(c.port) +
                             " (address in use, or not an address of this machine)");
  impl_->port = port;
  return port;
}

void ApiServer::run() { impl_->http.listen_after_bind(); }

void ApiServer::stop() { impl_->http.stop(); }

std::string ApiServer::address() const {
  const std::string& host = impl_->state.config.bind;
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(impl_->port);
}

const std::string& ApiServer::warnings() const { return impl_->warnings; }

const std::vector<RuleSetIdentity>& ApiServer::warm_rulesets() const { return impl_->warm; }

const ServerState& ApiServer::state() const { return impl_->state; }

}  // namespace passend::server
