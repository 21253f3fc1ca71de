// The Lua rule host with hand-made facts (no database, no region graph): phase order, rules
// ordered by (priority, name) within a phase, exceptions, scores, order keys, the plan outcome,
// parameters and the rule set's identity, and that a failing call leaves the host usable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "tests/support/cli_runner.hpp"
#include "core/errors.hpp"
#include "plugins/candidate_facts.hpp"
#include "plugins/lua_host.hpp"
#include "core/paths.hpp"
#include "tests/support/paths.hpp"

using namespace passend;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

namespace {

const std::string kRuleSets = std::string(PASSEND_SOURCE_DIR + "/tests/rulesets");

const Vocabulary& vocabulary() {
  static const Vocabulary v = Vocabulary::load(std::string(PASSEND_SOURCE_DIR + "/data"));
  return v;
}

// A small batch of offerings seen from one case, built by hand.
struct Batch {
  Case c;
  CaseFacts facts;
  std::vector<Provider> providers;  // complete before `candidates` point into it
  std::vector<CandidateFacts> candidates;

  struct Spec {
    std::string provider, offering, care_form;
    Tier tier = Tier::region;
    double distance_km = 0;
    bool timely = true;
    int capacity_age_days = 1;
    bool pool = false;
  };

  explicit Batch(const std::vector<Spec>& specs) {
    c.id = "2026-FV-042";
    c.age = 15;
    c.municipality = "GM0228";
    c.care_forms = {"small_scale_living"};
    c.expertise = {"autism"};
    facts.case_ = &c;
    facts.region = "JZ21";
    facts.region_name = "Food Valley";
    facts.network = "EXN03";
    facts.reference_date = *Date::parse("2026-11-26");
    for (const auto& s : specs) {
      Offering o;
      o.id = s.offering;
      o.care_form = s.care_form;
      o.age_max = 23;
      o.capacity = {4, s.timely ? 1 : 0, s.timely ? 0 : 20, facts.reference_date.plus_days(-s.capacity_age_days)};
      Provider p;
      p.id = s.provider;
      p.name = "Aanbieder " + s.provider;
      p.locations.push_back({s.provider + "-loc", "GM0228", {o}});
      providers.push_back(p);
    }
    for (std::size_t i = 0; i < specs.size(); ++i) {
      CandidateFacts f;
      f.provider = &providers[i];
      f.location = &providers[i].locations[0];
      f.offering = &providers[i].locations[0].offerings[0];
      f.region = "JZ21";
      f.region_name = "Food Valley";
      f.tier = specs[i].tier;
      f.distance_km = specs[i].distance_km;
      f.timely = specs[i].timely;
      f.capacity_age_days = specs[i].capacity_age_days;
      f.bridging_pool = specs[i].pool;
      f.lot = "verblijf";
      f.contract = ContractStatus::active;
      candidates.push_back(f);
    }
  }
};

std::unique_ptr<LuaRuleHost> load_unit(const LuaLimits& limits = {}) {
  return LuaRuleHost::load(kRuleSets + "/unit", vocabulary(), limits);
}

std::vector<std::string> codes(const std::vector<Exclusion>& xs) {
  std::vector<std::string> out;
  for (const auto& x : xs) out.push_back(x.rule + ":" + x.code);
  return out;
}

std::vector<std::string> reason_rules(const Verdict& v) {
  std::vector<std::string> out;
  for (const auto& r : v.reasons) out.push_back(r.rule);
  return out;
}

}  // namespace

TEST(LuaHost, RulesRunByPhaseThenPriorityThenNameNeverByFile) {
  auto host = load_unit();
  std::vector<std::string> order;
  for (const auto& r : host->info().rules) order.push_back(r.phase + "/" + r.name);
  EXPECT_THAT(order, ElementsAre("classify/mark", "classify/after_mark", "filter/exclude_everything", "filter/f_c",
                                 "filter/f_a", "filter/f_b", "exception/lift_a", "exception/lift_late",
                                 "score/points_b", "score/points_a", "score/echo_tag", "score/loop_for_one",
                                 "order/key_one", "order/key_two", "plan/pick", "plan/gapper", "priority/prio_age"));
  EXPECT_TRUE(host->info().rules[2].disabled);
}

TEST(LuaHost, IdentityNamesTheSetAndHashesItsFiles) {
  auto host = load_unit();
  EXPECT_EQ(host->identity().name, "unit");
  EXPECT_EQ(host->identity().version, "2.3.4");
  EXPECT_TRUE(std::regex_match(host->identity().hash, std::regex("sha256:[0-9a-f]{64}"))) << host->identity().hash;
  EXPECT_EQ(LuaRuleHost::load(kRuleSets + "/unit", vocabulary())->identity().hash, host->identity().hash);
}

