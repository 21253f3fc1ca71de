// Rule sets: the current one (with its parameters), the stored versions, and parameter changes
// by contract managers, which become a new version that is swapped in for new requests.
#include "apps/server/api_error.hpp"
#include "core/case_json.hpp"
#include "core/errors.hpp"
#include "core/privacy.hpp"
#include "apps/server/handlers.hpp"

namespace passend::server {

namespace {
nlohmann::ordered_json version_summary(const service::RuleSetVersion& v) {
  return {{"id", v.id},         {"name", v.ruleset_name}, {"version", v.version}, {"hash", v.hash},
          {"author", v.author}, {"at", v.at},             {"comment", v.comment}};
}

nlohmann::ordered_json current_json(const ServedRuleSet& info) {
  auto j = ruleset_identity_json(info.identity);
  j["ruleset_version"] = info.version ? nlohmann::ordered_json(version_summary(*info.version)) : nullptr;
  return j;
}

struct ParameterChange {
  nlohmann::json params;
  std::string comment;
};

ParameterChange parameter_change(const nlohmann::json& body) {
  if (!body.is_object()) throw InvalidInput("request body", "", "expected an object {\"params\": {...}, \"comment\": \"...\"}");
  IssueList issues("request body");
  for (const auto& [key, value] : body.items())
    if (key != "params" && key != "comment") issues.add("/" + key, "unknown field; expected params and comment");
  if (!body.contains("params")) issues.add("/params", "required: the new params.json document");
  else if (!body["params"].is_object()) issues.add("/params", "expected an object (a params.json document)");
  if (!body.contains("comment")) issues.add("/comment", "required: why the parameters change");
  else if (!body["comment"].is_string() || body["comment"].get<std::string>().empty())
    issues.add("/comment", "expected a non-empty string");
  else  // kept for good in the version row and the audit trail
    for (auto& problem : free_text_problems(body["comment"].get<std::string>())) issues.add("/comment", problem);
  issues.throw_if_any();
  return {body["params"], body["comment"].get<std::string>()};
}
}  // namespace

Reply get_rulesets(Context& ctx) {
  Reply reply;
  reply.body["current"] = current_json(ruleset_of(ctx));
  auto& list = reply.body["versions"] = nlohmann::ordered_json::array();
  auto work = service_context(ctx);
  for (const auto& v : service::list_versions(work, ctx.state.rulesets.base_name())) list.push_back(version_summary(v));
  return reply;
}

Reply get_ruleset_current(Context& ctx) {
  const auto& info = ruleset_of(ctx);
  Reply reply;
  reply.body = current_json(info);
  reply.body["params"] = info.params;
  return reply;
}

Reply get_ruleset_version(Context& ctx) {
  const auto id = id_param(ctx, 1, "rule-set version");
  auto work = service_context(ctx);
  const auto v = service::read_version(work, id);
  if (!v) throw ApiError(ApiCode::not_found, "no rule-set version " + std::to_string(id));
  Reply reply;
  reply.body = version_summary(*v);
  reply.body["current"] = ruleset_of(ctx).version && ruleset_of(ctx).version->id == v->id;
  reply.body["params"] = nlohmann::ordered_json::parse(v->params);
  return reply;
}

Reply get_parameters(Context& ctx) {
  const auto& info = ruleset_of(ctx);
  Reply reply;
  reply.body = {{"ruleset", ruleset_identity_json(info.identity)}, {"params", info.params}};
  return reply;
}

Reply put_parameters(Context& ctx) {
  const auto change = parameter_change(body_json(ctx));
  auto work = service_context(ctx);
  const auto v = ctx.state.rulesets.change_parameters(work, change.params, change.comment, ctx.token->name,
                                                      service::scope_text(ctx.token->scope));
  Reply reply;
  reply.body = {{"ruleset", {{"name", v.ruleset_name}, {"version", v.version}, {"hash", v.hash}}},
                {"ruleset_version", version_summary(v)}};
  return reply;
}

}  // namespace passend::server
