// The synthetic national generator: deterministic for a seed, valid, and spread like the country.
#include <gtest/gtest.h>

#include <set>

#include "core/case_json.hpp"
#include "providers/generator.hpp"
#include "tests/support/registry_fixtures.hpp"

using namespace passend;
using namespace passend::testing;

namespace {
const Date reference = *Date::parse("2026-11-26");

std::string network_text(std::uint64_t seed, int offerings) {
  return network_to_json(generate_network(regions(), vocabulary(), seed, offerings, reference)).dump();
}
}  // namespace

TEST(Generator, TheSameSeedGivesTheSameNetwork) {
  EXPECT_EQ(network_text(7, 1500), network_text(7, 1500));
  EXPECT_NE(network_text(7, 1500), network_text(8, 1500));
}

TEST(Generator, ItsNetworkPassesValidationWithExactlyTheOfferingsAsked) {
  for (int n : {1, 999, 1000}) {
    auto doc = nlohmann::json::parse(network_text(3, n));
    ProviderNetwork network;
    ASSERT_NO_THROW(network = parse(doc, "generated.json")) << n;
    int offerings = 0;
    for (const auto& p : network.providers)
      for (const auto& l : p.locations) offerings += static_cast<int>(l.offerings.size());
    EXPECT_EQ(offerings, n);
  }
}

TEST(Generator, ProvidersCoverEveryRegionAndTheMixIsRealistic) {
  auto network = generate_network(regions(), vocabulary(), 11, 2000, reference);
  std::set<std::string> home_regions, care_forms, statuses;
  int outside_network = 0, stale = 0, full = 0, offerings = 0, neighbour_contracts = 0, network_contracts = 0;
  for (const auto& p : network.providers) {
    if (!p.in_network) ++outside_network;
    const std::string home = regions().municipality(p.locations.front().municipality)->region;
    home_regions.insert(home);
    for (const auto& c : p.contracts) {
      statuses.insert(c.status);
      if (c.region.rfind("EXN", 0) == 0) ++network_contracts;
      else if (regions().adjacent(home, c.region)) ++neighbour_contracts;
    }
    for (const auto& l : p.locations)
      for (const auto& o : l.offerings) {
        ++offerings;
        care_forms.insert(o.care_form);
        if (reference - o.capacity.updated > 30) ++stale;
        if (o.capacity.free == 0) ++full;
      }
  }
  EXPECT_EQ(home_regions.size(), 42u);
  EXPECT_EQ(care_forms.size(), 9u);
  EXPECT_EQ(statuses, (std::set<std::string>{"active", "ended", "suspended"}));
  EXPECT_GT(outside_network, 0);
  EXPECT_GT(neighbour_contracts, 0);
  EXPECT_GT(network_contracts, 0);
  EXPECT_GT(stale, offerings / 10);
  EXPECT_LT(stale, offerings / 2);
  EXPECT_GT(full, offerings / 3);
  EXPECT_FALSE(network.lot_overrides.empty());
}

TEST(Generator, TheMostPopulousRegionsGetTheMostProviders) {
  auto network = generate_network(regions(), vocabulary(), 5, 20000, reference);
  std::map<std::string, int> per_region;
  for (const auto& p : network.providers) ++per_region[regions().municipality(p.locations.front().municipality)->region];
  const Region* largest = nullptr;
  const Region* smallest = nullptr;
  for (const auto& r : regions().data().regions) {
    if (!largest || r.population > largest->population) largest = &r;
    if (!smallest || r.population < smallest->population) smallest = &r;
  }
  EXPECT_GT(per_region[largest->code], 3 * per_region[smallest->code]);
}

TEST(Generator, CasesAreDeterministicAndValidCaseDocuments) {
  auto cases = generate_cases(regions(), vocabulary(), 4, 200, reference);
  EXPECT_EQ(cases.dump(), generate_cases(regions(), vocabulary(), 4, 200, reference).dump());
  ASSERT_EQ(cases.size(), 200u);
  std::set<std::string> ids, municipalities;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto doc = nlohmann::json::parse(cases[i].dump());
    Case c;
    ASSERT_NO_THROW(c = parse_case(doc, "case " + std::to_string(i), vocabulary(), regions())) << cases[i].dump();
    ids.insert(c.id);
    municipalities.insert(c.municipality);
    EXPECT_TRUE(c.registered.has_value());
  }
  EXPECT_EQ(ids.size(), 200u);
  EXPECT_GT(municipalities.size(), 60u);
}
