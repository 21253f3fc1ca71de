// The facts the engine prepares for v2 advice, with a scripted rule host (no Lua): timeliness
// with an unknown wait and the default max wait per urgency, identity mismatch, the network that
// coordinates a scarce place, the case's own reservation, and the notes a RET member must see.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "core/engine.hpp"
#include "tests/support/scripted_rules.hpp"

using namespace passend;
using namespace passend::testing_support;
using ::testing::ElementsAre;

namespace {

const Date kToday = *Date::parse("2026-11-26");

std::vector<std::string> codes(const std::vector<Note>& notes) {
  std::vector<std::string> out;
  for (const auto& n : notes) out.push_back(n.code);
  return out;
}

}  // namespace

// One behaviour, one row per case: when is a place timely?
struct TimelyRow {
  const char* label;
  int free, wait;
  std::optional<int> max_wait;  // the case's own
  const char* urgency;
  bool timely, wait_unknown;
};

class Timeliness : public ::testing::TestWithParam<TimelyRow> {};

TEST_P(Timeliness, FollowsFreePlacesKnownWaitsAndTheDefaultForTheUrgency) {
  const TimelyRow& row = GetParam();
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", row.free, row.wait)},
                                   {contract("JZ21", "verblijf")}));
  Case c = ede_case();
  c.max_wait_weeks = row.max_wait;
  c.urgency = row.urgency;
  ScriptedRules rules;
  rules.max_wait = DefaultMaxWait{0, 2, 6};
  const auto r = run_query(c, net, graph(), vocabulary(), rules, kToday);
  const auto& f = r.evaluated.at(0).facts;
  EXPECT_EQ(f.timely, row.timely);
  EXPECT_EQ(f.wait_unknown, row.wait_unknown);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Timeliness,
    ::testing::Values(TimelyRow{"free_place", 1, 0, 4, "high", true, false},
                      TimelyRow{"full_with_wait_0_is_unknown", 0, 0, 4, "high", false, true},
                      TimelyRow{"full_with_wait_0_even_with_max_0", 0, 0, 0, "high", false, true},
                      TimelyRow{"wait_within_own_max", 0, 3, 4, "normal", true, false},
                      TimelyRow{"wait_beyond_own_max", 0, 5, 4, "normal", false, false},
                      TimelyRow{"no_max_high_default_2", 0, 2, std::nullopt, "high", true, false},
                      TimelyRow{"no_max_high_default_2_exceeded", 0, 3, std::nullopt, "high", false, false},
                      TimelyRow{"no_max_crisis_default_0", 0, 1, std::nullopt, "crisis", false, false},
                      TimelyRow{"no_max_normal_default_6", 0, 6, std::nullopt, "normal", true, false},
                      TimelyRow{"own_max_wins_over_default", 0, 5, 8, "crisis", true, false}),
    [](const auto& info) { return std::string(info.param.label); });

TEST(EngineV2, TheDefaultMaxWaitIsTheRuleSetsAndTheResultSaysWhichApplied) {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", 0, 3)}, {contract("JZ21", "verblijf")}));
  Case c = ede_case();
  c.max_wait_weeks.reset();
  c.urgency = "high";
  ScriptedRules rules;
  rules.max_wait = DefaultMaxWait{0, 3, 6};  // this rule set lets a high-urgency case wait 3 weeks
  const auto r = run_query(c, net, graph(), vocabulary(), rules, kToday);
  EXPECT_TRUE(r.evaluated.at(0).facts.timely);
  const auto j = result_to_json(r, vocabulary());
  EXPECT_EQ(j["max_wait_weeks"], (nlohmann::ordered_json{{"weeks", 3}, {"source", "default"}}));
  EXPECT_THAT(codes(result_notes(r)), ElementsAre("default_max_wait"));
  EXPECT_EQ(j["notes"].back()["text"],
            "geen maximale wachttijd opgegeven: tijdig betekent hier binnen 3 weken, de standaard van de regelset bij deze urgentie");

  c.max_wait_weeks = 1;
  const auto own = run_query(c, net, graph(), vocabulary(), rules, kToday);
  EXPECT_FALSE(own.evaluated.at(0).facts.timely);
  EXPECT_TRUE(result_notes(own).empty());
}

struct IdentityRow {
  const char* label;
  const char* wanted;
  const char* offered;
  bool mismatch;
};

class IdentityMismatch : public ::testing::TestWithParam<IdentityRow> {};

