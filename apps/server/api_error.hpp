#pragma once
// Every error the HTTP API returns has one JSON shape, {"code", "message", "pointer"}, with a
// stable code and an HTTP status taken from ONE table (compare valhalla's src/exceptions.cc),
// so clients can rely on the code and the documentation cannot drift from the server.
#include <exception>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace passend::server {

enum class ApiCode {
  invalid_input,      // 400: the body, a path or a query parameter is wrong (with a JSON pointer)
  bad_request,        // 400: a malformed HTTP request (rejected by the HTTP layer)
  unauthenticated,    // 401: no token, or an unknown or revoked token
  forbidden,          // 403: the token's role may not do this
  out_of_scope,       // 403: the token's scope (region, network, provider) does not reach this
  not_found,          // 404: the route exists, the thing it names does not
  unknown_route,      // 404: no such route
  conflict,           // 409: conflicts with the stored state (e.g. a place already taken)
  payload_too_large,  // 413: the body is larger than the limit
  uri_too_long,       // 414
  rule_failed,        // 422: the rule set failed on this request (rule file and line in the message)
  internal,           // 500: anything else; details only in the server log
  unavailable,        // 503: the database is busy; retry later
};

struct ApiErrorKind {
  ApiCode code;
  const char* name;     // the stable "code" string clients see
  int status;           // HTTP status
  const char* message;  // default message
};

// The table; docs/api.md lists the same rows.
const std::vector<ApiErrorKind>& api_error_table();
const ApiErrorKind& api_error_kind(ApiCode code);
// The first row with this status (for errors raised by the HTTP layer itself), or nullptr.
const ApiErrorKind* api_error_kind_for_status(int status);

// An error raised by the server's own handlers (not by the engine).
class ApiError : public std::runtime_error {
 public:
  ApiError(ApiCode code, std::string message, std::string pointer = "")
      : std::runtime_error(std::move(message)), code_(code), pointer_(std::move(pointer)) {}
  ApiCode code() const noexcept { return code_; }
  const std::string& pointer() const noexcept { return pointer_; }

 private:
  ApiCode code_;
  std::string pointer_;
};

struct ErrorReply {
  int status = 500;
  nlohmann::ordered_json body;
  bool log_detail = false;  // an unexpected error: the server log gets the exception text
  std::string detail;
};

nlohmann::ordered_json error_body(ApiCode code, const std::string& message, const std::string& pointer = "");
// Maps any exception (ApiError, InvalidInput, RuleError, Conflict, a busy database, ...) to its reply.
ErrorReply error_reply(std::exception_ptr error);

}  // namespace passend::server
