// Helpers every handler uses, and the two routes that are about the server itself.
#include <httplib.h>

#include <charconv>

#include "apps/server/api_error.hpp"
#include "core/date.hpp"
#include "core/errors.hpp"
#include "apps/server/handlers.hpp"
#include "apps/server/json_body.hpp"
#include "apps/server/openapi.hpp"

#ifndef PASSEND_VERSION
#define PASSEND_VERSION "0.0.0"
#endif

namespace passend::server {

namespace {
std::optional<std::int64_t> parse_int(const std::string& text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}
}  // namespace

std::string path_param(const Context& ctx, std::size_t index) {
  return index < ctx.req.matches.size() ? ctx.req.matches[index].str() : std::string();
}

std::optional<std::string> query_param(const Context& ctx, const std::string& name) {
  if (!ctx.req.has_param(name.c_str())) return std::nullopt;
  return ctx.req.get_param_value(name.c_str());
}

std::optional<int> int_query_param(const Context& ctx, const std::string& name, int min, int max) {
  auto text = query_param(ctx, name);
  if (!text) return std::nullopt;
  auto value = parse_int(*text);
  if (!value || *value < min || *value > max)
    throw InvalidInput("query parameter " + name, "",
                       "query parameter " + name + " must be an integer from " + std::to_string(min) + " to " +
                           std::to_string(max));
  return static_cast<int>(*value);
}

std::int64_t id_param(const Context& ctx, std::size_t index, const char* what) {
  const std::string text = path_param(ctx, index);
  auto value = parse_int(text);
  if (!value || *value <= 0) throw ApiError(ApiCode::not_found, std::string("no ") + what + " '" + text + "'");
  return *value;
}

nlohmann::json body_json(const Context& ctx) { return parse_body(ctx.req.body); }

nlohmann::ordered_json ruleset_identity_json(const RuleSetIdentity& id) {
  return {{"name", id.name}, {"version", id.version}, {"hash", id.hash}};
}

service::Context service_context(Context& ctx) {
  return {ctx.lease->db(), ctx.state.vocabulary, ctx.state.regions, &ctx.state.registry};
}

service::Actor actor_of(const Context& ctx) { return {ctx.token->name, {}, service::scope_text(ctx.token->scope)}; }

service::RuleSetActor rules_actor_of(const Context& ctx) {
  return {ctx.token->name, role_name(ctx.token->role), ctx.token->scope, true};
}

namespace {
// The region or network a token's scope names ("" for the default).
std::pair<std::string, std::string> token_place(const Context& ctx) {
  const auto& scope = ctx.token->scope;
  if (scope.kind == service::Scope::Kind::region) return {scope.id, ""};
  if (scope.kind == service::Scope::Kind::network) return {"", scope.id};
  return {"", ""};
}
}  // namespace

service::RuleSetChoice token_rules(Context& ctx) {
  auto work = service_context(ctx);
  const auto [region, network] = token_place(ctx);
  return region.empty() ? ctx.state.rulesets->choose_for_network(work, network, Date::today())
                        : ctx.state.rulesets->choose(work, region, Date::today());
}

service::RuleHostLease token_rules_host(Context& ctx) {
  auto work = service_context(ctx);
  const auto [region, network] = token_place(ctx);
  return region.empty() ? ctx.state.rulesets->for_network(work, network, Date::today())
                        : ctx.state.rulesets->for_region(work, region, Date::today());
}

std::optional<std::set<std::string>> scope_regions_of(const Context& ctx) {
  return service::scope_regions(ctx.token->scope, ctx.state.regions);
}

std::string scope_name_of(const Context& ctx) { return service::scope_dutch(ctx.token->scope, ctx.state.regions); }

service::Editor editor_of(const Context& ctx) { return {actor_of(ctx), ctx.token->role, ctx.token->scope}; }

// The default rule set in force today (or the --rules folder), for a glance at what answers.
Reply get_health(Context& ctx) {
  Lease lease = ctx.state.connections.acquire();
  service::Context work{lease.db(), ctx.state.vocabulary, ctx.state.regions};
  Reply r;
  r.body = {{"status", "ok"},
            {"version", PASSEND_VERSION},
            {"ruleset", ruleset_identity_json(ctx.state.rulesets->choose_for_network(work, "", Date::today()).identity)}};
  return r;
}

Reply get_openapi(Context&) {
  Reply r;
  r.raw = std::string(openapi_document());
  return r;
}

}  // namespace passend::server