TEST_P(IdentityMismatch, OnlyAnotherDeclaredIdentityIsAMismatch) {
  ProviderNetwork net;
  Offering o = offering("p1-pz", "small_scale_living", 1, 0);
  o.identity = GetParam().offered;
  net.providers.push_back(provider("p1", "GM0228", {o}, {contract("JZ21", "verblijf")}));
  Case c = ede_case();
  c.preferred_identity = GetParam().wanted;
  ScriptedRules rules;
  const auto r = run_query(c, net, graph(), vocabulary(), rules, kToday);
  EXPECT_EQ(r.evaluated.at(0).facts.identity_mismatch, GetParam().mismatch);
}

INSTANTIATE_TEST_SUITE_P(Rows, IdentityMismatch,
                         ::testing::Values(IdentityRow{"no_wish", "", "reformed", false},
                                           IdentityRow{"same", "islamic", "islamic", false},
                                           IdentityRow{"other", "islamic", "reformed", true},
                                           IdentityRow{"offering_general_is_neutral", "islamic", "general", false},
                                           IdentityRow{"offering_without_identity", "islamic", "", false},
                                           IdentityRow{"wish_general_offering_other", "general", "reformed", true}),
                         [](const auto& info) { return std::string(info.param.label); });

TEST(EngineV2, AScarcePlaceNamesTheNetworkThatCoordinatesIt) {
  ProviderNetwork net;
  Offering boeg = offering("boeg-res", "small_scale_living", 1, 0);
  boeg.supra_regional = true;
  Offering eemland = offering("eem-res", "small_scale_living", 1, 0);
  eemland.supra_regional = true;
  net.providers.push_back(provider("boeg", "GM0222", {boeg}, {contract("JZ21", "verblijf")}));  // Doetinchem, BOEG
  net.providers.push_back(provider("eem", "GM0307", {eemland}, {contract("JZ21", "verblijf")}));  // Amersfoort, Utrecht's network
  net.providers.push_back(provider("ede", "GM0228", {offering("ede-kw", "small_scale_living", 1, 0)}, {contract("JZ21", "verblijf")}));
  ScriptedRules rules;
  const auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  ASSERT_NE(r.find_offering("boeg-res")->facts.coordinated_by, nullptr);
  EXPECT_EQ(r.find_offering("boeg-res")->facts.coordinated_by->code, "EXN03");
  EXPECT_EQ(r.find_offering("eem-res")->facts.coordinated_by->code, "EXN04");
  EXPECT_EQ(r.find_offering("ede-kw")->facts.coordinated_by, nullptr);
  const auto j = result_to_json(r, vocabulary());
  std::map<std::string, nlohmann::ordered_json> by_offering;
  for (const auto& c : j["candidates"]) by_offering[c["offering"]] = c["coordinated_by"];
  EXPECT_EQ(by_offering["boeg-res"], "EXN03");
  EXPECT_EQ(by_offering["eem-res"], "EXN04");
  EXPECT_TRUE(by_offering["ede-kw"].is_null());
  const std::size_t boeg_index = static_cast<std::size_t>(r.find_offering("boeg-res") - r.evaluated.data());
  const auto notes = plan_notes(r, boeg_index, vocabulary());
  ASSERT_THAT(codes(notes), ElementsAre("coordinated_by"));
  EXPECT_EQ(notes[0].text,
            "bovenregionale plek van BOEG - bovenregionaal expertisenetwerk Gelderland (EXN03): aanvragen via de coördinator "
            "van het netwerk; dit advies reserveert de plek niet");
}

TEST(EngineV2, ThePlaceTheCaseHoldsIsMarkedAsItsOwn) {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", 1, 0)}, {contract("JZ21", "verblijf")}));
  net.providers.push_back(provider("p2", "GM0228", {offering("p2-kw", "small_scale_living", 1, 0)}, {contract("JZ21", "verblijf")}));
  HeldPlaces held;
  held.by_case = {"p2-kw"};
  ScriptedRules rules;
  const auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday, held);
  EXPECT_FALSE(r.find_offering("p1-kw")->facts.reserved_for_case);
  EXPECT_TRUE(r.find_offering("p2-kw")->facts.reserved_for_case);
  const std::size_t i = static_cast<std::size_t>(r.find_offering("p2-kw") - r.evaluated.data());
  EXPECT_THAT(codes(plan_notes(r, i, vocabulary())), ElementsAre("reserved_for_case"));
}

