// The compact query result (docs/formats.md, "excluded_summary") and `passend explain` on
// generated national networks with the real default Lua rules: every offering of an asked care
// form is accounted for (a candidate, listed, or counted), the near tiers and exempt care are
// listed one by one, and explain gives for every offering what the query gave.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "core/case_json.hpp"
#include "core/engine.hpp"
#include "plugins/lua_host.hpp"
#include "providers/generator.hpp"
#include "tests/support/bundled_data.hpp"
#include "tests/support/paths.hpp"

using namespace passend;
using J = nlohmann::ordered_json;

namespace {
const std::string kSource = PASSEND_SOURCE_DIR;
const Date kToday = *Date::parse("2026-11-26");

using passend::testing::regions;
using passend::testing::vocabulary;

Case make_case(const std::string& text) {
  return parse_case(nlohmann::json::parse(text), "case.json", vocabulary(), regions());
}

// The issue's national workload: three residential care forms, Food Valley.
const char* const kResidential = R"({"id": "2026-FV-100", "age": 15, "municipality": "GM0228",
  "need": {"care_forms": ["family_home", "small_scale_living", "residential"], "expertise": ["autism"],
           "urgency": "high", "max_wait_weeks": 4}, "flags": ["aggression"]})";
// Exempt care (JeugdzorgPlus), listed one by one in every tier.
const char* const kSecure = R"({"id": "2026-WF-007", "age": 16, "municipality": "GM0405",
  "need": {"care_forms": ["secure_residential", "residential"], "urgency": "crisis"},
  "legal": {"secure_authorisation": true}})";
// Maatwerk: the full path, lifted exclusions.
const char* const kMaatwerk = R"({"id": "2026-NL-011", "age": 12, "municipality": "GM0983",
  "need": {"care_forms": ["family_home", "foster_care", "small_scale_living"], "urgency": "normal"},
  "maatwerk": {"approved_by": "RET Noord-Limburg", "date": "2026-11-20", "reason": "zeer specialistische zorg",
               "allow": ["non_contracted", "outside_region"]}})";

bool asked(const Case& c, const std::string& care_form) {
  return std::find(c.care_forms.begin(), c.care_forms.end(), care_form) != c.care_forms.end();
}

std::vector<std::string> asked_offerings(const Case& c, const ProviderNetwork& network) {
  std::vector<std::string> out;
  for (const auto& p : network.providers)
    for (const auto& l : p.locations)
      for (const auto& o : l.offerings)
        if (asked(c, o.care_form)) out.push_back(o.id);
  return out;
}

using SummaryKey = std::tuple<std::string, std::string, std::string, std::string>;  // tier, rule, code, text
SummaryKey key_of(const J& tier, const J& x) { return {tier.get<std::string>(), x["rule"], x["code"], x["text"]}; }

void check_accounting(const Case& c, const ProviderNetwork& network, const J& result) {
  SCOPED_TRACE("case " + c.id);
  const auto offerings = asked_offerings(c, network);
  std::set<std::string> seen;
  for (const auto& x : result["candidates"]) EXPECT_TRUE(seen.insert(x["offering"]).second) << x["offering"];
  for (const auto& x : result["excluded"]) {
    EXPECT_TRUE(seen.insert(x["offering"]).second) << x["offering"];
    // Listed: the region, adjacent and network tiers, and exempt care of any tier.
    EXPECT_TRUE(x["tier"] != "national" || x["exempt"] == true) << x["offering"] << " is listed but far and not exempt";
  }
  std::size_t counted = 0;
  for (const auto& row : result["excluded_summary"]) {
    EXPECT_EQ(row["tier"], "national") << row.dump();
    EXPECT_GT(row["count"].get<std::size_t>(), 0u);
    counted += row["count"].get<std::size_t>();
  }
  const std::set<std::string> of_asked_forms(offerings.begin(), offerings.end());
  for (const auto& id : seen) EXPECT_TRUE(of_asked_forms.count(id)) << id << " is not of an asked care form";
  EXPECT_EQ(seen.size() + counted, offerings.size())
      << "candidates " << result["candidates"].size() << " + listed " << result["excluded"].size() << " + counted " << counted;
}
}  // namespace

class CompactResult : public ::testing::TestWithParam<std::uint64_t> {};

