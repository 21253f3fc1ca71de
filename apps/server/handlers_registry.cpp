// The inkoopnetwerk: providers and offerings (read), capacity (read, and set by coordinators,
// providers for their own offerings, and admins).
#include "apps/server/api_error.hpp"
#include "apps/server/handlers.hpp"
#include "apps/service/registry.hpp"
#include "core/errors.hpp"

namespace passend::server {

namespace {
struct Found {
  const Provider* provider = nullptr;
  const Location* location = nullptr;
  const Offering* offering = nullptr;
};

Found find_offering(const ProviderNetwork& network, const std::string& id) {
  for (const auto& p : network.providers)
    for (const auto& l : p.locations)
      for (const auto& o : l.offerings)
        if (o.id == id) return {&p, &l, &o};
  throw ApiError(ApiCode::not_found, "no offering '" + id + "'");
}

nlohmann::ordered_json offering_json(const RegionGraph& g, const Found& f) {
  const Municipality* m = g.municipality(f.location->municipality);
  const Offering& o = *f.offering;
  return {{"id", o.id},
          {"provider", f.provider->id},
          {"provider_name", f.provider->name},
          {"in_network", f.provider->in_network},
          {"location", f.location->id},
          {"municipality", f.location->municipality},
          {"region", m ? m->region : ""},
          {"care_form", o.care_form},
          {"product_category", o.product_category},
          {"expertise", o.expertise},
          {"age_min", o.age_min},
          {"age_max", o.age_max},
          {"contraindications", o.contraindications},
          {"identity", o.identity},
          {"supra_regional", o.supra_regional},
          {"capacity", service::capacity_json(o.capacity)}};
}

nlohmann::ordered_json provider_summary(const Provider& p) {
  int offerings = 0;
  for (const auto& l : p.locations) offerings += static_cast<int>(l.offerings.size());
  return {{"id", p.id},
          {"name", p.name},
          {"in_network", p.in_network},
          {"contracts", p.contracts.size()},
          {"locations", p.locations.size()},
          {"offerings", offerings}};
}

struct OfferingFilter {
  std::vector<std::string> care_forms;  // empty: all
  std::optional<int> age;
  std::optional<std::string> region;
};

OfferingFilter offering_filter(const Context& ctx) {
  OfferingFilter f;
  if (auto cf = query_param(ctx, "care_form")) {
    if (!ctx.state.vocabulary.is_care_form(*cf))
      throw InvalidInput("query parameter care_form", "", "query parameter care_form: unknown care form '" + *cf + "'");
    f.care_forms.push_back(*cf);
  }
  f.age = int_query_param(ctx, "age", 0, 120);
  f.region = query_param(ctx, "region");
  if (f.region && !ctx.state.regions.region(*f.region))
    throw InvalidInput("query parameter region", "", "query parameter region: unknown region '" + *f.region + "'");
  return f;
}

service::OfferingCapacity capacity_of(Context& ctx, const std::string& id) {
  auto work = service_context(ctx);
  auto capacity = service::offering_capacity(work, id);
  if (!capacity) throw ApiError(ApiCode::not_found, "no offering '" + id + "'");
  return std::move(*capacity);
}

int int_field(const nlohmann::json& body, const char* name, int min, int max) {
  const auto& v = body.at(name);
  if (!v.is_number_integer() || v.get<long long>() < min || v.get<long long>() > max)
    throw InvalidInput("request body", std::string("/") + name,
                       std::string(name) + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  return v.get<int>();
}

// The change the body asks for, checked against the offering's places as stored now.
service::CapacityChange capacity_change(const nlohmann::json& body, const std::string& offering, const Capacity& now) {
  if (!body.is_object())
    throw InvalidInput("request body", "", "expected an object {\"free\", \"wait_weeks\", \"updated\", \"note\"}");
  for (const auto& [key, value] : body.items())
    if (key != "free" && key != "wait_weeks" && key != "updated" && key != "note")
      throw InvalidInput("request body", "/" + key, "unknown field; expected free, wait_weeks, updated, note");
  if (!body.contains("free")) throw InvalidInput("request body", "/free", "required");
  service::CapacityChange c;
  c.offering = offering;
  c.free = int_field(body, "free", 0, now.places);
  if (body.contains("wait_weeks")) c.wait_weeks = int_field(body, "wait_weeks", 0, 520);
  c.updated = Date::today();
  if (body.contains("updated")) {
    const auto& u = body["updated"];
    auto d = u.is_string() ? Date::parse(u.get<std::string>()) : std::nullopt;
    if (!d) throw InvalidInput("request body", "/updated", "expected a date YYYY-MM-DD");
    c.updated = *d;
  }
  if (body.contains("note")) {
    if (!body["note"].is_string()) throw InvalidInput("request body", "/note", "expected a string (at most 200 characters)");
    c.note = body["note"].get<std::string>();
    service::check_capacity_note(c.note, "request body", "/note");
  }
  return c;
}
}  // namespace

Reply get_providers(Context& ctx) {
  auto work = service_context(ctx);
  const auto network = service::read_registry(work);
  Reply reply;
  auto& list = reply.body["providers"] = nlohmann::ordered_json::array();
  for (const auto& p : network.providers) list.push_back(provider_summary(p));
  return reply;
}

Reply get_provider(Context& ctx) {
  auto work = service_context(ctx);
  const std::string id = path_param(ctx, 1);
  const auto network = service::read_registry(work);
  for (const auto& p : network.providers) {
    if (p.id != id) continue;
    Reply reply;
    reply.body = service::provider_document(p);
    return reply;
  }
  throw ApiError(ApiCode::not_found, "no provider '" + id + "'");
}

Reply get_offerings(Context& ctx) {
  auto work = service_context(ctx);
  const OfferingFilter filter = offering_filter(ctx);
  const auto network = service::read_registry(work, filter.care_forms, filter.age);
  const auto& g = ctx.state.regions;
  Reply reply;
  auto& list = reply.body["offerings"] = nlohmann::ordered_json::array();
  for (const auto& p : network.providers)
    for (const auto& l : p.locations) {
      const Municipality* m = g.municipality(l.municipality);
      if (filter.region && (!m || m->region != *filter.region)) continue;
      for (const auto& o : l.offerings) list.push_back(offering_json(g, {&p, &l, &o}));
    }
  return reply;
}

Reply get_offering(Context& ctx) {
  auto work = service_context(ctx);
  const auto network = service::read_registry(work);
  Reply reply;
  reply.body = offering_json(ctx.state.regions, find_offering(network, path_param(ctx, 1)));
  return reply;
}

Reply get_capacity(Context& ctx) {
  Reply reply;
  reply.body = service::offering_capacity_json(capacity_of(ctx, path_param(ctx, 1)));
  return reply;
}

// Who may is checked first (role and scope); the change and its audit record are written in one
// transaction.
Reply put_capacity(Context& ctx) {
  const std::string id = path_param(ctx, 1);
  auto work = service_context(ctx);
  const auto figures = service::offering_figures(work, id);
  if (!figures) throw ApiError(ApiCode::not_found, "no offering '" + id + "'");
  service::require_may_edit(work, editor_of(ctx), *figures);
  const auto body = body_json(ctx);
  const auto change = capacity_change(body, id, figures->capacity);
  Reply reply;
  reply.body = service::offering_capacity_json(service::set_capacity(work, change, actor_of(ctx)));
  return reply;
}

}  // namespace passend::server
