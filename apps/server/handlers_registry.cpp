// The inkoopnetwerk: providers and offerings (read), capacity (read, and set by coordinators).
#include "apps/server/api_error.hpp"
#include "core/errors.hpp"
#include "apps/server/handlers.hpp"
#include "providers/network_json.hpp"
#include "providers/registry.hpp"

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

nlohmann::ordered_json capacity_json(const Capacity& c) {
  return {{"places", c.places}, {"free", c.free}, {"wait_weeks", c.wait_weeks}, {"updated", c.updated.str()}};
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
          {"capacity", capacity_json(o.capacity)}};
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

nlohmann::ordered_json capacity_reply(Context& ctx, const std::string& id) {
  const auto network = db::read_network(db_of(ctx));
  const Found f = find_offering(network, id);
  auto history = nlohmann::ordered_json::array();
  for (const auto& h : db::capacity_history(db_of(ctx), id))
    history.push_back({{"places", h.places}, {"free", h.free}, {"wait_weeks", h.wait_weeks}, {"updated", h.updated},
                       {"recorded_at", h.recorded_at}, {"source", h.source}});
  return {{"offering", id}, {"capacity", capacity_json(f.offering->capacity)}, {"history", history}};
}

struct CapacityChange {
  int free = 0;
  std::optional<int> wait_weeks;
  Date updated;
};

int int_field(const nlohmann::json& body, const char* name, int min, int max) {
  const auto& v = body.at(name);
  if (!v.is_number_integer() || v.get<long long>() < min || v.get<long long>() > max)
    throw InvalidInput("request body", std::string("/") + name,
                       std::string(name) + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  return v.get<int>();
}

CapacityChange capacity_change(const nlohmann::json& body, const Offering& o) {
  if (!body.is_object()) throw InvalidInput("request body", "", "expected an object {\"free\", \"wait_weeks\", \"updated\"}");
  for (const auto& [key, value] : body.items())
    if (key != "free" && key != "wait_weeks" && key != "updated")
      throw InvalidInput("request body", "/" + key, "unknown field; expected free, wait_weeks, updated");
  if (!body.contains("free")) throw InvalidInput("request body", "/free", "required");
  CapacityChange c;
  c.free = int_field(body, "free", 0, o.capacity.places);
  if (body.contains("wait_weeks")) c.wait_weeks = int_field(body, "wait_weeks", 0, 520);
  c.updated = Date::today();
  if (body.contains("updated")) {
    const auto& u = body["updated"];
    auto d = u.is_string() ? Date::parse(u.get<std::string>()) : std::nullopt;
    if (!d) throw InvalidInput("request body", "/updated", "expected a date YYYY-MM-DD");
    c.updated = *d;
  }
  return c;
}
}  // namespace

Reply get_providers(Context& ctx) {
  const auto network = db::read_network(db_of(ctx));
  Reply reply;
  auto& list = reply.body["providers"] = nlohmann::ordered_json::array();
  for (const auto& p : network.providers) list.push_back(provider_summary(p));
  return reply;
}

Reply get_provider(Context& ctx) {
  const std::string id = path_param(ctx, 1);
  const auto network = db::read_network(db_of(ctx));
  for (const auto& p : network.providers) {
    if (p.id != id) continue;
    Reply reply;
    reply.body = network_to_json(ProviderNetwork{{p}, {}, {}})["providers"][0];
    return reply;
  }
  throw ApiError(ApiCode::not_found, "no provider '" + id + "'");
}

Reply get_offerings(Context& ctx) {
  const OfferingFilter filter = offering_filter(ctx);
  const auto network = db::read_network(db_of(ctx), filter.care_forms, filter.age);
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
  const auto network = db::read_network(db_of(ctx));
  Reply reply;
  reply.body = offering_json(ctx.state.regions, find_offering(network, path_param(ctx, 1)));
  return reply;
}

Reply get_capacity(Context& ctx) {
  Reply reply;
  reply.body = capacity_reply(ctx, path_param(ctx, 1));
  return reply;
}

// set_capacity keeps its own transaction, so the audit record follows in a second one: a
// change is never recorded without having happened.
Reply put_capacity(Context& ctx) {
  const std::string id = path_param(ctx, 1);
  const auto body = body_json(ctx);
  CapacityChange change;
  {
    const auto network = db::read_network(db_of(ctx));
    change = capacity_change(body, *find_offering(network, id).offering);
  }
  db::set_capacity(db_of(ctx), id, change.free, change.wait_weeks, change.updated);
  Reply reply;
  reply.body = capacity_reply(ctx, id);
  audit(ctx, "capacity_update", "", {{"offering", id}, {"capacity", reply.body["capacity"]}});
  return reply;
}

}  // namespace passend::server