TEST(LuaHost, ChangingAParameterChangesTheHash) {
  passend::testing::TempDir dir;
  std::filesystem::copy(kRuleSets + "/unit", dir.path() / "unit", std::filesystem::copy_options::recursive);
  const auto before = LuaRuleHost::load((dir.path() / "unit").string(), vocabulary())->identity().hash;
  passend::testing::write_text(dir.path() / "unit/params.json",
                      R"({"rules": {"points_b": {"points": 8}}, "disabled": ["exclude_everything"]})");
  auto host = LuaRuleHost::load((dir.path() / "unit").string(), vocabulary());
  EXPECT_NE(host->identity().hash, before);
  EXPECT_TRUE(host->bridging_care_forms().empty());
}

TEST(LuaHost, FiltersCollectEveryExclusionInRuleOrderAndExceptionsLiftWithReasons) {
  Batch b({{"p1", "x1", "small_scale_living"}, {"p2", "x2", "small_scale_living"}});
  auto host = load_unit();
  auto v = host->evaluate(b.facts, b.candidates);
  ASSERT_EQ(v.size(), 2u);
  // f_c (priority 5) first, then f_a and f_b (priority 10, by name); lift_a lifts code_f_a and
  // lift_late, later, lifts code_f_c but cannot lift what lift_a already lifted.
  EXPECT_THAT(codes(v[0].exclusions), ElementsAre("f_b:code_f_b"));
  ASSERT_EQ(v[0].lifted.size(), 2u);
  EXPECT_EQ(v[0].lifted[0].exclusion.code, "code_f_c");
  EXPECT_EQ(v[0].lifted[0].by_rule, "lift_late");
  EXPECT_EQ(v[0].lifted[1].exclusion.code, "code_f_a");
  EXPECT_EQ(v[0].lifted[1].exclusion.text, "uitgesloten door f_a");
  EXPECT_EQ(v[0].lifted[1].by_rule, "lift_a");
  EXPECT_EQ(v[0].lifted[1].text, "opgeheven door lift_a");
  EXPECT_TRUE(v[0].excluded());
  EXPECT_FALSE(v[1].excluded());
  // Excluded candidates are not scored or ordered.
  EXPECT_TRUE(v[0].reasons.empty());
  EXPECT_TRUE(v[0].order_keys.empty());
}

TEST(LuaHost, ScoresSumInRuleOrderWithParametersAndDerivedFacts) {
  Batch b({{"p2", "x2", "small_scale_living", Tier::region, 12.5, false, 45}});
  auto host = load_unit();
  auto v = host->evaluate(b.facts, b.candidates);
  EXPECT_THAT(reason_rules(v[0]), ElementsAre("points_b", "points_a", "echo_tag"));
  EXPECT_DOUBLE_EQ(v[0].reasons[0].effect, 7.0) << "points_b.points = 7 in params.json";
  EXPECT_DOUBLE_EQ(v[0].score, 17.0);
  EXPECT_EQ(v[0].reasons[2].text, "t-x2 gezien") << "later classify rules and all later phases see derived facts";
  EXPECT_TRUE(v[0].stale);
  EXPECT_FALSE(v[0].exempt);
  EXPECT_THAT(v[0].order_keys, ElementsAre(1.0, 12.5)) << "key_one (priority 10) before key_two (20)";
}

TEST(LuaHost, ExemptIsReadBack) {
  Batch b({{"p3", "x3", "secure_residential"}});
  auto v = load_unit()->evaluate(b.facts, b.candidates);
  EXPECT_TRUE(v[0].exempt);
  EXPECT_FALSE(v[0].stale);
}

