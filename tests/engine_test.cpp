// The matching engine's own mechanics, with a scripted rule host instead of Lua: the facts it
// prepares (tier, distance, contract status, timeliness), ranking, the bridging pool, and the
// JSON shape (docs/formats.md).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/case_json.hpp"
#include "core/engine.hpp"
#include "core/errors.hpp"
#include "tests/support/scripted_rules.hpp"

using namespace passend;
using namespace passend::testing_support;
using ::testing::ElementsAre;

namespace {

const Date kToday = *Date::parse("2026-11-26");

}  // namespace

TEST(Engine, PreparesTierDistanceAndTimelinessFacts) {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", 1, 0)}, {contract("JZ21", "verblijf")}));
  net.providers.push_back(provider("p2", "GM0307", {offering("p2-kw", "small_scale_living", 0, 3)}, {contract("JZ21", "verblijf")}));
  net.providers.push_back(provider("p3", "GM0197", {offering("p3-kw", "small_scale_living", 0, 20)}, {contract("EXN03", "verblijf")}));
  ScriptedRules rules;
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  ASSERT_EQ(r.evaluated.size(), 3u);
  const auto* p1 = r.find_offering("p1-kw");
  const auto* p2 = r.find_offering("p2-kw");
  const auto* p3 = r.find_offering("p3-kw");
  EXPECT_EQ(p1->facts.tier, Tier::region);
  EXPECT_EQ(p2->facts.tier, Tier::adjacent);  // Amersfoort, Eemland borders Food Valley
  EXPECT_EQ(p3->facts.tier, Tier::network);   // Aalten, Achterhoek: BOEG
  EXPECT_DOUBLE_EQ(p1->facts.distance_km, 0.0);
  EXPECT_NEAR(p2->facts.distance_km, 25.8, 1.0);
  EXPECT_TRUE(p1->facts.timely);   // a free place
  EXPECT_TRUE(p2->facts.timely);   // 3 weeks <= 4
  EXPECT_FALSE(p3->facts.timely);  // 20 weeks
  EXPECT_EQ(p1->facts.capacity_age_days, 6);
  EXPECT_EQ(p3->facts.contract, ContractStatus::active);
  EXPECT_EQ(p3->facts.contract_via, "network");
  EXPECT_EQ(p1->facts.lot, "verblijf");
}

struct ContractRow {
  const char* label;
  Contract contract;
  ContractStatus expected;
};

class ContractStatusTable : public ::testing::TestWithParam<ContractRow> {};

TEST_P(ContractStatusTable, OnTheReferenceDate) {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", 1, 0)}, {GetParam().contract}));
  ScriptedRules rules;
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  EXPECT_EQ(contract_status_name(r.evaluated.at(0).facts.contract), std::string(contract_status_name(GetParam().expected)));
}

INSTANTIATE_TEST_SUITE_P(
    Contracts, ContractStatusTable,
    ::testing::Values(ContractRow{"active", contract("JZ21", "verblijf"), ContractStatus::active},
                      ContractRow{"network", contract("EXN03", "verblijf"), ContractStatus::active},
                      ContractRow{"other_network", contract("EXN04", "verblijf"), ContractStatus::none},
                      ContractRow{"other_region", contract("JZ20", "verblijf"), ContractStatus::none},
                      ContractRow{"wrong_lot", contract("JZ21", "ambulant"), ContractStatus::wrong_lot},
                      ContractRow{"suspended", contract("JZ21", "verblijf", "suspended"), ContractStatus::suspended},
                      ContractRow{"ended", contract("JZ21", "verblijf", "ended"), ContractStatus::ended},
                      ContractRow{"expired", contract("JZ21", "verblijf", "active", "2020-01-01", "2025-12-31"), ContractStatus::expired},
                      ContractRow{"not_started", contract("JZ21", "verblijf", "active", "2027-01-01", "2028-12-31"), ContractStatus::not_started},
                      ContractRow{"last_day", contract("JZ21", "verblijf", "active", "2020-01-01", "2026-11-26"), ContractStatus::active}),
    [](const auto& info) { return std::string(info.param.label); });

TEST(Engine, RanksByOrderKeysThenScoreThenIds) {
  ProviderNetwork net;
  for (const char* id : {"p4", "p2", "p3", "p1"})
    net.providers.push_back(provider(id, "GM0228", {offering(std::string(id) + "-kw", "small_scale_living", 1, 0)}, {}));
  ScriptedRules rules;
  rules.keys = [](const CandidateFacts& c) { return std::vector<double>{c.provider->id == "p4" ? 0.0 : 1.0}; };
  rules.score = [](const CandidateFacts& c) { return c.provider->id == "p3" ? 10.0 : 0.0; };
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  std::vector<std::string> order;
  for (auto i : r.candidates) order.push_back(r.evaluated[i].facts.provider->id);
  EXPECT_THAT(order, ElementsAre("p4", "p3", "p1", "p2"));
  EXPECT_EQ(r.evaluated[r.candidates[0]].rank, 1);
  EXPECT_EQ(r.evaluated[*r.plan_a].facts.provider->id, "p4");
}

