#include "core/regions.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "core/csv.hpp"

namespace passend {

struct RegionGraph::Graph {
  using Type = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                     boost::property<boost::edge_weight_t, double>>;
  Type g;
};

namespace {
double to_double(const std::string& s, const std::string& what) {
  try {
    std::size_t used = 0;
    double v = std::stod(s, &used);
    if (used != s.size()) throw std::invalid_argument(s);
    return v;
  } catch (const std::exception&) {
    throw std::runtime_error("bundled region data: " + what + " is not a number: '" + s + "'");
  }
}
}  // namespace

const char* tier_name(Tier t) {
  switch (t) {
    case Tier::region: return "region";
    case Tier::adjacent: return "adjacent";
    case Tier::network: return "network";
    case Tier::national: return "national";
  }
  return "national";
}

std::optional<Tier> parse_tier(const std::string& name) {
  for (Tier t : {Tier::region, Tier::adjacent, Tier::network, Tier::national})
    if (name == tier_name(t)) return t;
  return std::nullopt;
}

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double R = 6371.0088;
  constexpr double rad = std::numbers::pi / 180.0;
  double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * R * std::asin(std::min(1.0, std::sqrt(h)));
}

RegionData RegionData::load_bundled(const std::string& dir) {
  RegionData d;
  auto gm = CsvTable::read_file(dir + "/gemeenten_2024.csv");
  for (const auto& r : gm.rows())
    d.municipalities.push_back({gm.get(r, "gemeente_code"), gm.get(r, "gemeente_naam"), gm.get(r, "jeugdregio_code"),
                                to_double(gm.get(r, "centroid_lat"), "centroid_lat"),
                                to_double(gm.get(r, "centroid_lon"), "centroid_lon"),
                                static_cast<long>(to_double(gm.get(r, "inwoners_2020"), "inwoners_2020"))});
  auto jz = CsvTable::read_file(dir + "/jeugdregios_2024.csv");
  for (const auto& r : jz.rows())
    d.regions.push_back({jz.get(r, "jeugdregio_code"), jz.get(r, "jeugdregio_naam"),
                         jz.get(r, "expertisenetwerk_code"), to_double(jz.get(r, "popw_centroid_lat"), "lat"),
                         to_double(jz.get(r, "popw_centroid_lon"), "lon"),
                         static_cast<long>(to_double(jz.get(r, "inwoners_2020"), "inwoners_2020"))});
  auto exn = CsvTable::read_file(dir + "/expertisenetwerken_jeugd.csv");
  for (const auto& r : exn.rows()) d.networks.push_back({exn.get(r, "netwerk_code"), exn.get(r, "netwerk_naam")});
  auto adj = CsvTable::read_file(dir + "/jeugdregio_adjacency_2024.csv");
  for (const auto& r : adj.rows()) {
    RegionBorder b{adj.get(r, "jeugdregio_a"), adj.get(r, "jeugdregio_b"),
                   to_double(adj.get(r, "shared_border_km"), "shared_border_km"),
                   to_double(adj.get(r, "popw_centroid_distance_km"), "popw_centroid_distance_km")};
    if (b.b < b.a) std::swap(b.a, b.b);
    d.borders.push_back(std::move(b));
  }
  return d;
}

RegionGraph::RegionGraph(RegionData data) : data_(std::move(data)) {
  auto graph = std::make_shared<Graph>(Graph{Graph::Type(data_.regions.size())});
  for (std::size_t i = 0; i < data_.municipalities.size(); ++i) municipality_index_[data_.municipalities[i].code] = i;
  for (std::size_t i = 0; i < data_.regions.size(); ++i) region_index_[data_.regions[i].code] = i;
  for (std::size_t i = 0; i < data_.networks.size(); ++i) network_index_[data_.networks[i].code] = i;
  for (const auto& m : data_.municipalities)
    if (!region_index_.count(m.region))
      throw std::runtime_error("region data: municipality " + m.code + " names unknown region " + m.region);
  for (const auto& r : data_.regions)
    if (!network_index_.count(r.network))
      throw std::runtime_error("region data: region " + r.code + " names unknown network " + r.network);
  for (const auto& b : data_.borders) {
    auto ia = region_index_.find(b.a), ib = region_index_.find(b.b);
    if (ia == region_index_.end() || ib == region_index_.end())
      throw std::runtime_error("region data: border " + b.a + "-" + b.b + " names an unknown region");
    boost::add_edge(ia->second, ib->second, b.distance_km, graph->g);
  }
  graph_ = std::move(graph);
}

const Municipality* RegionGraph::municipality(const std::string& code) const {
  auto it = municipality_index_.find(code);
  return it == municipality_index_.end() ? nullptr : &data_.municipalities[it->second];
}
const Region* RegionGraph::region(const std::string& code) const {
  auto it = region_index_.find(code);
  return it == region_index_.end() ? nullptr : &data_.regions[it->second];
}
const Network* RegionGraph::network(const std::string& code) const {
  auto it = network_index_.find(code);
  return it == network_index_.end() ? nullptr : &data_.networks[it->second];
}

bool RegionGraph::adjacent(const std::string& a, const std::string& b) const {
  auto ia = region_index_.find(a), ib = region_index_.find(b);
  if (ia == region_index_.end() || ib == region_index_.end()) return false;
  return boost::edge(ia->second, ib->second, graph_->g).second;
}

Tier RegionGraph::tier(const std::string& case_region, const std::string& location_region) const {
  if (case_region == location_region) return Tier::region;
  if (adjacent(case_region, location_region)) return Tier::adjacent;
  const Region* a = region(case_region);
  const Region* b = region(location_region);
  if (a && b && a->network == b->network) return Tier::network;
  return Tier::national;
}

double RegionGraph::distance_km(const std::string& ma, const std::string& mb) const {
  const Municipality* a = municipality(ma);
  const Municipality* b = municipality(mb);
  if (!a || !b) throw std::invalid_argument("distance_km: unknown municipality " + (a ? mb : ma));
  if (a == b) return 0.0;
  return great_circle_km(a->lat, a->lon, b->lat, b->lon);
}

std::vector<LadderStep> RegionGraph::ladder(const std::string& from) const {
  auto it = region_index_.find(from);
  if (it == region_index_.end()) throw std::invalid_argument("ladder: unknown region " + from);
  const auto& graph = graph_->g;
  const std::size_t n = boost::num_vertices(graph);
  constexpr int unreachable = std::numeric_limits<int>::max();
  std::vector<int> hops(n, unreachable);
  hops[it->second] = 0;
  boost::breadth_first_search(
      graph, it->second,
      boost::visitor(boost::make_bfs_visitor(boost::record_distances(hops.data(), boost::on_tree_edge()))));
  std::vector<double> km(n);
  boost::dijkstra_shortest_paths(graph, it->second, boost::distance_map(km.data()));
  std::vector<LadderStep> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back({data_.regions[i].code, hops[i], km[i]});
  std::sort(out.begin(), out.end(), [](const LadderStep& a, const LadderStep& b) {
    return std::tie(a.hops, a.km, a.region) < std::tie(b.hops, b.km, b.region);
  });
  return out;
}

std::vector<std::string> RegionGraph::regions_of_network(const std::string& network) const {
  std::vector<std::string> out;
  for (const auto& r : data_.regions)
    if (r.network == network) out.push_back(r.code);
  return out;
}

}  // namespace passend