// The counts in excluded_summary plus the listed exclusions plus the candidates account for every
// offering of the asked care forms: for generated cases and the three fixed ones.
TEST_P(CompactResult, SummaryListedAndCandidatesAccountForEveryAskedOffering) {
  const ProviderNetwork network = generate_network(regions(), vocabulary(), GetParam(), 3000, kToday);
  auto rules = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  std::vector<Case> cases = {make_case(kResidential), make_case(kSecure), make_case(kMaatwerk)};
  for (const auto& doc : generate_cases(regions(), vocabulary(), GetParam(), 20, kToday))
    cases.push_back(parse_case(doc, "generated", vocabulary(), regions()));
  std::size_t summarised = 0, exempt_far = 0;
  for (const auto& c : cases) {
    const J result = result_to_json(run_query(c, network, regions(), vocabulary(), *rules, kToday), vocabulary());
    check_accounting(c, network, result);
    summarised += result["excluded_summary"].size();
    for (const auto& x : result["excluded"]) exempt_far += x["tier"] == "national" ? 1 : 0;
    if (HasFailure()) return;
  }
  EXPECT_GT(summarised, 0u) << "the national tier is counted, not listed";
  EXPECT_GT(exempt_far, 0u) << "exempt care of the national tier is listed";
}

INSTANTIATE_TEST_SUITE_P(Seeds, CompactResult, ::testing::Values(1u, 42u));

// For every offering of the asked care forms, explain (a query of its own) gives what the
// query's result shows: the candidate as listed, the listed exclusion with all its exclusions,
// or a verdict whose first exclusion is counted in the summary row of its tier and reason.
TEST(Explain, AgreesWithTheQueryForEveryOfferingOfAGeneratedNetwork) {
  const ProviderNetwork network = generate_network(regions(), vocabulary(), 7, 800, kToday);
  auto rules = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  for (const char* text : {kResidential, kSecure, kMaatwerk}) {
    const Case c = make_case(text);
    SCOPED_TRACE("case " + c.id);
    const J result = result_to_json(run_query(c, network, regions(), vocabulary(), *rules, kToday), vocabulary());
    std::map<std::string, const J*> candidates, listed;
    for (const auto& x : result["candidates"]) candidates[x["offering"]] = &x;
    for (const auto& x : result["excluded"]) listed[x["offering"]] = &x;
    std::map<SummaryKey, std::size_t> counted;
    std::size_t lifted = 0;
    for (const auto& id : asked_offerings(c, network)) {
      SCOPED_TRACE("offering " + id);
      const QueryResult own = run_query(c, network, regions(), vocabulary(), *rules, kToday);
      const auto explained = explain_to_json(own, id, vocabulary());
      ASSERT_TRUE(explained);
      const J& v = (*explained)["verdict"];
      EXPECT_EQ((*explained)["ruleset"], result["ruleset"]);
      if (auto it = candidates.find(id); it != candidates.end()) {
        EXPECT_EQ((*explained)["shown_in"], "candidates");
        EXPECT_EQ((*explained)["outcome"], "admitted");
        J as_listed = v;
        as_listed.erase("exclusions");
        EXPECT_EQ(as_listed, *it->second);
        EXPECT_TRUE(v["exclusions"].empty());
        lifted += v["lifted"].size();
        const bool plan_a = result["plan_a"].is_object() && result["plan_a"]["offering"] == id;
        EXPECT_EQ((*explained)["plan"] == "plan_a", plan_a);
      } else if (auto x = listed.find(id); x != listed.end()) {
        EXPECT_EQ((*explained)["shown_in"], "excluded");
        EXPECT_EQ((*explained)["outcome"], "excluded");
        EXPECT_EQ(v["exclusions"], (*x->second)["exclusions"]);
        EXPECT_EQ(v["tier"], (*x->second)["tier"]);
        EXPECT_EQ(v["exempt"], (*x->second)["exempt"]);
      } else {
        EXPECT_EQ((*explained)["shown_in"], "excluded_summary");
        EXPECT_EQ((*explained)["outcome"], "excluded");
        ASSERT_FALSE(v["exclusions"].empty());
        ++counted[key_of(v["tier"], v["exclusions"][0])];
      }
    }
    std::map<SummaryKey, std::size_t> summary;
    for (const auto& row : result["excluded_summary"]) summary[key_of(row["tier"], row)] = row["count"];
    EXPECT_EQ(counted, summary);
    if (c.maatwerk) {
      EXPECT_GT(lifted, 0u) << "maatwerk lifted an exclusion of some candidate";
    }
    if (HasFailure()) return;
  }
}

// An offering the query did not evaluate (another care form) has no verdict.
TEST(Explain, HasNoVerdictForAnOfferingTheQueryDidNotEvaluate) {
  const ProviderNetwork network = generate_network(regions(), vocabulary(), 7, 300, kToday);
  auto rules = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  const Case c = make_case(kResidential);
  const QueryResult r = run_query(c, network, regions(), vocabulary(), *rules, kToday);
  EXPECT_FALSE(explain_to_json(r, "no-such-offering", vocabulary()));
  for (const auto& p : network.providers)
    for (const auto& l : p.locations)
      for (const auto& o : l.offerings)
        if (o.care_form == "secure_residential") {
          EXPECT_FALSE(explain_to_json(r, o.id, vocabulary())) << o.id;
          return;
        }
}

