// Properties of the query on generated national networks and cases, with the real default
// Lua rule set: what must hold for every case, whatever the data.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/case_json.hpp"
#include "core/engine.hpp"
#include "providers/generator.hpp"
#include "plugins/lua_host.hpp"

using namespace passend;

namespace {
const std::string kSource = PASSEND_SOURCE_DIR;
const Date kToday = *Date::parse("2026-11-26");

struct World {
  RegionGraph regions{RegionData::load_bundled(kSource + "/data")};
  Vocabulary vocabulary = Vocabulary::load(kSource + "/data");
};
const World& world() {
  static const World w;
  return w;
}

struct Generated {
  std::vector<Case> cases;
  ProviderNetwork network;
};

Generated generated(std::uint64_t seed, int offerings, int cases) {
  Generated run;
  run.network = generate_network(world().regions, world().vocabulary, seed, offerings, kToday);
  auto docs = generate_cases(world().regions, world().vocabulary, seed, cases, kToday);
  for (const auto& doc : docs) run.cases.push_back(parse_case(doc, "generated", world().vocabulary, world().regions));
  return run;
}

bool asked(const Case& c, const std::string& care_form) {
  return std::find(c.care_forms.begin(), c.care_forms.end(), care_form) != c.care_forms.end();
}

void check_properties(const Case& c, const ProviderNetwork& network, const QueryResult& r) {
  SCOPED_TRACE("case " + c.id);
  // Every offering of an asked care form is a candidate or excluded, never both.
  std::set<std::string> candidates, excluded;
  for (auto i : r.candidates) candidates.insert(r.evaluated[i].facts.offering->id);
  for (auto i : r.excluded) excluded.insert(r.evaluated[i].facts.offering->id);
  std::size_t relevant = 0;
  for (const auto& p : network.providers)
    for (const auto& l : p.locations)
      for (const auto& o : l.offerings)
        if (asked(c, o.care_form)) {
          ++relevant;
          EXPECT_NE(candidates.count(o.id) + excluded.count(o.id), 0u) << o.id << " is neither candidate nor excluded";
          EXPECT_FALSE(candidates.count(o.id) && excluded.count(o.id)) << o.id << " is both";
        }
  EXPECT_EQ(candidates.size() + excluded.size(), relevant);
  for (auto i : r.candidates) EXPECT_FALSE(r.evaluated[i].verdict.excluded());
  for (auto i : r.excluded) EXPECT_FALSE(r.evaluated[i].verdict.exclusions.empty());

  // Plan A is the first candidate; plan B is another provider.
  if (!r.candidates.empty()) {
    ASSERT_TRUE(r.plan_a);
    EXPECT_EQ(*r.plan_a, r.candidates.front());
  } else {
    EXPECT_FALSE(r.plan_a);
  }
  if (r.plan_b) {
    ASSERT_TRUE(r.plan_a);
    EXPECT_NE(r.evaluated[*r.plan_b].facts.provider->id, r.evaluated[*r.plan_a].facts.provider->id);
  }

  // Bridging only when plan A is not timely; a bridging offer is timely and ambulant.
  if (r.bridging) {
    EXPECT_TRUE(!r.plan_a || !r.evaluated[*r.plan_a].facts.timely);
    const auto& b = r.evaluated[*r.bridging];
    EXPECT_TRUE(b.facts.timely);
    EXPECT_TRUE(b.facts.offering->care_form == "ambulant" || b.facts.offering->care_form == "ambulant_intensive");
  }

  // Among candidates of equal timeliness, a later tier never comes before an earlier one
  // (exempt care aside: there, only distance counts).
  for (bool timely : {true, false}) {
    int last_tier = -1;
    for (auto i : r.candidates) {
      const auto& e = r.evaluated[i];
      if (e.facts.timely != timely || e.verdict.exempt) continue;
      int tier = static_cast<int>(e.facts.tier);
      EXPECT_GE(tier, last_tier) << e.facts.offering->id << " ranks before an earlier tier";
      last_tier = std::max(last_tier, tier);
    }
  }
  // Timely candidates all come before the ones that are not.
  bool seen_untimely = false;
  for (auto i : r.candidates) {
    if (!r.evaluated[i].facts.timely) seen_untimely = true;
    else EXPECT_FALSE(seen_untimely) << r.evaluated[i].facts.offering->id;
  }

  // A gap means the own region has nothing timely (or nothing at all) outside exempt care.
  std::size_t in_region = 0, in_region_timely = 0;
  bool exempt_plan_a = r.plan_a && r.evaluated[*r.plan_a].verdict.exempt;
  for (auto i : r.candidates) {
    const auto& e = r.evaluated[i];
    if (e.facts.tier == Tier::region && !e.verdict.exempt) {
      ++in_region;
      if (e.facts.timely) ++in_region_timely;
    }
  }
  if (r.gap) {
    EXPECT_FALSE(exempt_plan_a);
    if (r.gap->kind == "absent") EXPECT_EQ(in_region, 0u);
    else if (r.gap->kind == "no_capacity") {
      EXPECT_GT(in_region, 0u);
      EXPECT_EQ(in_region_timely, 0u);
    } else {
      ADD_FAILURE() << "unknown gap kind " << r.gap->kind;
    }
  } else if (!exempt_plan_a) {
    EXPECT_GT(in_region_timely, 0u) << "no gap although the region has nothing timely";
  }
}
}  // namespace

class GeneratedNetworks : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(GeneratedNetworks, EveryCaseSatisfiesTheProperties) {
  const Generated run = generated(GetParam(), 3000, 25);
  auto rules = LuaRuleHost::load(kSource + "/rules/default", world().vocabulary);
  for (const auto& c : run.cases) {
    QueryResult r = run_query(c, run.network, world().regions, world().vocabulary, *rules, kToday);
    check_properties(c, run.network, r);
    if (HasFailure()) return;  // one broken case says enough
  }
}

TEST_P(GeneratedNetworks, IdenticalRunsGiveIdenticalResults) {
  const Generated run = generated(GetParam(), 3000, 10);
  auto first = LuaRuleHost::load(kSource + "/rules/default", world().vocabulary);
  auto second = LuaRuleHost::load(kSource + "/rules/default", world().vocabulary);
  for (const auto& c : run.cases) {
    auto a = result_to_json(run_query(c, run.network, world().regions, world().vocabulary, *first, kToday), world().vocabulary);
    auto b = result_to_json(run_query(c, run.network, world().regions, world().vocabulary, *second, kToday), world().vocabulary);
    // The same host again, after other queries: no state leaks from one query into the next.
    auto c2 = result_to_json(run_query(c, run.network, world().regions, world().vocabulary, *first, kToday), world().vocabulary);
    EXPECT_EQ(a.dump(), b.dump()) << c.id;
    EXPECT_EQ(a.dump(), c2.dump()) << c.id;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, GeneratedNetworks, ::testing::Values(1u, 42u, 2026u));
