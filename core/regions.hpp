#pragma once
// The real Dutch geography passend works on: 342 municipalities (gemeenten), 42 youth-care
// regions (jeugdregio's) and 8 supra-regional expertise networks, with a Boost.Graph graph of
// region borders (kept in core/regions.cpp, so that this header does not pull in Boost). Loaded
// from the bundled CSVs (init) or from the database (queries).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace passend {

struct Municipality {
  std::string code;  // GMnnnn
  std::string name;
  std::string region;  // JZnn
  double lat = 0, lon = 0;
  long population = 0;
};

struct Region {
  std::string code;  // JZnn
  std::string name;
  std::string network;  // EXNnn
  double lat = 0, lon = 0;  // population-weighted centroid
  long population = 0;
};

struct Network {
  std::string code;  // EXNnn
  std::string name;
};

struct RegionBorder {
  std::string a, b;  // region codes, a < b
  double border_km = 0;
  double distance_km = 0;  // between population-weighted centroids
};

struct RegionData {
  std::vector<Municipality> municipalities;
  std::vector<Region> regions;
  std::vector<Network> networks;
  std::vector<RegionBorder> borders;

  // Reads the bundled CSVs from a data directory; throws on malformed or inconsistent data.
  static RegionData load_bundled(const std::string& data_dir);
};

enum class Tier { region = 0, adjacent = 1, network = 2, national = 3 };
const char* tier_name(Tier t);
std::optional<Tier> parse_tier(const std::string& name);

// One step of the fallback ladder: a region and how far it is from the case's region.
struct LadderStep {
  std::string region;
  int hops = 0;            // borders crossed
  double km = 0;           // along borders, centroid to centroid
};

// Great-circle distance in km (haversine, R = 6371.0088 km, as the bundled data).
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

class RegionGraph {
 public:
  explicit RegionGraph(RegionData data);

  const Municipality* municipality(const std::string& code) const;
  const Region* region(const std::string& code) const;
  const Network* network(const std::string& code) const;
  const RegionData& data() const { return data_; }

  bool adjacent(const std::string& region_a, const std::string& region_b) const;
  // Tier of a location's region seen from the case's region.
  Tier tier(const std::string& case_region, const std::string& location_region) const;
  // Distance between two municipalities' centroids.
  double distance_km(const std::string& municipality_a, const std::string& municipality_b) const;
  // All regions ordered by hops from `from` (BFS), then by km along borders (Dijkstra), then code.
  std::vector<LadderStep> ladder(const std::string& from) const;
  std::vector<std::string> regions_of_network(const std::string& network) const;

 private:
  struct Graph;  // the Boost.Graph adjacency list of region borders (core/regions.cpp)
  RegionData data_;
  std::shared_ptr<const Graph> graph_;  // built once, never changed: copies share it
  std::unordered_map<std::string, std::size_t> municipality_index_, region_index_, network_index_;
};

}  // namespace passend