TEST(LuaHost, PlanOutcomeFromThePlanRules) {
  Batch b({{"p1", "a1", "small_scale_living", Tier::region, 3, false},
           {"p1", "a2", "small_scale_living", Tier::region, 5, true},
           {"p2", "b1", "small_scale_living", Tier::adjacent, 30, true},
           {"p4", "amb", "ambulant", Tier::region, 1, true, 1, true}});
  auto host = load_unit();
  auto v = host->evaluate(b.facts, b.candidates);
  v[0].score = 42;  // the plan phase sees the verdicts it is given
  const std::vector<std::size_t> ranked = {0, 3, 1, 2};
  PlanOutcome plan = host->plan(b.facts, b.candidates, v, ranked);
  EXPECT_EQ(plan.plan_a, 0u);
  EXPECT_EQ(plan.plan_b, 2u) << "another provider than plan A";
  EXPECT_EQ(plan.bridging, 3u) << "from the bridging pool";
  ASSERT_TRUE(plan.gap);
  EXPECT_EQ(plan.gap->kind, "no_capacity");
  EXPECT_THAT(plan.gap->care_forms, ElementsAre("small_scale_living"));
  EXPECT_THAT(plan.gap->expertise, ElementsAre("autism"));
  ASSERT_EQ(plan.notes.size(), 2u);
  EXPECT_EQ(plan.notes[0].rule, "pick");
  EXPECT_EQ(plan.notes[0].text, "eerste notitie");
  EXPECT_EQ(plan.notes[1].rule, "gapper");
  EXPECT_EQ(plan.notes[1].text, "plan A rang 1, score 42.0") << "rank skips the pool; score from the verdicts";
}

TEST(LuaHost, PlanOnAnotherBatchRebuildsItsTables) {
  Batch first({{"p1", "a1", "small_scale_living"}});
  Batch second({{"p2", "b1", "small_scale_living", Tier::region, 1, false}, {"p3", "c1", "small_scale_living"}});
  auto host = load_unit();
  host->evaluate(first.facts, first.candidates);
  std::vector<Verdict> v(2);
  PlanOutcome plan = host->plan(second.facts, second.candidates, v, {1, 0});
  EXPECT_EQ(plan.plan_a, 1u);
  EXPECT_EQ(plan.plan_b, 0u);
  EXPECT_FALSE(plan.gap) << "plan A (c1) is timely";
}

TEST(LuaHost, PrioritiesPerCandidate) {
  Batch b({{"p1", "a1", "small_scale_living"}, {"p2", "b1", "small_scale_living"}});
  auto host = load_unit();
  auto v = host->evaluate(b.facts, b.candidates);
  auto p = host->priorities(b.facts, b.candidates, v);
  ASSERT_EQ(p.size(), 2u);
  ASSERT_EQ(p[0].size(), 1u);
  EXPECT_EQ(p[0][0].rule, "prio_age");
  EXPECT_DOUBLE_EQ(p[0][0].effect, 15 + v[0].score);
  EXPECT_EQ(p[0][0].text, "leeftijd en score");
}

TEST(LuaHost, SettingsFromParams) {
  auto host = load_unit();
  EXPECT_THAT(host->bridging_care_forms(), ElementsAre("ambulant"));
  EXPECT_EQ(host->lot_override("JZ21", "crisis"), "crisis");
  EXPECT_FALSE(host->lot_override("JZ21", "foster_care"));
  EXPECT_FALSE(host->lot_override("JZ01", "crisis"));
}

TEST(LuaHost, ParamsOverlayIsValidatedAndMerged) {
  ParamsOverlay overlay{nlohmann::json::parse(R"({"rules": {"points_b": {"points": 2.5}}})"), "tests/x.json", "/params"};
  auto host = LuaRuleHost::load(kRuleSets + "/unit", vocabulary(), {}, overlay);
  Batch b({{"p2", "x2", "small_scale_living"}});
  EXPECT_DOUBLE_EQ(host->evaluate(b.facts, b.candidates)[0].reasons[0].effect, 2.5);
  EXPECT_THAT(host->bridging_care_forms(), ElementsAre("ambulant")) << "settings of params.json stay";

  ParamsOverlay bad{nlohmann::json::parse(R"({"rules": {"points_b": {"points": "veel"}}})"), "tests/x.json", "/params"};
  try {
    LuaRuleHost::load(kRuleSets + "/unit", vocabulary(), {}, bad);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_STREQ(e.what(), R"(tests/x.json: /params/rules/points_b/points: expected a number, got "veel")");
  }
}

TEST(LuaHost, BudgetErrorNamesRuleFileLineCaseAndOffering) {
  Batch b({{"p1", "ok-1", "small_scale_living"}, {"p9", "loop-me", "small_scale_living"}});
  auto host = load_unit();
  try {
    host->evaluate(b.facts, b.candidates);
    FAIL() << "expected RuleError";
  } catch (const RuleError& e) {
    EXPECT_EQ(std::string(e.what()), kRuleSets + "/unit/rules/loop_for_one.lua:7: instruction budget exceeded "
                                                 "(case 2026-FV-042, offering loop-me)");
  }
  // The next query runs normally: the budget, the hook and the stack are reset.
  Batch next({{"p1", "ok-1", "small_scale_living"}});
  auto v = host->evaluate(next.facts, next.candidates);
  EXPECT_DOUBLE_EQ(v[0].score, 17.0);
}

