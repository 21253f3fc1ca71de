#pragma once
// Shared fixtures of the registry tests: the bundled vocabulary and regions, a small valid
// NETWORK.json, and a freshly initialised database.
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/bundled_data.hpp"
#include "tests/support/cli_runner.hpp"
#include "providers/network_json.hpp"
#include "providers/region_store.hpp"
#include "providers/registry.hpp"
#include "providers/schema.hpp"
#include "tests/support/paths.hpp"

namespace passend::testing {

// Two providers in Food Valley and Arnhem; prov-2 is outside the inkoopnetwerk.
inline nlohmann::json base_network() {
  return nlohmann::json::parse(R"({
  "providers": [
    {"id": "prov-1", "name": "Stichting De Linde", "in_network": true,
     "contracts": [
       {"region": "JZ21", "lot": "verblijf", "status": "active", "from": "2024-01-01", "until": "2027-12-31"},
       {"region": "EXN03", "lot": "ambulant", "status": "active", "from": "2024-01-01", "until": "2027-12-31"}],
     "locations": [
       {"id": "prov-1-ede", "municipality": "GM0228", "offerings": [
         {"id": "prov-1-ede-kw", "care_form": "small_scale_living", "product_category": "44",
          "expertise": ["trauma", "autism"], "age_min": 12, "age_max": 18, "contraindications": ["arson"],
          "identity": "protestant", "supra_regional": false,
          "capacity": {"places": 6, "free": 1, "wait_weeks": 0, "updated": "2026-11-20"}},
         {"id": "prov-1-ede-amb", "care_form": "ambulant", "product_category": "45",
          "expertise": [], "age_min": 0, "age_max": 18, "contraindications": [], "supra_regional": false,
          "capacity": {"places": 40, "free": 10, "wait_weeks": 0, "updated": "2026-11-01"}}]}]},
    {"id": "prov-2", "name": "Jeugdhulp Horizon", "in_network": false, "contracts": [],
     "locations": [
       {"id": "prov-2-arnhem", "municipality": "GM0202", "offerings": [
         {"id": "prov-2-arnhem-res", "care_form": "residential", "product_category": "43",
          "expertise": ["eating_disorder"], "age_min": 12, "age_max": 23, "contraindications": [],
          "supra_regional": true,
          "capacity": {"places": 8, "free": 0, "wait_weeks": 12, "updated": "2026-10-01"}}]}]}
  ],
  "lot_overrides": [{"region": "JZ21", "care_form": "crisis", "lot": "crisis"}]
})");
}

inline ProviderNetwork parse(const nlohmann::json& doc, const std::string& file = "network.json") {
  return parse_network_json(doc, file, vocabulary(), regions());
}

// A database as `passend init` leaves it.
inline std::string init_database(const TempDir& dir, const std::string& name = "passend.db") {
  const std::string path = dir.file(name);
  db::initialise(path, region_data(), vocabulary());
  return path;
}

inline db::ImportInfo info(const std::string& file = "network.json") { return {file, "0", "json", "tester"}; }

// The registry as one canonical text: equal texts mean an equal registry.
inline std::string snapshot(db::Database& db) { return network_to_json(db::read_network(db)).dump(); }

}  // namespace passend::testing
