// `passend serve` under hostile clients (docs/security.md, "Second round"): chunked bodies over
// the limit, slow connections, forged log lines, malformed Content-Length, invalid UTF-8,
// security headers. Through the real program over real sockets.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <memory>
#include <thread>
#include <vector>

#include "apps/service/tokens.hpp"
#include "providers/schema.hpp"
#include "providers/sqlite.hpp"
#include "providers/token_store.hpp"
#include "tests/support/api_server.hpp"
#include "tests/support/raw_http.hpp"
#include "tests/support/paths.hpp"

using namespace passend::testing;
using nlohmann::json;
using namespace std::chrono_literals;

namespace {

const std::string kQuery = "/api/v1/query?date=2026-11-26";

std::string demo_case() { return read_text(std::string(PASSEND_SOURCE_DIR) + "/data/demo/cases/fv-042-kleinschalig.json"); }

std::string chunk(const std::string& data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return size + data + "\r\n";
}

class ApiHardening : public SuiteApiServer<ApiHardening> {
 protected:
  static std::unique_ptr<RawConnection> connect() { return std::make_unique<RawConnection>(server_->port()); }
  static std::string token() { return db_->token("member"); }
};

void expect_raw_error(const std::string& response, int status, const std::string& code, const std::string& message_part) {
  ASSERT_EQ(raw_status(response), status) << response;
  const json body = json::parse(raw_body(response));
  EXPECT_EQ(body.value("code", ""), code) << response;
  EXPECT_NE(body.value("message", "").find(message_part), std::string::npos) << response;
}

// --- 1. body limits for every transfer encoding, before authentication ---------------------

TEST_F(ApiHardening, EndlessChunkedBodyWithoutTokenIs413AfterTheLimitNotReadWhole) {
  auto c = connect();
  ASSERT_TRUE(c->send("POST " + kQuery + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string piece = chunk(std::string(64 * 1024, ' '));
  std::size_t sent = 0;
  // Up to 256 MiB; the server must answer (and stop reading) long before.
  while (sent < (std::size_t{256} << 20) && !c->readable()) {
    if (!c->send(piece)) break;
    sent += piece.size();
  }
  const std::string response = c->read_response();
  expect_raw_error(response, 413, "payload_too_large", "larger than 1048576 bytes");
  EXPECT_LT(sent, std::size_t{32} << 20) << "the server read " << sent << " bytes before answering";
}

TEST_F(ApiHardening, ChunkedBodyUnderTheLimitIsServed) {
  const std::string body = demo_case();
  auto c = connect();
  ASSERT_TRUE(c->send("POST " + kQuery + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token() +
                      "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                      chunk(body.substr(0, 100)) + chunk(body.substr(100)) + "0\r\n\r\n"));
  const std::string response = c->read_response();
  ASSERT_EQ(raw_status(response), 200) << response;
  EXPECT_TRUE(json::parse(raw_body(response)).contains("candidates")) << response.substr(0, 300);
}

TEST_F(ApiHardening, ChunkedBodyJustOverTheLimitIs413) {
  auto c = connect();
  std::string request = "POST " + kQuery + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  request += chunk(std::string((1 << 20) - 10, ' ')) + chunk(std::string(20, ' ')) + "0\r\n\r\n";
  ASSERT_TRUE(c->send(request));
  expect_raw_error(c->read_response(), 413, "payload_too_large", "larger than 1048576 bytes");
}

TEST_F(ApiHardening, EndlessRequestLineIsRefusedNotBuffered) {
  auto c = connect();
  ASSERT_TRUE(c->send("GET /"));
  const std::string piece(64 * 1024, 'a');
  std::size_t sent = 0;
  while (sent < (std::size_t{256} << 20) && !c->readable())
    if (!c->send(piece)) break;
    else sent += piece.size();
  const std::string response = c->read_response();
  EXPECT_TRUE(raw_status(response) == 414 || raw_status(response) == 400 || response.empty()) << response;
  EXPECT_LT(sent, std::size_t{32} << 20) << "the server read " << sent << " bytes of one request line";
}

// --- 5. Content-Length: malformed values are 400 at once, too large ones 413 at once --------

struct BadLength {
  std::string headers, message;
};
void PrintTo(const BadLength& b, std::ostream* os) { *os << b.headers; }

class ApiContentLength : public ApiHardening, public ::testing::WithParamInterface<BadLength> {};

TEST_P(ApiContentLength, IsRefusedAtOnce) {
  auto c = connect();
  ASSERT_TRUE(c->send("POST " + kQuery + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
                      GetParam().headers + "\r\n"));
  // No body follows: the answer must not wait for one (the read timeout is 5 s or more).
  const std::string response = c->read_response(3s);
  EXPECT_FALSE(c->timed_out()) << "no answer within 3 s: " << response;
  const bool too_large = GetParam().message.find("larger") != std::string::npos;
  expect_raw_error(response, too_large ? 413 : 400, too_large ? "payload_too_large" : "bad_request", GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    Headers, ApiContentLength,
    ::testing::Values(BadLength{"Content-Length: -1\r\n", "Content-Length '-1' is not a decimal number of bytes"},
                      BadLength{"Content-Length: 18446744073709551616\r\n",
                                "Content-Length '18446744073709551616' is not a decimal number of bytes"},
                      BadLength{"Content-Length: 12abc\r\n", "Content-Length '12abc' is not a decimal number of bytes"},
                      BadLength{"Content-Length: 10\r\nContent-Length: 10\r\n", "more than one Content-Length header"},
                      BadLength{"Content-Length: 10\r\nTransfer-Encoding: chunked\r\n",
                                "both Content-Length and Transfer-Encoding"},
                      BadLength{"Transfer-Encoding: gzip\r\n", "Transfer-Encoding 'gzip' is not supported"},
                      BadLength{"Content-Length: 1073741824\r\n", "request body larger than 1048576 bytes"}));

// --- 2. slow connections ---------------------------------------------------------------------

// A server with 4 connection threads; 6 clients each send a request a byte per 300 ms (a
// slowloris). A normal GET must still be answered: the slow ones are dropped after the header
// deadline instead of holding a thread each for as long as they like.
TEST(ApiSlowConnections, MoreSlowClientsThanThreadsDoNotFreezeTheApi) {
  ApiDatabase db;
  ApiServerProcess server(db.path(), {"--threads", "4", "--quiet"});
  std::atomic<bool> stop{false};
  std::atomic<int> dropped{0};
  std::vector<std::thread> slow;
  for (int i = 0; i < 6; ++i)
    slow.emplace_back([&] {
      RawConnection c(server.port());
      const std::string request = "GET /api/v1/regions HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(200, 'a') + "\r\n\r\n";
      for (std::size_t at = 0; at < request.size() && !stop; ++at) {
        if (!c.send(request.substr(at, 1)) || c.readable()) {  // refused or closed
          ++dropped;
          return;
        }
        std::this_thread::sleep_for(300ms);
      }
    });
  std::this_thread::sleep_for(500ms);  // all slow clients are connected and queued first
  httplib::Client client("127.0.0.1", server.port());
  client.set_read_timeout(10);  // generous; the header deadline is 5 s
  const auto r = client.Get("/health");
  for (int i = 0; i < 100 && dropped < 4; ++i) std::this_thread::sleep_for(100ms);
  stop = true;
  for (auto& t : slow) t.join();
  ASSERT_TRUE(r) << "no answer within 10 s while slow clients hold the threads: " << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_GE(dropped.load(), 4) << "the slow clients were not dropped";
}

// --- 3. the access log cannot be forged --------------------------------------------------------

TEST_F(ApiHardening, ControlCharactersInAPathAreEscapedInTheAccessLog) {
  auto c = connect();
  ASSERT_TRUE(c->send("GET /api/v1/nothing%0a2099-01-01T00:00:00Z%20GET%20/forged%20200%0d%09x HTTP/1.1\r\n"
                      "Host: x\r\nConnection: close\r\n\r\n"));
  EXPECT_EQ(raw_status(c->read_response()), 404);
  std::string log;
  for (int i = 0; i < 50 && log.find("/forged") == std::string::npos; ++i) {
    std::this_thread::sleep_for(50ms);
    log = server_->log();
  }
  EXPECT_NE(log.find("GET /api/v1/nothing\\n2099-01-01T00:00:00Z GET /forged 200\\r\\tx 404 "), std::string::npos) << log;
  EXPECT_EQ(log.find("\n2099-01-01"), std::string::npos) << log;
}

// --- 4. invalid UTF-8 in a body ---------------------------------------------------------------

struct BadText {
  std::string method, path, body, message;
};
void PrintTo(const BadText& b, std::ostream* os) { *os << b.method << ' ' << b.path; }

class ApiInvalidUtf8 : public ApiHardening, public ::testing::WithParamInterface<BadText> {};

// Invalid UTF-8 in a path or a query parameter was echoed into the error message, which then
// failed to serialise: 500. It is refused at the door now, saying where.
TEST_P(ApiInvalidUtf8, Is400NamingWhere) {
  const auto& p = GetParam();
  auto client = server_->client();
  const auto r = p.method == "GET" ? client.Get(p.path.c_str(), bearer(token()))
                                   : client.Post(p.path.c_str(), bearer(token()), p.body, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
  const json j = json::parse(r->body);
  EXPECT_EQ(j.value("code", ""), "invalid_input") << r->body;
  EXPECT_NE(j.value("message", "").find(p.message), std::string::npos) << r->body;
}

std::string with_bad_byte() {
  const std::string body = demo_case();
  const auto at = body.find("\"high\"") + 3;
  return body.substr(0, at) + std::string(1, '\xff') + body.substr(at);
}

INSTANTIATE_TEST_SUITE_P(
    Places, ApiInvalidUtf8,
    ::testing::Values(BadText{"POST", kQuery, with_bad_byte(), "the request body is not valid UTF-8 (byte "},
                      BadText{"POST", "/api/v1/query?date=%ff", demo_case(), "query parameter 'date' is not valid UTF-8"},
                      BadText{"GET", "/api/v1/offerings/x%ff", "", "the path is not valid UTF-8 (byte 19)"},
                      BadText{"GET", "/api/v1/regions/%c3", "", "the path is not valid UTF-8 (byte 16)"}));

// --- 6. security headers on every response ----------------------------------------------------

TEST_F(ApiHardening, EveryResponseCarriesTheSecurityHeaders) {
  auto client = server_->client();
  std::vector<std::pair<std::string, httplib::Result>> answers;
  answers.emplace_back("GET /", client.Get("/"));
  answers.emplace_back("GET /static/js/main.js", client.Get("/static/js/main.js"));
  answers.emplace_back("GET /api/v1/regions (401)", client.Get("/api/v1/regions"));
  answers.emplace_back("GET /api/v1/regions", client.Get("/api/v1/regions", bearer(token())));
  answers.emplace_back("GET /nope (404)", client.Get("/nope"));
  for (const auto& [what, r] : answers) {
    ASSERT_TRUE(r) << what;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << what;
    EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY") << what;
    EXPECT_EQ(r->get_header_value("Referrer-Policy"), "no-referrer") << what;
    const std::string csp = r->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << what << ": " << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what << ": " << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << what << ": " << csp;
  }
  // A request the HTTP layer itself refuses gets them too.
  auto c = connect();
  ASSERT_TRUE(c->send("NONSENSE\r\n\r\n"));
  const std::string raw = c->read_response(3s);
  EXPECT_EQ(raw_status(raw), 400) << raw;
  EXPECT_NE(raw.find("X-Content-Type-Options: nosniff"), std::string::npos) << raw;
}

// --- 7. tokens expire ----------------------------------------------------------------------------

std::string utc_date_in_days(int days) {
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

json token_list(const ApiDatabase& db) {
  auto r = run_passend({"token", "list", "--db", db.path(), "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

TEST(TokenExpiry, NewTokensExpireAfterTheirDaysOrAYear) {
  ApiDatabase db;
  auto r = run_passend({"token", "create", "--db", db.path(), "--role", "member", "--name", "kort", "--expires-days", "30"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("verloopt " + utc_date_in_days(30)), std::string::npos) << r.err;
  for (const auto& t : token_list(db)) {
    const std::string expires = t.value("expires_at", "");
    const int days = t["name"] == "kort" ? 30 : 365;
    EXPECT_EQ(expires.substr(0, 10), utc_date_in_days(days)) << t.dump();
  }
}

TEST(TokenExpiry, ALifetimeOutOfRangeIsExit2NamingTheOption) {
  ApiDatabase db;
  for (const char* days : {"0", "-5", "3651"}) {
    auto r = run_passend({"token", "create", "--db", db.path(), "--role", "member", "--name", "x", "--expires-days", days});
    EXPECT_EQ(r.exit_code, 2) << days;
    EXPECT_NE(r.err.find("--expires-days"), std::string::npos) << r.err;
  }
}

TEST(TokenExpiry, AnExpiredTokenIs401SayingSinceWhen) {
  ApiDatabase db;
  {
    passend::db::Database d(db.path(), passend::db::Database::Mode::read_write);
    d.exec("UPDATE api_token SET expires_at = '2020-01-01T00:00:00Z' WHERE name = 'member-user'");
  }
  ApiServerProcess server(db.path(), {"--quiet"});
  auto client = server.client();
  const auto expired = client.Get("/api/v1/me", bearer(db.token("member")));
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, 401) << expired->body;
  const json j = json::parse(expired->body);
  EXPECT_EQ(j.value("code", ""), "unauthenticated");
  EXPECT_EQ(j.value("message", ""),
            "token 'member-user' expired on 2020-01-01T00:00:00Z; ask an administrator for a new one (passend token create)");
  const auto valid = client.Get("/api/v1/me", bearer(db.token("admin")));
  ASSERT_TRUE(valid);
  EXPECT_EQ(valid->status, 200) << valid->body;
}

// A database from before expiry (schema 6) keeps its tokens working: `passend init` migrates it
// and gives each live token a year from then.
TEST(TokenExpiry, TokensOfAnOlderDatabaseKeepWorkingForAYear) {
  TempDir dir;
  const std::string path = dir.file("old.db");
  const std::string secret = passend::service::random_token_secret();
  {
    passend::db::Database d(path, passend::db::Database::Mode::create);
    passend::db::migrate(d, 6);
    auto st = d.prepare(
        "INSERT INTO api_token (name, role, sha256, created_at, created_by) "
        "VALUES ('oud', 'admin', ?, '2019-05-01T10:00:00Z', 'beheer')");
    st.bind(1, passend::service::token_hash(secret)).run();
  }
  auto init = run_passend({"init", "--db", path});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  {
    passend::db::Database d(path, passend::db::Database::Mode::read_only);
    const auto t = passend::db::find_live_token_by_hash(d, passend::service::token_hash(secret));
    ASSERT_TRUE(t);
    ASSERT_TRUE(t->expires_at);
    EXPECT_EQ(t->expires_at->substr(0, 10), utc_date_in_days(365));
    EXPECT_FALSE(t->expired);
  }
  ApiServerProcess server(path, {"--quiet"});
  const auto r = server.client().Get("/api/v1/me", bearer(secret));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
}

// --- 8. listening beyond loopback is warned about ----------------------------------------------

TEST(ServeBind, AnyAddressButLoopbackPrintsAWarningAboutTls) {
  ApiDatabase db;
  {
    ApiServerProcess loopback(db.path(), {"--quiet"});
    EXPECT_EQ(loopback.log().find("warning"), std::string::npos) << loopback.log();
  }
  ApiServerProcess open(db.path(), {"--bind", "0.0.0.0", "--quiet"});
  EXPECT_NE(open.log().find("passend: warning: --bind 0.0.0.0 makes the API reachable from the network, in plain "
                            "HTTP"),
            std::string::npos)
      << open.log();
  EXPECT_NE(open.log().find("reverse proxy with TLS"), std::string::npos) << open.log();
}

}  // namespace