// Offerings a prerequisite settled skipped the classify phase; the exemption the engine asked
// the host for (exempt_care on a view of its depends_on facts, once per combination) is the one
// the whole rule set gives them.
TEST(SettledExemptCare, SettledOfferingsAreExemptCareExactlyWhenTheWholeRuleSetSaysSo) {
  const ProviderNetwork network = generate_network(regions(), vocabulary(), 11, 2000, kToday);
  auto rules = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  std::size_t exempt = 0, settled = 0;
  for (const char* text : {kResidential, kSecure}) {
    const Case c = make_case(text);
    const QueryResult r = run_query(c, network, regions(), vocabulary(), *rules, kToday);
    std::vector<CandidateFacts> facts;
    for (std::size_t i = r.by_rules; i < r.evaluated.size(); ++i) facts.push_back(r.evaluated[i].facts);
    const std::vector<Verdict> whole = rules->evaluate(r.case_facts, facts);
    ASSERT_EQ(whole.size(), facts.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
      const auto& e = r.evaluated[r.by_rules + i];
      EXPECT_EQ(e.verdict.exempt, whole[i].exempt) << c.id << " " << e.facts.offering->id;
      exempt += e.verdict.exempt ? 1 : 0;
    }
    settled += whole.size();
  }
  EXPECT_GT(settled, 0u);
  EXPECT_GT(exempt, 0u) << "some settled offering is exempt care";
}

// Without depends_on on exempt_care the host runs the whole classify phase over the settled
// offerings instead: slower, the same result.
// The default rule set with lines of rules/exempt_care.lua taken out, in a scratch folder.
class ExemptCareVariant {
 public:
  ExemptCareVariant(const std::string& tag, const std::vector<std::string>& lines)
      : dir_(std::filesystem::temp_directory_path() / ("passend-exempt-" + tag + "-" + std::to_string(::getpid()))) {
    namespace fs = std::filesystem;
    fs::remove_all(dir_);
    fs::copy(kSource + "/rules/default", dir_, fs::copy_options::recursive);
    const fs::path rule = dir_ / "rules" / "exempt_care.lua";
    std::ifstream in(rule);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    in.close();
    for (const auto& line : lines) {
      const auto at = text.find(line);
      if (at == std::string::npos) throw std::runtime_error("exempt_care.lua no longer holds: " + line);
      text.erase(at, line.size());
    }
    std::ofstream(rule) << text;
  }
  ~ExemptCareVariant() { std::filesystem::remove_all(dir_); }
  std::string dir() const { return dir_.string(); }

 private:
  std::filesystem::path dir_;
};

const std::string kDependsOn = "  depends_on = {\"care_form\", \"product_category\", \"expertise\"},\n";
const std::string kCaseDependsOn = "  case_depends_on = {\"expertise\"},\n";

J without_ruleset(J result) {
  result.erase("ruleset");
  return result;
}

// Three ways to know which settled offerings are exempt care: remembered across queries (the
// default set declares the offering and case facts), once per combination within a query (the
// case facts not declared), and the whole classify phase (nothing declared). Over many cases in
// a row on one host each, the three give the same results.
TEST(SettledExemptCare, RememberedViewAndWholePhaseGiveTheSameResults) {
  const ExemptCareVariant view_only("view", {kCaseDependsOn});
  const ExemptCareVariant whole("whole", {kDependsOn, kCaseDependsOn});
  const ProviderNetwork network = generate_network(regions(), vocabulary(), 5, 1500, kToday);
  auto remembered = LuaRuleHost::load(kSource + "/rules/default", vocabulary());
  auto per_query = LuaRuleHost::load(view_only.dir(), vocabulary());
  auto whole_phase = LuaRuleHost::load(whole.dir(), vocabulary());
  std::vector<Case> cases = {make_case(kResidential), make_case(kSecure)};
  for (const auto& doc : generate_cases(regions(), vocabulary(), 5, 30, kToday))
    cases.push_back(parse_case(doc, "generated", vocabulary(), regions()));
  cases.push_back(make_case(kResidential));  // again: now every answer is remembered
  std::size_t exempt = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE("case " + c.id);
    auto run = [&](RuleHost& host) {
      return without_ruleset(result_to_json(run_query(c, network, regions(), vocabulary(), host, kToday), vocabulary()));
    };
    const J a = run(*remembered);
    EXPECT_EQ(a, run(*per_query));
    EXPECT_EQ(a, run(*whole_phase));
    for (const auto& x : a["excluded"]) exempt += x["exempt"] == true ? 1 : 0;
    if (HasFailure()) return;
  }
  EXPECT_GT(exempt, 0u) << "the cases meet exempt care among the settled offerings";
}