TEST(LuaHost, WallClockDeadline) {
  LuaLimits limits;
  limits.call_instructions = 1'000'000'000'000;  // so that time runs out first
  limits.call_time = std::chrono::milliseconds(150);
  limits.time_per_candidate = std::chrono::microseconds(0);
  Batch b({{"p9", "loop-me", "small_scale_living"}});
  auto host = load_unit(limits);
  const auto start = std::chrono::steady_clock::now();
  try {
    host->evaluate(b.facts, b.candidates);
    FAIL() << "expected RuleError";
  } catch (const RuleError& e) {
    EXPECT_THAT(e.what(), HasSubstr("loop_for_one.lua:7: time limit exceeded (150 ms) (case 2026-FV-042, offering loop-me)"));
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(LuaHost, MemoryStaysUnderTheCap) {
  LuaLimits limits;
  limits.memory_bytes = std::size_t{8} << 20;
  limits.memory_per_candidate = 0;  // the base cap alone
  auto host = load_unit(limits);
  std::vector<Batch::Spec> specs;
  for (int i = 0; i < 2000; ++i) {
    // appended, not "p" + std::to_string(...): GCC 12 warns falsely (-Wrestrict) on the latter
    std::string provider = "p", offering = "o";
    provider += std::to_string(i % 50);
    offering += std::to_string(i);
    specs.push_back({provider, offering, "small_scale_living"});
  }
  Batch b(specs);
  for (int round = 0; round < 5; ++round) host->evaluate(b.facts, b.candidates);
  EXPECT_LE(host->memory_peak(), limits.memory_bytes);
  EXPECT_GT(host->memory_used(), 0u);
}

// A national query evaluates tens of thousands of candidates: the cap grows with the batch, so
// a batch that the base cap alone refuses runs, and the cap still holds.
TEST(LuaHost, MemoryCapGrowsWithTheBatch) {
  std::vector<Batch::Spec> specs;
  for (int i = 0; i < 10'000; ++i) {
    std::string provider = "p", offering = "o";
    provider += std::to_string(i % 500);
    offering += std::to_string(i);
    specs.push_back({provider, offering, "small_scale_living"});
  }
  Batch b(specs);
  LuaLimits limits;
  limits.memory_bytes = std::size_t{8} << 20;
  limits.memory_per_candidate = 0;
  EXPECT_THROW(load_unit(limits)->evaluate(b.facts, b.candidates), RuleError);
  limits.memory_per_candidate = std::size_t{8} << 10;
  auto host = load_unit(limits);
  EXPECT_EQ(host->evaluate(b.facts, b.candidates).size(), b.candidates.size());
  EXPECT_GT(host->memory_peak(), limits.memory_bytes);
  EXPECT_LE(host->memory_peak(), limits.memory_bytes + limits.memory_per_candidate * b.candidates.size());
}

TEST(LuaHost, RuleErrorsAtLoadAreCollectedForEveryFile) {
  try {
    LuaRuleHost::load(kRuleSets + "/name_mismatch", vocabulary());
    FAIL() << "expected RuleError";
  } catch (const RuleError& e) {
    const std::string f = kRuleSets + "/name_mismatch/rules/alpha.lua";
    EXPECT_EQ(std::string(e.what()), f + ":3: name 'beta' must equal the file name 'alpha'\n" + f +
                                         ":6: a score rule must define the function score(...)\n" + f +
                                         ":8: unknown field 'scor' in the rule table");
  }
}

TEST(LuaHost, MissingFolderIsInvalidInput) {
  EXPECT_THROW(LuaRuleHost::load(kRuleSets + "/does_not_exist", vocabulary()), InvalidInput);
}

TEST(LuaHost, DefaultRuleSetLoads) {
  auto host = LuaRuleHost::load(default_rules_dir(), vocabulary());
  EXPECT_EQ(host->identity().name, "default");
  EXPECT_THAT(host->bridging_care_forms(), ElementsAre("ambulant", "ambulant_intensive"));
  EXPECT_TRUE(host->info().warnings.empty()) << host->info().warnings.front();
}

// settings.bridging_pool in params.json: every wrong value named by its pointer, nothing read.
struct BadPoolSetting {
  const char* name;
  const char* json;
  const char* message;
};

class BridgingPoolSetting : public ::testing::TestWithParam<BadPoolSetting> {};

TEST_P(BridgingPoolSetting, IsRefusedWithThePointer) {
  const auto doc = nlohmann::json::parse(std::string(R"({"settings": {"bridging_pool": )") + GetParam().json + "}}");
  try {
    read_params(doc, "params.json", "", {}, vocabulary());
    FAIL() << "accepted " << GetParam().json;
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), GetParam().message);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Params, BridgingPoolSetting,
    ::testing::Values(
        BadPoolSetting{"not_an_object", R"("sometimes")",
                       "params.json: /settings/bridging_pool: expected an object with when and tiers, got \"sometimes\""},
        BadPoolSetting{"unknown_when", R"({"when": "never"})",
                       "params.json: /settings/bridging_pool/when: expected \"always\" or \"plan_a_not_timely\", got \"never\""},
        BadPoolSetting{"empty_tiers", R"({"tiers": []})",
                       "params.json: /settings/bridging_pool/tiers: the list is empty; name at least one tier (region, "
                       "adjacent, network, national)"},
        BadPoolSetting{"tiers_not_a_list", R"({"tiers": "region"})",
                       "params.json: /settings/bridging_pool/tiers: expected a list of tiers (region, adjacent, network, "
                       "national), got \"region\""},
        BadPoolSetting{"unknown_tier", R"({"tiers": ["region", "provincie"]})",
                       "params.json: /settings/bridging_pool/tiers/1: expected a tier (region, adjacent, network, national), "
                       "got \"provincie\""},
        BadPoolSetting{"unknown_field", R"({"when": "always", "tier": ["region"]})",
                       "params.json: /settings/bridging_pool/tier: unknown field 'tier'; expected when or tiers"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Params, BridgingPoolSettingIsRead) {
  const auto doc = nlohmann::json::parse(
      R"({"settings": {"bridging_pool": {"when": "plan_a_not_timely", "tiers": ["region", "adjacent"]}}})");
  const ParamsFile f = read_params(doc, "params.json", "", {}, vocabulary());
  EXPECT_TRUE(f.settings.bridging_pool.only_when_plan_a_not_timely);
  EXPECT_THAT(f.settings.bridging_pool.tiers, ElementsAre(Tier::region, Tier::adjacent));
  const ParamsFile none = read_params(nlohmann::json::parse("{}"), "params.json", "", {}, vocabulary());
  EXPECT_FALSE(none.settings.bridging_pool.only_when_plan_a_not_timely) << "absent: every query, as before";
  EXPECT_TRUE(none.settings.bridging_pool.tiers.empty());
}

TEST(Params, TheDefaultRuleSetEvaluatesThePoolOnlyWhenNeededAndNearBy) {
  auto host = LuaRuleHost::load(default_rules_dir(), vocabulary());
  const BridgingPoolPolicy p = host->bridging_pool_policy();
  EXPECT_TRUE(p.only_when_plan_a_not_timely);
  EXPECT_THAT(p.tiers, ElementsAre(Tier::region, Tier::adjacent, Tier::network));
}

// `name` in backquotes, built by appending (GCC 12 warns falsely about "`" + name + "`").
std::string backquoted(std::string_view name) {
  std::string out(1, '`');
  out.append(name);
  out.push_back('`');
  return out;
}

// The one table of candidate facts (plugins/candidate_facts.hpp) is what the docs promise:
// docs/rules.md lists every fact rules see, and the facts a prerequisite may depend on.
TEST(CandidateFactsTable, DocsListEveryFactAndTheGroupableOnes) {
  std::ifstream in(std::string(PASSEND_SOURCE_DIR + "/docs/rules.md"));
  ASSERT_TRUE(in) << "docs/rules.md";
  const std::string docs((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto what_rules_see = docs.find("## Reference: what rules see");
  ASSERT_NE(what_rules_see, std::string::npos);
  const std::string section = docs.substr(what_rules_see, docs.find("\n## ", what_rules_see + 1) - what_rules_see);
  for (const auto& spec : passend::lua::kCandidateFacts)
    EXPECT_NE(section.find(backquoted(spec.name)), std::string::npos)
        << "docs/rules.md, 'what rules see', does not list c." << spec.name;
  std::string groupable;
  for (const auto& name : passend::lua::groupable_fact_names()) {
    if (!groupable.empty()) groupable.append(", ");
    groupable.append(backquoted(name));
  }
  std::string flat = docs;  // the list wraps over lines in the docs
  for (auto& ch : flat)
    if (ch == '\n') ch = ' ';
  for (std::size_t p = flat.find("  "); p != std::string::npos; p = flat.find("  ")) flat.erase(p, 1);
  std::string sentence = "Only facts the host can group are allowed: ";
  sentence.append(groupable).push_back('.');
  EXPECT_NE(flat.find(sentence), std::string::npos)
      << "docs/rules.md should list the groupable facts as: " << groupable;
}
