// Properties of the query on generated national networks and cases, with the real default
// Lua rule set: what must hold for every case, whatever the data.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/case_json.hpp"
#include "core/engine.hpp"
#include "providers/generator.hpp"
#include "plugins/lua_host.hpp"
#include "tests/support/bundled_data.hpp"
#include "tests/support/paths.hpp"

using namespace passend;

namespace {
const std::string kSource = PASSEND_SOURCE_DIR;
const Date kToday = *Date::parse("2026-11-26");

using passend::testing::regions;
using passend::testing::vocabulary;

struct Generated {
  std::vector<Case> cases;
  ProviderNetwork network;
};

Generated generated(std::uint64_t seed, int offerings, int cases) {
  Generated run;
  run.network = generate_network(regions(), vocabulary(), seed, offerings, kToday);
  auto docs = generate_cases(regions(), vocabulary(), seed, cases, kToday);
  for (const auto& doc : docs) run.cases.push_back(parse_case(doc, "generated", vocabulary(), regions()));
  return run;
}

bool asked(const Case& c, const std::string& care_form) {
  return std::find(c.care_forms.begin(), c.care_forms.end(), care_form) != c.care_forms.end();
}

bool maatwerk_only(const CandidateResult& e) { return !e.verdict.lifted.empty(); }

// The tier with region and adjacent as one step (the default home_like_within).
int near_group(Tier t) { return t == Tier::adjacent ? 0 : static_cast<int>(t); }

// `b` ranks right after `a`: nothing of the v2 order may be turned round.
void check_order(const CandidateResult& a, const CandidateResult& b) {
  const std::string& id = b.facts.offering->id;
  EXPECT_FALSE(!a.facts.timely && b.facts.timely) << id << ": timely after not timely";
  if (a.facts.timely != b.facts.timely) return;
  EXPECT_FALSE(maatwerk_only(a) && !maatwerk_only(b)) << id << ": contracted after maatwerk-only";
  if (maatwerk_only(a) != maatwerk_only(b) || a.verdict.exempt || b.verdict.exempt) return;
  EXPECT_LE(near_group(a.facts.tier), near_group(b.facts.tier)) << id << " ranks before a nearer tier";
  if (near_group(a.facts.tier) != near_group(b.facts.tier)) return;
  EXPECT_LE(a.facts.care_form_rank, b.facts.care_form_rank) << id << ": a more home-like care form comes later";
  if (a.facts.care_form_rank != b.facts.care_form_rank) return;
  EXPECT_LE(static_cast<int>(a.facts.tier), static_cast<int>(b.facts.tier)) << id << ": same care form, a nearer tier later";
}

// Gaps are counted over contracted candidates (maatwerk hides none): for regular care in the own
// region, for exempt care anywhere (scope national).
void check_gap(const QueryResult& r) {
  const bool exempt_need = r.plan_a ? r.evaluated[*r.plan_a].verdict.exempt : false;
  std::size_t supply = 0, timely = 0;
  for (auto i : r.candidates) {
    const auto& e = r.evaluated[i];
    if (maatwerk_only(e)) continue;
    const bool counts = exempt_need ? e.verdict.exempt : e.facts.tier == Tier::region && !e.verdict.exempt;
    if (!counts) continue;
    ++supply;
    if (e.facts.timely) ++timely;
  }
  if (r.gap) {
    // With no plan A at all the rule decides the scope from what it evaluated; with one, its kind.
    if (r.plan_a) {
      EXPECT_EQ(r.gap->scope, exempt_need ? "national" : "region");
    }
    if (r.gap->kind == "absent") {
      EXPECT_EQ(supply, 0u);
    } else if (r.gap->kind == "no_capacity") {
      EXPECT_GT(supply, 0u);
      EXPECT_EQ(timely, 0u);
    } else {
      ADD_FAILURE() << "unknown gap kind " << r.gap->kind;
    }
    return;
  }
  // No gap: something counted is timely, or (with nothing at all) the gap rule said why not.
  const bool explained = std::any_of(r.plan_notes.begin(), r.plan_notes.end(), [](const Reason& n) { return n.rule == "gap"; });
  EXPECT_TRUE(timely > 0 || explained) << "no gap although nothing counted is timely";
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

  // Plan A is the first candidate (no case holds a reserved place here); plan B is another provider.
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

  // The order of the default rules: (1) timely before not, (2) contracted before admitted only
  // by maatwerk, (3) the tier, region and adjacent counting as one, (4) the most home-like care
  // form, (5) the tier. Exempt care is ordered by distance, not by tier.
  const CandidateResult* previous = nullptr;
  for (auto i : r.candidates) {
    const auto& e = r.evaluated[i];
    if (previous) check_order(*previous, e);
    previous = &e;
  }
  check_gap(r);
}
}  // namespace

class GeneratedNetworks : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(GeneratedNetworks, EveryCaseSatisfiesTheProperties) {
  const Generated run = generated(GetParam(), 3000, 25);
  auto rules = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  for (const auto& c : run.cases) {
    QueryResult r = run_query(c, run.network, regions(), vocabulary(), *rules, kToday);
    check_properties(c, run.network, r);
    if (HasFailure()) return;  // one broken case says enough
  }
}

TEST_P(GeneratedNetworks, IdenticalRunsGiveIdenticalResults) {
  const Generated run = generated(GetParam(), 3000, 10);
  auto first = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  auto second = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  for (const auto& c : run.cases) {
    auto a = result_to_json(run_query(c, run.network, regions(), vocabulary(), *first, kToday), vocabulary());
    auto b = result_to_json(run_query(c, run.network, regions(), vocabulary(), *second, kToday), vocabulary());
    // The same host again, after other queries: no state leaks from one query into the next.
    auto c2 = result_to_json(run_query(c, run.network, regions(), vocabulary(), *first, kToday), vocabulary());
    EXPECT_EQ(a.dump(), b.dump()) << c.id;
    EXPECT_EQ(a.dump(), c2.dump()) << c.id;
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, GeneratedNetworks, ::testing::Values(1u, 42u, 2026u));
