// Regions, municipalities and networks: served from the region graph read at startup.
#include <map>

#include "apps/server/api_error.hpp"
#include "core/errors.hpp"
#include "apps/server/handlers.hpp"

namespace passend::server {

namespace {
nlohmann::ordered_json municipality_json(const RegionGraph& g, const Municipality& m) {
  const Region* r = g.region(m.region);
  return {{"code", m.code},       {"name", m.name}, {"region", m.region}, {"region_name", r ? r->name : ""},
          {"network", r ? r->network : ""}, {"lat", m.lat}, {"lon", m.lon}, {"population", m.population}};
}

// Neighbouring regions with the border length and centroid distance.
nlohmann::ordered_json neighbours_json(const RegionGraph& g, const std::string& code) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& b : g.data().borders) {
    if (b.a != code && b.b != code) continue;
    out.push_back({{"code", b.a == code ? b.b : b.a}, {"border_km", b.border_km}, {"distance_km", b.distance_km}});
  }
  return out;
}

std::map<std::string, int> municipality_counts(const RegionGraph& g) {
  std::map<std::string, int> counts;
  for (const auto& m : g.data().municipalities) ++counts[m.region];
  return counts;
}

nlohmann::ordered_json region_json(const RegionGraph& g, const Region& r) {
  const Network* n = g.network(r.network);
  return {{"code", r.code},       {"name", r.name},   {"network", r.network}, {"network_name", n ? n->name : ""},
          {"lat", r.lat},         {"lon", r.lon},     {"population", r.population}};
}
}  // namespace

Reply get_regions(Context& ctx) {
  const auto& g = ctx.state.regions;
  const auto counts = municipality_counts(g);
  Reply reply;
  auto& list = reply.body["regions"] = nlohmann::ordered_json::array();
  for (const auto& r : g.data().regions) {
    auto j = region_json(g, r);
    j["municipalities"] = counts.contains(r.code) ? counts.at(r.code) : 0;
    j["adjacent"] = neighbours_json(g, r.code);
    list.push_back(std::move(j));
  }
  return reply;
}

Reply get_region(Context& ctx) {
  const auto& g = ctx.state.regions;
  const std::string code = path_param(ctx, 1);
  const Region* r = g.region(code);
  if (!r) throw ApiError(ApiCode::not_found, "no region '" + code + "'");
  Reply reply;
  reply.body = region_json(g, *r);
  auto& municipalities = reply.body["municipalities"] = nlohmann::ordered_json::array();
  for (const auto& m : g.data().municipalities)
    if (m.region == code) municipalities.push_back({{"code", m.code}, {"name", m.name}});
  reply.body["adjacent"] = neighbours_json(g, code);
  return reply;
}

Reply get_municipalities(Context& ctx) {
  const auto& g = ctx.state.regions;
  const auto region = query_param(ctx, "region");
  if (region && !g.region(*region))
    throw InvalidInput("query parameter region", "", "query parameter region: unknown region '" + *region + "'");
  Reply reply;
  auto& list = reply.body["municipalities"] = nlohmann::ordered_json::array();
  for (const auto& m : g.data().municipalities)
    if (!region || m.region == *region) list.push_back(municipality_json(g, m));
  return reply;
}

Reply get_municipality(Context& ctx) {
  const auto& g = ctx.state.regions;
  const std::string code = path_param(ctx, 1);
  const Municipality* m = g.municipality(code);
  if (!m) throw ApiError(ApiCode::not_found, "no municipality '" + code + "'");
  Reply reply;
  reply.body = municipality_json(g, *m);
  return reply;
}

Reply get_networks(Context& ctx) {
  const auto& g = ctx.state.regions;
  Reply reply;
  auto& list = reply.body["networks"] = nlohmann::ordered_json::array();
  for (const auto& n : g.data().networks)
    list.push_back({{"code", n.code}, {"name", n.name}, {"regions", g.regions_of_network(n.code)}});
  return reply;
}

}  // namespace passend::server
