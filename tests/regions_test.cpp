// The real Dutch geography: the checks of the foundation issue, on the bundled data.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/regions.hpp"
#include "tests/support/paths.hpp"

using namespace passend;

namespace {
const RegionGraph& graph() {
  static const RegionGraph g(RegionData::load_bundled(std::string(PASSEND_SOURCE_DIR + "/data")));
  return g;
}
}  // namespace

TEST(Regions, BundledDataHasTheRealCounts) {
  const auto& d = graph().data();
  EXPECT_EQ(d.municipalities.size(), 342u);
  EXPECT_EQ(d.regions.size(), 42u);
  EXPECT_EQ(d.networks.size(), 8u);
  EXPECT_EQ(d.borders.size(), 93u);
  EXPECT_EQ(graph().region("JZ40"), nullptr) << "JZ40 does not exist in 2024";
}

TEST(Regions, EdeIsInFoodValleyInBoeg) {
  const Municipality* ede = graph().municipality("GM0228");
  ASSERT_NE(ede, nullptr);
  EXPECT_EQ(ede->name, "Ede");
  EXPECT_EQ(ede->region, "JZ21");
  const Region* fv = graph().region("JZ21");
  ASSERT_NE(fv, nullptr);
  EXPECT_EQ(fv->name, "Food Valley");
  EXPECT_EQ(fv->network, "EXN03");
  EXPECT_NE(graph().network("EXN03")->name.find("BOEG"), std::string::npos);
}

TEST(Regions, Borders) {
  EXPECT_TRUE(graph().adjacent("JZ21", "JZ28"));
  EXPECT_TRUE(graph().adjacent("JZ28", "JZ21"));
  EXPECT_FALSE(graph().adjacent("JZ21", "JZ25"));
}

struct TierRow {
  const char* from;
  const char* to;
  Tier expected;
};

void PrintTo(const TierRow& row, std::ostream* os) { *os << row.from << "->" << row.to; }

class TierTable : public ::testing::TestWithParam<TierRow> {};

TEST_P(TierTable, TierOfALocationRegionSeenFromTheCaseRegion) {
  const auto& row = GetParam();
  EXPECT_EQ(tier_name(graph().tier(row.from, row.to)), std::string(tier_name(row.expected)))
      << row.from << " -> " << row.to;
}

INSTANTIATE_TEST_SUITE_P(FoodValley, TierTable,
                         ::testing::Values(TierRow{"JZ21", "JZ21", Tier::region},  // own region
                                           TierRow{"JZ21", "JZ20", Tier::adjacent},  // Eemland borders Food Valley
                                           TierRow{"JZ21", "JZ28", Tier::adjacent},  // Centraal Gelderland
                                           TierRow{"JZ21", "JZ25", Tier::network},   // Achterhoek: BOEG, no border
                                           TierRow{"JZ21", "JZ05", Tier::national},  // West-Friesland
                                           TierRow{"JZ20", "JZ25", Tier::national}),
                         [](const auto& info) { return std::string(info.param.from) + "_" + info.param.to; });

TEST(Regions, EveryMunicipalityHasExactlyOneKnownRegion) {
  std::set<std::string> codes;
  for (const auto& m : graph().data().municipalities) {
    EXPECT_TRUE(codes.insert(m.code).second) << "duplicate " << m.code;
    EXPECT_NE(graph().region(m.region), nullptr) << m.code;
  }
}

TEST(Regions, EveryRegionHasOneKnownNetwork) {
  std::map<std::string, int> per_network;
  for (const auto& r : graph().data().regions) {
    ASSERT_NE(graph().network(r.network), nullptr) << r.code;
    ++per_network[r.network];
  }
  EXPECT_EQ(per_network.size(), 8u);
  EXPECT_EQ(per_network["EXN03"], 7) << "BOEG is the G7 of Gelderland";
}

TEST(Regions, AdjacencyIsSymmetric) {
  for (const auto& a : graph().data().regions)
    for (const auto& b : graph().data().regions)
      EXPECT_EQ(graph().adjacent(a.code, b.code), graph().adjacent(b.code, a.code)) << a.code << " " << b.code;
}

TEST(Regions, EdeAmersfoortDistanceMatchesTheCentroids) {
  // Centroids: Ede 52.0757,5.72737; Amersfoort 52.17428,5.38411 -> about 25.8 km.
  double km = graph().distance_km("GM0228", "GM0307");
  EXPECT_NEAR(km, great_circle_km(52.0757, 5.72737, 52.17428, 5.38411), 1e-9);
  EXPECT_NEAR(km, 25.8, 1.0);
  EXPECT_DOUBLE_EQ(graph().distance_km("GM0228", "GM0228"), 0.0);
}

TEST(Regions, LadderStartsAtHomeThenNeighboursThenFurther) {
  auto ladder = graph().ladder("JZ21");
  ASSERT_EQ(ladder.size(), 42u);
  EXPECT_EQ(ladder[0].region, "JZ21");
  EXPECT_EQ(ladder[0].hops, 0);
  std::set<std::string> first_ring;
  for (const auto& step : ladder)
    if (step.hops == 1) first_ring.insert(step.region);
  EXPECT_EQ(first_ring, (std::set<std::string>{"JZ12", "JZ17", "JZ20", "JZ23", "JZ28", "JZ30"}));
  EXPECT_TRUE(std::is_sorted(ladder.begin(), ladder.end(), [](const LadderStep& a, const LadderStep& b) {
    return std::tie(a.hops, a.km) < std::tie(b.hops, b.km);
  }));
  for (std::size_t i = 1; i < ladder.size(); ++i) EXPECT_GT(ladder[i].hops, 0);
}