TEST(Engine, ExcludedOfferingsAreListedNotRanked) {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", 1, 0)}, {}));
  net.providers.push_back(provider("p2", "GM0228", {offering("p2-kw", "small_scale_living", 1, 0)}, {}));
  ScriptedRules rules;
  rules.filter = [](const CandidateFacts& c) -> std::optional<Exclusion> {
    if (c.provider->id == "p1") return Exclusion{"rejected_before", "rejected", "heeft deze jeugdige eerder afgewezen"};
    return std::nullopt;
  };
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  ASSERT_EQ(r.candidates.size(), 1u);
  ASSERT_EQ(r.excluded.size(), 1u);
  auto j = result_to_json(r, vocabulary());
  EXPECT_EQ(j["excluded"][0]["offering"], "p1-kw");
  EXPECT_EQ(j["excluded"][0]["rule"], "rejected_before");
  EXPECT_EQ(j["excluded"][0]["code"], "rejected");
  EXPECT_EQ(j["excluded"][0]["text"], "heeft deze jeugdige eerder afgewezen");
  EXPECT_EQ(j["candidates"][0]["offering"], "p2-kw");
}

TEST(Engine, OnlyAskedCareFormsAndTheBridgingPoolAreEvaluated) {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228",
                                   {offering("p1-kw", "small_scale_living", 0, 30), offering("p1-amb", "ambulant_intensive", 2, 0),
                                    offering("p1-res", "residential", 1, 0), offering("p1-amb-young", "ambulant", 2, 0, 0, 11)},
                                   {}));
  ScriptedRules rules;
  rules.pool = {"ambulant", "ambulant_intensive"};
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  std::vector<std::string> ids;
  for (const auto& e : r.evaluated) ids.push_back(e.facts.offering->id + (e.facts.bridging_pool ? "(pool)" : ""));
  // residential was not asked; the ambulant offering for ages 0-11 cannot bridge a 15-year-old.
  EXPECT_THAT(ids, ElementsAre("p1-kw", "p1-amb(pool)"));
  ASSERT_EQ(r.candidates.size(), 1u) << "pool offerings never show as candidates";
  EXPECT_EQ(rules.ranked_seen.size(), 2u) << "the plan rules see the pool";
}

namespace {

// Ede: one kleinschalig wonen place (free or waiting), intensive ambulant help in Ede (region),
// in Harderwijk (Noord-Veluwe, adjacent) and in Groningen (national).
ProviderNetwork pool_network(int kw_free, int kw_wait) {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", kw_free, kw_wait)}, {}));
  net.providers.push_back(provider("p2", "GM0228", {offering("p2-amb", "ambulant_intensive", 2, 0)}, {}));
  net.providers.push_back(provider("p3", "GM0243", {offering("p3-amb", "ambulant_intensive", 2, 0)}, {}));
  net.providers.push_back(provider("p4", "GM0014", {offering("p4-amb", "ambulant_intensive", 2, 0)}, {}));
  return net;
}

std::vector<std::string> evaluated_ids(const QueryResult& r) {
  std::vector<std::string> ids;
  for (const auto& e : r.evaluated) ids.push_back(e.facts.offering->id);
  return ids;
}

BridgingPoolPolicy when_needed(std::vector<Tier> tiers = {}) { return {true, std::move(tiers)}; }

}  // namespace

TEST(BridgingPool, WithATimelyPlanAThePoolIsNotEvaluated) {
  ScriptedRules rules;
  rules.pool = {"ambulant_intensive"};
  rules.policy = when_needed();
  const auto net = pool_network(1, 0);  // results point into the network: keep it
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  EXPECT_THAT(evaluated_ids(r), ElementsAre("p1-kw"));
  EXPECT_THAT(rules.batch_sizes, ElementsAre(1u)) << "one round";
  EXPECT_EQ(r.plan_a, 0u);
}

TEST(BridgingPool, WhenNothingAskedIsTimelyThePoolComesInTheFirstRound) {
  ScriptedRules rules;
  rules.pool = {"ambulant_intensive"};
  rules.policy = when_needed();
  const auto net = pool_network(0, 30);
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  EXPECT_THAT(evaluated_ids(r), ElementsAre("p1-kw", "p2-amb", "p3-amb", "p4-amb"));
  EXPECT_THAT(rules.batch_sizes, ElementsAre(4u)) << "plan A cannot be timely: no second round";
}

