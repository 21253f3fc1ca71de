// Rule tuning for contract managers (docs/web.md): the current rule set's rules with their
// declared parameters, and a dry run that replays recent audited queries with edited
// parameters (apps/service/dry_run.hpp), so that a change can be judged on past advice before
// it is activated.
#include "apps/server/handlers.hpp"
#include "apps/service/dry_run.hpp"
#include "core/errors.hpp"
#include "plugins/lua_host.hpp"

namespace passend::server {

using ojson = nlohmann::ordered_json;

namespace {
// ---- the rule set's declarations ----

const LuaRuleHost& lua_host(Context& ctx) {
  const auto* host = dynamic_cast<const LuaRuleHost*>(&ctx.lease->host());
  if (!host) throw std::runtime_error("the rule host does not declare its parameters (not a Lua rule set)");
  return *host;
}

ojson param_json(const RuleParam& p) {
  const auto& d = p.decl;
  ojson j = {{"name", d.name},       {"type", param_type_name(d.type)}, {"description", d.description},
             {"default", d.default_value}, {"value", p.value},          {"overridden", p.overridden}};
  if (!d.one_of.empty()) j["one_of"] = d.one_of;
  if (!d.vocabulary.empty()) j["vocabulary"] = d.vocabulary;
  if (!d.keys.empty()) j["keys"] = d.keys;
  if (!d.key_vocabulary.empty()) j["key_vocabulary"] = d.key_vocabulary;
  return j;
}

ojson rule_json(const RuleInfo& r) {
  auto params = ojson::array();
  for (const auto& p : r.params) params.push_back(param_json(p));
  return {{"name", r.name},         {"description", r.description}, {"phase", r.phase},
          {"priority", r.priority}, {"version", r.version},         {"file", r.file},
          {"disabled", r.disabled}, {"params", params}};
}

// ---- the dry-run request ----

service::DryRunRequest dry_run_request(const Context& ctx, const nlohmann::json& body) {
  if (!body.is_object()) throw InvalidInput("request body", "", "expected an object {\"params\": {...}, \"limit\": N}");
  IssueList issues("request body");
  for (const auto& [key, value] : body.items())
    if (key != "params" && key != "limit") issues.add("/" + key, "unknown field; expected params and limit");
  if (!body.contains("params")) issues.add("/params", "required: the edited params.json document");
  else if (!body["params"].is_object()) issues.add("/params", "expected an object (a params.json document)");
  const auto limit = body.value("limit", nlohmann::json(service::kDefaultDryRunQueries));
  if (!limit.is_number_integer() || limit.get<long long>() < 1 || limit.get<long long>() > service::kMaxDryRunQueries)
    issues.add("/limit", "expected an integer from 1 to " + std::to_string(service::kMaxDryRunQueries));
  issues.throw_if_any();
  return {ctx.state.config.rules_dir, body["params"], limit.get<int>()};
}

}  // namespace

Reply get_ruleset_rules(Context& ctx) {
  const auto& info = lua_host(ctx).info();
  Reply reply;
  reply.body["ruleset"] = ruleset_identity_json(info.identity);
  reply.body["description"] = info.description;
  auto& rules = reply.body["rules"] = ojson::array();
  for (const auto& r : info.rules) rules.push_back(rule_json(r));
  nlohmann::json pool_tiers = nlohmann::json::array();
  for (Tier t : info.settings.bridging_pool.tiers) pool_tiers.push_back(tier_name(t));
  if (pool_tiers.empty())  // every tier
    for (Tier t : {Tier::region, Tier::adjacent, Tier::network, Tier::national}) pool_tiers.push_back(tier_name(t));
  reply.body["settings"] = {{"bridging_care_forms", info.settings.bridging_care_forms},
                            {"bridging_pool",
                             {{"when", info.settings.bridging_pool.only_when_plan_a_not_timely ? "plan_a_not_timely" : "always"},
                              {"tiers", pool_tiers}}},
                            {"lot_overrides", info.settings.lot_overrides},
                            {"max_wait_weeks",
                             {{"crisis", info.settings.max_wait_weeks.crisis},
                              {"high", info.settings.max_wait_weeks.high},
                              {"normal", info.settings.max_wait_weeks.normal}}}};
  reply.body["params"] = ruleset_of(ctx).params;
  return reply;
}

Reply post_dry_run(Context& ctx) {
  const auto request = dry_run_request(ctx, body_json(ctx));
  auto work = service_context(ctx);
  Reply reply;
  reply.body = service::dry_run(work, ctx.lease->host(), request, actor_of(ctx));
  return reply;
}

}  // namespace passend::server