// One registry snapshot serves every query: places other cases hold lower the free count this
// query sees, and the network itself stays as it was for the next query.
TEST(EngineV2, PlacesHeldByOtherCasesAreNotFreeAndTheNetworkIsNotChanged) {
  ProviderNetwork net;
  net.providers.push_back(provider("p1", "GM0228", {offering("p1-kw", "small_scale_living", 2, 0)}, {contract("JZ21", "verblijf")}));
  net.providers.push_back(provider("p2", "GM0228", {offering("p2-kw", "small_scale_living", 1, 0)}, {contract("JZ21", "verblijf")}));
  const std::vector<PlaceReservation> reservations{
      {"other-1", "p1-kw", std::nullopt}, {"other-2", "p2-kw", kToday}, {"other-3", "p2-kw", kToday.plus_days(-1)}};
  ScriptedRules rules;
  const auto r = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday, held_places(reservations, kToday, "ede-1"));
  EXPECT_EQ(r.find_offering("p1-kw")->facts.offering->capacity.free, 1);
  EXPECT_EQ(r.find_offering("p2-kw")->facts.offering->capacity.free, 0) << "held until today: still held";
  EXPECT_FALSE(r.find_offering("p2-kw")->facts.timely);
  EXPECT_EQ(net.providers[0].locations[0].offerings[0].capacity.free, 2);
  EXPECT_EQ(net.providers[1].locations[0].offerings[0].capacity.free, 1);
  const auto again = run_query(ede_case(), net, graph(), vocabulary(), rules, kToday);
  EXPECT_EQ(again.find_offering("p2-kw")->facts.offering->capacity.free, 1);
}

TEST(EngineV2, PlanNotesSayWhatTheRankingAloneDoesNot) {
  ProviderNetwork net;
  Offering o = offering("p1-kw", "small_scale_living", 0, 10);
  o.identity = "reformed";
  net.providers.push_back(provider("p1", "GM0228", {o}, {contract("JZ21", "verblijf")}));
  Case c = ede_case();
  c.preferred_identity = "islamic";
  ScriptedRules rules;
  rules.stale = [](const CandidateFacts&) { return true; };
  rules.lift = [](const CandidateFacts&) {
    return LiftedExclusion{{"contracted_only", "contract_suspended", "contract opgeschort"}, "maatwerk",
                           "maatwerk goedgekeurd door RET Food Valley op 2026-11-20: specialistisch"};
  };
  const auto r = run_query(c, net, graph(), vocabulary(), rules, kToday);
  ASSERT_TRUE(r.plan_a);
  const auto notes = plan_notes(r, *r.plan_a, vocabulary());
  EXPECT_THAT(codes(notes), ElementsAre("maatwerk", "not_timely", "stale", "identity_mismatch"));
  EXPECT_EQ(notes[0].text,
            "alleen via maatwerk: contract opgeschort (maatwerk goedgekeurd door RET Food Valley op 2026-11-20: specialistisch)");
  EXPECT_EQ(notes[1].text, "niet tijdig: wachttijd 10 weken, terwijl de jeugdige 4 weken kan wachten");
  EXPECT_EQ(notes[2].text, "capaciteit niet actueel (laatst bijgewerkt 2026-11-20): vraag de actuele stand na bij de aanbieder");
  EXPECT_EQ(notes[3].text,
            "identiteit reformatorisch wijkt af van de wens van ouders en jeugdige (islamitisch); bespreek dit met hen");
  const auto j = result_to_json(r, vocabulary());
  EXPECT_EQ(j["plan_a"]["notes"].size(), 4u);
  EXPECT_EQ(j["plan_a"]["notes"][3]["code"], "identity_mismatch");
  EXPECT_EQ(j["plan_a"]["identity_mismatch"], true);
  EXPECT_EQ(j["plan_a"]["maatwerk"], true);
}

TEST(EngineV2, TheAdviceSaysWhoDecides) {
  ProviderNetwork net;
  ScriptedRules rules;
  const auto j = result_to_json(run_query(ede_case(), net, graph(), vocabulary(), rules, kToday), vocabulary());
  const std::string decision = j["decision"];
  EXPECT_EQ(decision,
            "Dit is een voorstel met redenen: passend stelt voor, het RET adviseert, de gemeente of de gecertificeerde "
            "instelling beslist (AVG art. 22).");
  EXPECT_EQ(decision.find("RET beslist"), std::string::npos);
}
