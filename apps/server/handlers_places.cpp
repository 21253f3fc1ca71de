// Providers keeping their own places current (docs/api.md): all offerings of one provider with
// their figures, one save for several, and the staleness report for coordinators. A provider
// token reaches only the provider of its scope; coordinators the places in their scope.
#include "apps/server/api_error.hpp"
#include "apps/server/handlers.hpp"
#include "apps/service/places.hpp"
#include "core/errors.hpp"

namespace passend::server {

namespace {
int stale_days_of(Context& ctx) {
  if (auto days = int_query_param(ctx, "days", 0, 3650)) return *days;
  auto rules = token_rules_host(ctx);
  return service::staleness_limit_days(rules.host());
}

Date date_of(const Context& ctx) {
  const auto text = query_param(ctx, "date");
  if (!text) return Date::today();
  auto d = Date::parse(*text);
  if (!d) throw InvalidInput("query parameter date", "", "query parameter date: expected YYYY-MM-DD, got '" + *text + "'");
  return *d;
}

// A provider token names only its own provider.
void require_own_provider(const Context& ctx, const std::string& provider) {
  const auto& scope = ctx.token->scope;
  if (scope.kind == service::Scope::Kind::provider && scope.id != provider)
    throw service::OutOfScope("aanbieder " + provider + " ligt buiten de scope van dit token: " + scope_name_of(ctx));
}

std::vector<service::PlaceUpdate> place_updates(const nlohmann::json& body) {
  const char* shape = "expected an object {\"offerings\": [{\"offering\", \"free\", \"wait_weeks\", \"note\"}, ...]}";
  if (!body.is_object()) throw InvalidInput("request body", "", shape);
  IssueList issues("request body");
  for (const auto& [key, value] : body.items())
    if (key != "offerings") issues.add("/" + key, "unknown field; expected offerings");
  if (!body.contains("offerings") || !body["offerings"].is_array()) issues.add("/offerings", shape);
  issues.throw_if_any();
  std::vector<service::PlaceUpdate> out;
  const auto& list = body["offerings"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "/offerings/" + std::to_string(i);
    const auto& item = list[i];
    if (!item.is_object()) {
      issues.add(at, "expected an object {\"offering\", \"free\", \"wait_weeks\", \"note\"}");
      continue;
    }
    for (const auto& [key, value] : item.items())
      if (key != "offering" && key != "free" && key != "wait_weeks" && key != "note")
        issues.add(at + "/" + key, "unknown field; expected offering, free, wait_weeks, note");
    service::PlaceUpdate u;
    if (!item.contains("offering") || !item["offering"].is_string()) issues.add(at + "/offering", "required: the offering id");
    else u.offering = item["offering"].get<std::string>();
    if (!item.contains("free") || !item["free"].is_number_integer()) issues.add(at + "/free", "required: vrij, een geheel getal");
    else u.free = static_cast<int>(std::clamp<long long>(item["free"].get<long long>(), -1, 1000000));
    if (item.contains("wait_weeks") && !item["wait_weeks"].is_null()) {
      if (!item["wait_weeks"].is_number_integer()) issues.add(at + "/wait_weeks", "de wachttijd is een geheel aantal weken");
      else u.wait_weeks = static_cast<int>(std::clamp<long long>(item["wait_weeks"].get<long long>(), -1, 100000));
    }
    if (item.contains("note") && !item["note"].is_null()) {
      if (!item["note"].is_string()) issues.add(at + "/note", "de notitie is tekst");
      else u.note = item["note"].get<std::string>();
    }
    out.push_back(std::move(u));
  }
  issues.throw_if_any();
  return out;
}
}  // namespace

Reply get_provider_capacity(Context& ctx) {
  const std::string id = path_param(ctx, 1);
  require_own_provider(ctx, id);
  auto work = service_context(ctx);
  const auto places = service::provider_places(work, id, stale_days_of(ctx), date_of(ctx));
  if (!places) throw ApiError(ApiCode::not_found, "no provider '" + id + "'");
  Reply reply;
  reply.body = service::provider_places_json(*places, ctx.state.vocabulary);
  return reply;
}

Reply put_provider_capacity(Context& ctx) {
  const std::string id = path_param(ctx, 1);
  require_own_provider(ctx, id);
  if (!service::may_set_capacity(ctx.token->role))
    throw service::Forbidden(std::string("de rol ") + role_name(ctx.token->role) +
                             " mag geen capaciteit bijwerken; dat doen de aanbieder zelf, de netwerkcoördinator en "
                             "functioneel beheer");
  const auto updates = place_updates(body_json(ctx));
  auto work = service_context(ctx);
  const int days = stale_days_of(ctx);
  if (!service::provider_places(work, id, days, Date::today())) throw ApiError(ApiCode::not_found, "no provider '" + id + "'");
  Reply reply;
  reply.body = service::provider_places_json(
      service::save_provider_places(work, id, updates, editor_of(ctx), days, Date::today()), ctx.state.vocabulary);
  return reply;
}

Reply get_stale_report(Context& ctx) {
  const Date on = date_of(ctx);
  const int days = stale_days_of(ctx);
  auto work = service_context(ctx);
  Reply reply;
  reply.body = service::stale_report_json(service::stale_places(work, days, on, scope_regions_of(ctx)), days, on,
                                          ctx.state.vocabulary);
  return reply;
}

}  // namespace passend::server
