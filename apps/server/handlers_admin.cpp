// The signaleren report, the audit trail and API tokens. Reading case data (audit records, the
// case ids of the gap report) is itself audited, with the reader's token label.
#include "apps/server/api_error.hpp"
#include "apps/server/handlers.hpp"
#include "apps/service/audit.hpp"
#include "apps/service/gap_report.hpp"
#include "apps/service/tokens.hpp"
#include "core/errors.hpp"
#include "core/privacy.hpp"

namespace passend::server {

namespace {
nlohmann::ordered_json optional_json(const std::optional<std::string>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json audit_meta(const service::AuditRecord& r) {
  return {{"id", r.id},
          {"at", r.at},
          {"actor", r.actor},
          {"action", r.action},
          {"case", r.case_id},
          {"case_hash", r.case_hash},
          {"reference_date", r.reference_date},
          {"ruleset", {{"name", r.ruleset_name}, {"version", r.ruleset_version}, {"hash", r.ruleset_hash}}},
          {"import_id", r.import_id ? nlohmann::ordered_json(*r.import_id) : nlohmann::ordered_json(nullptr)},
          {"plan_a", optional_json(r.plan_a)},
          {"plan_b", optional_json(r.plan_b)},
          {"bridging", optional_json(r.bridging)},
          {"result_hash", r.result_hash},
          {"scope", service::scope_json(service::parse_scope_text(r.scope))},
          {"region", r.region}};
}

struct TokenRequest {
  std::string name;
  service::Role role = service::Role::member;
  service::Scope scope;
};

// {"kind": "region" | "network" | "provider", "id": "..."} or null.
service::Scope scope_request(const nlohmann::json& body, IssueList& issues) {
  if (!body.contains("scope") || body["scope"].is_null()) return {};
  const auto& s = body["scope"];
  const char* shape = "expected null or {\"kind\": \"region\" | \"network\" | \"provider\", \"id\": \"...\"}";
  if (!s.is_object() || !s.contains("kind") || !s["kind"].is_string() || !s.contains("id") || !s["id"].is_string() ||
      s.size() != 2) {
    issues.add("/scope", shape);
    return {};
  }
  const auto kind = s["kind"].get<std::string>();
  const auto id = s["id"].get<std::string>();
  if (kind == "region") return {service::Scope::Kind::region, id};
  if (kind == "network") return {service::Scope::Kind::network, id};
  if (kind == "provider") return {service::Scope::Kind::provider, id};
  issues.add("/scope/kind", shape);
  return {};
}

TokenRequest token_request(const nlohmann::json& body) {
  if (!body.is_object()) throw InvalidInput("request body", "", "expected an object {\"name\", \"role\", \"scope\"}");
  IssueList issues("request body");
  for (const auto& [key, value] : body.items())
    if (key != "name" && key != "role" && key != "scope") issues.add("/" + key, "unknown field; expected name, role and scope");
  TokenRequest t;
  if (!body.contains("name") || !body["name"].is_string()) issues.add("/name", "required: the token's label (a string)");
  else if (!service::valid_label(t.name = body["name"].get<std::string>())) issues.add("/name", service::kLabelRule);
  else if (const auto kind = find_personal_data(t.name)) issues.add("/name", refusal_message(*kind));
  std::optional<service::Role> role;
  if (body.contains("role") && body["role"].is_string()) role = service::parse_role(body["role"].get<std::string>());
  if (!role) issues.add("/role", "required: member, contract_manager, coordinator, admin or provider");
  t.scope = scope_request(body, issues);
  issues.throw_if_any();
  t.role = *role;
  return t;
}

// Tokens are managed by an unscoped admin only: a scoped one could otherwise give itself more.
void require_unscoped(const Context& ctx) {
  if (ctx.token->scope.scoped())
    throw service::OutOfScope("tokens beheren mag alleen functioneel beheer zonder scope; dit token heeft scope " +
                              scope_name_of(ctx));
}
}  // namespace

Reply get_gap_report(Context& ctx) {
  auto work = service_context(ctx);
  const service::GapReport report = service::read_gap_report(work, actor_of(ctx), scope_regions_of(ctx));
  Reply reply;
  reply.body["gaps"] = service::gap_rows_json(report);
  reply.body["cases"] = report.cases;
  reply.body["open"] = report.open;
  return reply;
}

Reply get_audit_list(Context& ctx) {
  const int limit = int_query_param(ctx, "limit", 1, 1000).value_or(100);
  const std::string action = query_param(ctx, "action").value_or("");
  auto work = service_context(ctx);
  Reply reply;
  auto& list = reply.body["records"] = nlohmann::ordered_json::array();
  for (const auto& r : service::list_audit(work, limit, action, actor_of(ctx), scope_regions_of(ctx))) list.push_back(audit_meta(r));
  return reply;
}

Reply get_audit_record(Context& ctx) {
  const auto id = id_param(ctx, 1, "audit record");
  auto work = service_context(ctx);
  const auto record = service::read_audit(work, id, actor_of(ctx), scope_regions_of(ctx), scope_name_of(ctx));
  if (!record) throw ApiError(ApiCode::not_found, "no audit record " + std::to_string(id));
  Reply reply;
  reply.body["audit"] = audit_meta(*record);
  reply.body["result"] = nlohmann::ordered_json::parse(record->result);
  return reply;
}

Reply get_tokens(Context& ctx) {
  require_unscoped(ctx);
  auto work = service_context(ctx);
  Reply reply;
  auto& list = reply.body["tokens"] = nlohmann::ordered_json::array();
  for (const auto& t : service::list_tokens(work)) list.push_back(service::token_json(t));
  return reply;
}

Reply post_token(Context& ctx) {
  require_unscoped(ctx);
  const auto request = token_request(body_json(ctx));
  auto work = service_context(ctx);
  if (auto problem = service::scope_problem(work, request.role, request.scope))
    throw InvalidInput("request body", "/scope", *problem);
  const auto created = service::create_token(work, request.role, request.name, actor_of(ctx), request.scope);
  Reply reply;
  reply.status = 201;
  reply.body = service::token_json(created.info);
  reply.body["token"] = created.secret;  // shown once; only its sha256 is stored
  return reply;
}

Reply delete_token(Context& ctx) {
  require_unscoped(ctx);
  const auto id = id_param(ctx, 1, "token");
  auto work = service_context(ctx);
  const auto t = service::revoke_token(work, id, actor_of(ctx));
  if (!t) throw ApiError(ApiCode::not_found, "no live token " + std::to_string(id));
  Reply reply;
  reply.body = service::token_json(*t);
  return reply;
}

}  // namespace passend::server
