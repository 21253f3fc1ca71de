#include "apps/server/api_error.hpp"

#include "apps/service/scopes.hpp"
#include "apps/service/workspace.hpp"
#include "core/errors.hpp"

namespace passend::server {

const std::vector<ApiErrorKind>& api_error_table() {
  static const std::vector<ApiErrorKind> table = {
      {ApiCode::invalid_input, "invalid_input", 400, "invalid input"},
      {ApiCode::bad_request, "bad_request", 400, "malformed HTTP request"},
      {ApiCode::unauthenticated, "unauthenticated", 401, "missing, unknown or revoked token (Authorization: Bearer <token>)"},
      {ApiCode::forbidden, "forbidden", 403, "the token's role does not allow this"},
      {ApiCode::out_of_scope, "out_of_scope", 403, "buiten de scope van dit token"},
      {ApiCode::not_found, "not_found", 404, "not found"},
      {ApiCode::unknown_route, "unknown_route", 404, "no such route; see /api/v1/openapi.json"},
      {ApiCode::conflict, "conflict", 409, "conflicts with the stored state"},
      {ApiCode::payload_too_large, "payload_too_large", 413, "request body too large (limit 1 MiB)"},
      {ApiCode::uri_too_long, "uri_too_long", 414, "request URI too long"},
      {ApiCode::rule_failed, "rule_failed", 422, "the rule set failed"},
      {ApiCode::internal, "internal", 500, "internal error; see the server log"},
      {ApiCode::unavailable, "unavailable", 503, "the database is busy; retry later"},
  };
  return table;
}

const ApiErrorKind& api_error_kind(ApiCode code) {
  for (const auto& kind : api_error_table())
    if (kind.code == code) return kind;
  return api_error_kind(ApiCode::internal);
}

const ApiErrorKind* api_error_kind_for_status(int status) {
  // 400 from the HTTP layer means it could not parse the request, not that a field was wrong.
  if (status == 400) return &api_error_kind(ApiCode::bad_request);
  if (status == 404) return &api_error_kind(ApiCode::unknown_route);
  for (const auto& kind : api_error_table())
    if (kind.status == status) return &kind;
  return nullptr;
}

nlohmann::ordered_json error_body(ApiCode code, const std::string& message, const std::string& pointer) {
  const auto& kind = api_error_kind(code);
  return {{"code", kind.name}, {"message", message.empty() ? kind.message : message}, {"pointer", pointer}};
}

namespace {
bool is_pointer(const std::string& where) { return where.empty() || where.front() == '/'; }

// An issue's position: a JSON pointer, or line:column when the body is not even JSON.
nlohmann::ordered_json issue_json(const InputIssue& issue) {
  nlohmann::ordered_json j = {{"pointer", is_pointer(issue.where) ? issue.where : ""}, {"message", issue.message}};
  if (!is_pointer(issue.where)) j["position"] = issue.where;
  return j;
}

ErrorReply invalid_input_reply(const InvalidInput& e) {
  ErrorReply r{400, {}, false, {}};
  const auto& issues = e.issues();
  if (issues.empty()) {
    r.body = error_body(ApiCode::invalid_input, e.what());
    return r;
  }
  const auto first = issue_json(issues.front());
  std::string message = issues.front().message;
  if (!issues.front().file.empty() && issues.front().file != "request body") message = issues.front().file + ": " + message;
  if (first.contains("position")) message = first["position"].get<std::string>() + ": " + message;
  r.body = error_body(ApiCode::invalid_input, message, first["pointer"]);
  auto& all = r.body["issues"] = nlohmann::ordered_json::array();
  for (const auto& issue : issues) all.push_back(issue_json(issue));
  return r;
}

ErrorReply reply(ApiCode code, const std::string& message, const std::string& pointer = "") {
  return {api_error_kind(code).status, error_body(code, message, pointer), false, {}};
}

ErrorReply unexpected_reply(const std::string& detail) {
  ErrorReply r = reply(ApiCode::internal, "");
  r.log_detail = true;
  r.detail = detail;
  return r;
}
}  // namespace

ErrorReply error_reply(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const ApiError& e) {
    return reply(e.code(), e.what(), e.pointer());
  } catch (const InvalidInput& e) {
    return invalid_input_reply(e);
  } catch (const RuleError& e) {
    return reply(ApiCode::rule_failed, e.what());
  } catch (const Conflict& e) {
    return reply(ApiCode::conflict, e.what());
  } catch (const service::OutOfScope& e) {
    return reply(ApiCode::out_of_scope, e.what());
  } catch (const service::Forbidden& e) {
    return reply(ApiCode::forbidden, e.what());
  } catch (const std::exception& e) {
    if (service::database_busy(e)) return reply(ApiCode::unavailable, "");
    return unexpected_reply(e.what());
  } catch (...) {
    return unexpected_reply("unknown exception");
  }
}

}  // namespace passend::server
