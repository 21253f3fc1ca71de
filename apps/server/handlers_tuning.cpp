// Rule tuning for contract managers (docs/web.md): the current rule set's rules with their
// declared parameters, and a dry run that replays recent audited queries with edited
// parameters (apps/service/dry_run.hpp), so that a change can be judged on past advice before
// it is activated.
#include "apps/server/handlers.hpp"
#include "apps/service/dry_run.hpp"
#include "apps/service/rules.hpp"
#include "core/errors.hpp"

namespace passend::server {

using ojson = nlohmann::ordered_json;

namespace {
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
  return {ctx.state.config.rules_dir, body["params"], limit.get<int>(), scope_regions_of(ctx)};
}

}  // namespace

Reply get_ruleset_rules(Context& ctx) {
  Reply reply;
  reply.body = service::declared_rules_json(ctx.lease->host());
  reply.body["params"] = ruleset_of(ctx).params;
  return reply;
}

Reply post_dry_run(Context& ctx) {
  auto request = dry_run_request(ctx, body_json(ctx));
  auto work = service_context(ctx);
  Reply reply;
  reply.body = service::dry_run(work, ctx.lease->host(), request, actor_of(ctx));
  return reply;
}

}  // namespace passend::server