TEST(BridgingPool, WhenTheRulesChooseAnUntimelyPlanAASecondRoundAddsThePool) {
  ScriptedRules rules;
  rules.pool = {"ambulant_intensive"};
  rules.policy = when_needed();
  auto net = pool_network(0, 30);
  net.providers.push_back(provider("p0", "GM0228", {offering("p0-kw", "small_scale_living", 1, 0)}, {}));
  rules.filter = [](const CandidateFacts& c) {
    return c.provider->id == "p0" ? std::optional<Exclusion>(Exclusion{"rejected_before", "rejected", "afgewezen"})
                                  : std::nullopt;
  };
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  EXPECT_THAT(rules.batch_sizes, ElementsAre(2u, 5u)) << "the asked care forms, then everything again";
  EXPECT_EQ(r.evaluated.size(), 5u);
  EXPECT_EQ(rules.ranked_seen.size(), 4u) << "the plan rules of the second round see the pool";
  ASSERT_TRUE(r.plan_a);
  EXPECT_EQ(r.evaluated[*r.plan_a].facts.offering->id, "p1-kw");
}

TEST(BridgingPool, TiersLimitWhereThePoolComesFromButNotTheAskedCareForms) {
  ScriptedRules rules;
  rules.pool = {"ambulant_intensive"};
  rules.policy = when_needed({Tier::region, Tier::adjacent, Tier::network});
  const auto net = pool_network(0, 30);
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  EXPECT_THAT(evaluated_ids(r), ElementsAre("p1-kw", "p2-amb", "p3-amb")) << "Groningen is national";

  Case asks_ambulant = ede_case();
  asks_ambulant.care_forms.push_back("ambulant_intensive");
  auto asked = run_query(asks_ambulant, net, graph(), vocabulary(), rules, kToday);
  EXPECT_THAT(evaluated_ids(asked), ElementsAre("p1-kw", "p2-amb", "p3-amb", "p4-amb"));
  EXPECT_EQ(asked.candidates.size(), 4u);
}

// The same advice as evaluating the pool every time, whichever round decides.
TEST(BridgingPool, TheAdviceIsTheSameAsWithThePoolAlwaysEvaluated) {
  for (auto [free, wait] : {std::pair{1, 0}, std::pair{0, 3}, std::pair{0, 30}}) {
    ScriptedRules always, lazy;
    always.pool = lazy.pool = {"ambulant_intensive"};
    lazy.policy = when_needed();
    const auto net = pool_network(free, wait);
    const auto a = result_to_json(run_query(ede_case(), net, graph(), vocabulary(), always, kToday), vocabulary());
    const auto b = result_to_json(run_query(ede_case(), net, graph(), vocabulary(), lazy, kToday), vocabulary());
    EXPECT_EQ(a.dump(), b.dump()) << "free " << free << ", wait " << wait;
  }
}

namespace {
ProviderNetwork contracted_and_not() {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", 1, 0)}, {contract("JZ21", "verblijf")}));
  net.providers.push_back(provider("p2", "GM0228", {offering("p2-kw", "small_scale_living", 1, 0, 0, 11)}, {}));
  net.providers.push_back(provider("p3", "GM0228", {offering("p3-kw", "small_scale_living", 1, 0)}, {}));
  return net;
}

void no_contract_prerequisite(ScriptedRules& rules) {
  rules.prerequisite = [](const CandidateFacts& c) {
    return c.contract == ContractStatus::active ? std::nullopt
                                                : std::optional<Exclusion>(Exclusion{"contracted_only", "no_contract", "geen contract"});
  };
  rules.filter = [](const CandidateFacts& c) {  // a later filter: too young for p2-kw
    return c.offering->age_max < 15 ? std::optional<Exclusion>(Exclusion{"age_range", "age", "te jong"}) : std::nullopt;
  };
}
}  // namespace

TEST(Prerequisites, SettledOfferingsReachNoOtherRuleAndAreListedWithTheirExclusion) {
  ScriptedRules rules;
  no_contract_prerequisite(rules);
  const auto net = contracted_and_not();
  auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  EXPECT_EQ(rules.prefilter_calls, 1);
  EXPECT_THAT(rules.batch_sizes, ElementsAre(1u)) << "only p1-kw is evaluated by the rules";
  EXPECT_EQ(rules.ranked_seen, std::vector<std::size_t>{0}) << "the plan phase sees the evaluated batch";
  auto j = result_to_json(r, vocabulary());
  ASSERT_EQ(j["excluded"].size(), 2u);
  EXPECT_EQ(j["excluded"][0]["offering"], "p2-kw");
  EXPECT_EQ(j["excluded"][0]["code"], "no_contract");
  EXPECT_EQ(j["excluded"][0]["exclusions"].size(), 1u) << "the later filter never ran on it";
  EXPECT_EQ(j["excluded"][1]["offering"], "p3-kw");
  ASSERT_EQ(j["candidates"].size(), 1u);
  EXPECT_EQ(j["plan_a"]["offering"], "p1-kw");
}

TEST(Prerequisites, WithMaatwerkEveryOfferingMeetsEveryRule) {
  ScriptedRules rules;
  no_contract_prerequisite(rules);
  Case c = ede_case();
  c.maatwerk = Maatwerk{"RET Food Valley", kToday, "zeer specialistische zorg", {"non_contracted"}};
  const auto net = contracted_and_not();
  auto r = run_query(c, net, graph(), vocabulary(), rules, kToday);
  EXPECT_EQ(rules.prefilter_calls, 0);
  EXPECT_THAT(rules.batch_sizes, ElementsAre(3u));
  const auto* young = r.find_offering("p2-kw");
  ASSERT_NE(young, nullptr);
  ASSERT_EQ(young->verdict.exclusions.size(), 1u);
  EXPECT_EQ(young->verdict.exclusions[0].code, "age");
}

TEST(Prerequisites, TheAdviceIsTheSameWithAndWithoutThem) {
  ScriptedRules with, without;
  no_contract_prerequisite(with);
  without.filter = [](const CandidateFacts& c) {
    if (c.contract != ContractStatus::active) return std::optional<Exclusion>(Exclusion{"contracted_only", "no_contract", "geen contract"});
    return c.offering->age_max < 15 ? std::optional<Exclusion>(Exclusion{"age_range", "age", "te jong"}) : std::nullopt;
  };
  const auto net = contracted_and_not();
  auto a = result_to_json(run_query(ede_case(), net, graph(), vocabulary(), with, kToday), vocabulary());
  auto b = result_to_json(run_query(ede_case(), net, graph(), vocabulary(), without, kToday), vocabulary());
  EXPECT_EQ(a["candidates"], b["candidates"]);
  EXPECT_EQ(a["plan_a"], b["plan_a"]);
  for (std::size_t i = 0; i < 2; ++i)
    for (const char* field : {"offering", "rule", "code", "text"}) EXPECT_EQ(a["excluded"][i][field], b["excluded"][i][field]);
}

TEST(Engine, JsonHasTheContractFields) {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", 1, 0)}, {contract("JZ21", "verblijf")}));
  ScriptedRules rules;
  auto j = result_to_json(run_query(ede_case(), net, graph(), vocabulary(), rules, kToday), vocabulary());
  EXPECT_EQ(j["case"], "2026-FV-001");
  EXPECT_EQ(j["region"], (nlohmann::ordered_json{{"code", "JZ21"}, {"name", "Food Valley"}, {"network", "EXN03"}}));
  EXPECT_EQ(j["reference_date"], "2026-11-26");
  EXPECT_EQ(j["ruleset"]["name"], "scripted");
  const auto& c = j["candidates"][0];
  for (const char* field : {"rank", "provider", "location", "offering", "care_form", "tier", "region", "contracted", "maatwerk",
                            "supra_regional", "free", "wait_weeks", "timely", "stale", "distance_km", "score", "reasons"})
    EXPECT_TRUE(c.contains(field)) << field;
  EXPECT_EQ(c["tier"], "region");
  EXPECT_EQ(c["contracted"], true);
  EXPECT_EQ(j["plan_a"]["offering"], "p1-kw");
  EXPECT_EQ(j["plan_a"]["rank"], 1);
  EXPECT_TRUE(j["plan_b"].is_null());
  EXPECT_TRUE(j["bridging"].is_null());
  EXPECT_TRUE(j["gap"].is_null());
}

TEST(Engine, SameInputGivesTheSameBytes) {
  ProviderNetwork net;
  for (const char* id : {"b", "a", "c"})
    net.providers.push_back(provider(id, "GM0203", {offering(std::string(id) + "-x", "small_scale_living", 0, 5)}, {}));
  ScriptedRules r1, r2;
  auto a = result_to_json(run_query(ede_case(), net, graph(), vocabulary(), r1, kToday), vocabulary()).dump();
  auto b = result_to_json(run_query(ede_case(), net, graph(), vocabulary(), r2, kToday), vocabulary()).dump();
  EXPECT_EQ(a, b);
}
