// The API routes the web pages need (apps/server/handlers_web.cpp, handlers_rulesets.cpp): who
// the token is, the vocabularies, the region geometry, the declared rule parameters with their
// Dutch labels and ranges, and the dry run that replays recent queries with edited parameters.
// Real server, real HTTP.
#include <gtest/gtest.h>

#include <set>

#include "tests/support/api_server.hpp"
#include "tests/support/ruleset_fixtures.hpp"

namespace {
using nlohmann::json;
using passend::testing::ApiDatabase;
using passend::testing::ApiServerProcess;
using passend::testing::bearer;
using passend::testing::json_of;

// Foster care in Rhenen with a reformed identity and Veenendaal nearby: plan A is the Ede foster
// care by about one point; identity_preference.points 20 instead of 15 turns that around.
const char* kFosterCase = R"({"id": "2026-FV-099", "age": 7, "municipality": "GM0340",
  "need": {"care_forms": ["foster_care"], "expertise": ["attachment"], "urgency": "normal", "max_wait_weeks": 12},
  "preferences": {"identity": "reformed", "near_municipalities": ["GM0345"]}})";

json identity_weight(int points) { return {{"rules", {{"identity_preference", {{"points", points}}}}}}; }
// A change that changes no plan of the demo's cases: their capacity figures are not stale.
json stale_penalty(int points) { return {{"rules", {{"stale_penalty", {{"points", points}}}}}}; }
const std::string kDryRun = "/api/v1/rulesets/default/dry-run";

class WebApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new ApiDatabase();
    server_ = new ApiServerProcess(db_->path(), {"--quiet"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete db_;
  }
  httplib::Result get(const std::string& path, const std::string& role = "member") {
    return server_->client().Get(path, bearer(db_->token(role)));
  }
  httplib::Result post(const std::string& path, const std::string& body, const std::string& role) {
    return server_->client().Post(path, bearer(db_->token(role)), body, "application/json");
  }
  json query(const std::string& body) {
    auto r = post("/api/v1/query?date=2026-11-26", body, "member");
    EXPECT_EQ(r->status, 200) << r->body;
    return json_of(r);
  }
  json dry_run(const json& params, const std::string& role = "contract_manager") {
    auto r = post(kDryRun, json{{"params", params}, {"base", passend::testing::bundled_version()}}.dump(), role);
    EXPECT_EQ(r->status, 200) << r->body;
    return json_of(r);
  }
  static ApiDatabase* db_;
  static ApiServerProcess* server_;
};
ApiDatabase* WebApi::db_ = nullptr;
ApiServerProcess* WebApi::server_ = nullptr;

TEST_F(WebApi, MeNamesTheTokensLabelAndRole) {
  for (const auto& role : passend::testing::api_roles()) {
    const json me = json_of(get("/api/v1/me", role));
    EXPECT_EQ(me["role"], role);
    EXPECT_EQ(me["name"], role + "-user");
    EXPECT_EQ(me["ruleset"]["name"], "default");
  }
  EXPECT_EQ(server_->client().Get("/api/v1/me")->status, 401);
}

TEST_F(WebApi, VocabularyListsCareFormsMostHomeLikeFirstWithDutchLabels) {
  const json v = json_of(get("/api/v1/vocabulary"));
  ASSERT_EQ(v["care_forms"].size(), 9u);
  EXPECT_EQ(v["care_forms"][0]["id"], "ambulant");
  EXPECT_EQ(v["care_forms"][0]["nl"], "ambulante jeugdhulp");
  EXPECT_EQ(v["care_forms"][8]["id"], "crisis");
  EXPECT_EQ(v["expertise"].size(), 23u);
  EXPECT_EQ(v["flags"].size(), 7u);
  EXPECT_EQ(v["urgency"].size(), 3u);
}

TEST_F(WebApi, MapServesTheBundledGeometryOfThe42Regions) {
  const json g = json_of(get("/api/v1/map/regions"));
  EXPECT_EQ(g["type"], "FeatureCollection");
  ASSERT_EQ(g["features"].size(), 42u);
  EXPECT_EQ(g["features"][0]["properties"]["jeugdregio_code"], "JZ01");
}

TEST_F(WebApi, RulesDeclareEachParameterWithTypeDescriptionDefaultAndValue) {
  const json rules = json_of(get("/api/v1/rulesets/default/rules"));
  EXPECT_EQ(rules["ruleset"]["name"], "default");
  const json* found = nullptr;
  for (const auto& r : rules["rules"])
    if (r["name"] == "identity_preference")
      for (const auto& p : r["params"])
        if (p["name"] == "points") found = &p;
  ASSERT_NE(found, nullptr);
  EXPECT_EQ((*found)["type"], "number");
  EXPECT_EQ((*found)["default"], 15);
  EXPECT_EQ((*found)["value"], 15);
  EXPECT_FALSE((*found)["description"].get<std::string>().empty());
  EXPECT_TRUE(rules["settings"].contains("bridging_care_forms"));
  EXPECT_EQ(rules["settings"]["bridging_pool"],
            (json{{"when", "plan_a_not_timely"}, {"tiers", {"region", "adjacent", "network"}}}));
  EXPECT_EQ(rules["base"], passend::testing::bundled_version());
}

// Every rule and parameter of the default set carries a Dutch label and an explanation; numbers
// have a declared range; maps name their keys in Dutch; the hard rules are protected; and the page
// learns which ordering steps come before the score.
TEST_F(WebApi, RulesAndParametersSpeakDutchWithRangesAndTheStepsBeforeTheScore) {
  const json rules = json_of(get("/api/v1/rulesets/default/rules"));
  std::set<std::string> protected_rules;
  for (const auto& r : rules["rules"]) {
    EXPECT_FALSE(r["label"].get<std::string>().empty()) << r["name"];
    EXPECT_NE(r["label"], r["name"]) << "a Dutch label, not the identifier";
    EXPECT_FALSE(r["explanation"].get<std::string>().empty()) << r["name"];
    if (r["protected"].get<bool>()) protected_rules.insert(r["name"]);
    for (const auto& p : r["params"]) {
      EXPECT_NE(p["label"], p["name"]) << r["name"] << "." << p["name"];
      EXPECT_FALSE(p["explanation"].get<std::string>().empty()) << r["name"] << "." << p["name"];
      const bool numeric = p["type"] == "number" || p["type"] == "integer" ||
                           (p["type"] == "map" && p["value"].is_object() && !p["value"].empty() && p["value"].begin()->is_number());
      if (numeric) {
        EXPECT_TRUE(p.contains("min") && p.contains("max")) << r["name"] << "." << p["name"];
      }
      if (p["type"] == "map") {
        EXPECT_TRUE(p.contains("key_labels")) << r["name"] << "." << p["name"];
      }
    }
    if (r["name"] == "in_region_first") {
      EXPECT_EQ(r["params"][0]["key_labels"]["adjacent"], "buurregio");
      EXPECT_NE(r["explanation"].get<std::string>().find("vóór de score"), std::string::npos);
    }
  }
  EXPECT_EQ(protected_rules, (std::set<std::string>{"care_form_asked", "age_range", "secure_authorisation", "required_expertise",
                                                    "contraindications", "rejected_before", "breakdown", "contracted_only"}));
  std::vector<std::string> steps;
  for (const auto& s : rules["order_steps"]) steps.push_back(s["rule"]);
  EXPECT_EQ(steps, (std::vector<std::string>{"timely_first", "contracted_first", "near_tiers", "home_like", "nearer_tier_first",
                                             "exempt_distance"}));
}

TEST_F(WebApi, DryRunShowsWhichAdviceChangesAndWhyWithoutChangingAnything) {
  const json advised = query(kFosterCase);
  ASSERT_EQ(advised["plan_a"]["offering"], "prov-008-ede-pz");
  const std::string version = advised["ruleset"]["version"];

  const json unchanged = dry_run(stale_penalty(-6));
  EXPECT_GE(unchanged["replayed"].get<int>(), 1);
  EXPECT_EQ(unchanged["changed_count"], 0);

  const json run = dry_run(identity_weight(20));
  EXPECT_EQ(run["ruleset_before"]["version"], version);
  EXPECT_EQ(run["ruleset_after"]["version"].get<std::string>().rfind(version + "+p", 0), 0u) << run["ruleset_after"];
  ASSERT_EQ(run["changes"].size(), 1u);
  EXPECT_EQ(run["changes"][0]["label"], "Punten bij passende identiteit");
  const json* change = nullptr;
  for (const auto& c : run["changed"])
    if (c["case"] == "2026-FV-099") change = &c;
  ASSERT_NE(change, nullptr) << run.dump(2);
  EXPECT_EQ((*change)["before"]["plan_a"]["offering"], "prov-008-ede-pz");
  EXPECT_EQ((*change)["after"]["plan_a"]["offering"], "prov-009-barneveld-pz");
  EXPECT_EQ((*change)["after"]["plan_b"]["offering"], "prov-008-ede-pz");
  EXPECT_EQ((*change)["advised"]["plan_a"], "prov-008-ede-pz");
  bool weight_named = false;
  for (const auto& r : (*change)["reasons"])
    weight_named |= r["rule"] == "identity_preference" && r["before"] == 15.0 && r["after"] == 20.0;
  EXPECT_TRUE(weight_named) << (*change)["reasons"].dump();

  // Nothing was activated: the next advice is still the old one, with the old version.
  const json again = query(kFosterCase);
  EXPECT_EQ(again["ruleset"]["version"], version);
  EXPECT_EQ(again["plan_a"]["offering"], "prov-008-ede-pz");
  EXPECT_EQ(json_of(get("/api/v1/proposals", "contract_manager")).size(), 1u) << "only the installed default";
  // The dry run itself is audited.
  const json audit = json_of(get("/api/v1/audit?action=ruleset_dry_run", "admin"));
  EXPECT_FALSE(audit.dump().find("ruleset_dry_run") == std::string::npos) << audit.dump();
}

TEST_F(WebApi, DryRunReplaysEachCaseDocumentOnceAndSkipsQueriesWithoutOne) {
  query(kFosterCase);
  query(kFosterCase);
  const json run = dry_run(stale_penalty(-6));
  EXPECT_GE(run["duplicates"].get<int>(), 1);
  EXPECT_EQ(run["considered"].get<int>(), run["replayed"].get<int>() + run["duplicates"].get<int>() +
                                              static_cast<int>(run["skipped"].size()));
}

TEST_F(WebApi, DryRunRefusesBadParametersWithPointersIntoTheBodyAndOtherRoles) {
  const std::string base = passend::testing::bundled_version();
  auto bad = post(kDryRun, json{{"params", identity_weight(0)}, {"base", base}, {"limit", 0}}.dump(), "contract_manager");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json_of(bad)["pointer"], "/limit");
  json wrong_type = {{"params", {{"rules", {{"identity_preference", {{"points", "veel"}}}}}}}, {"base", base}};
  auto typed = post(kDryRun, wrong_type.dump(), "contract_manager");
  EXPECT_EQ(typed->status, 400) << typed->body;
  EXPECT_EQ(json_of(typed)["pointer"], "/params/rules/identity_preference/points");
  auto unchanged = post(kDryRun, json{{"params", json::object()}, {"base", base}}.dump(), "contract_manager");
  EXPECT_EQ(unchanged->status, 400) << "nothing would change";
  EXPECT_EQ(post(kDryRun, json{{"params", stale_penalty(-6)}, {"base", base}}.dump(), "member")->status, 403);
  EXPECT_EQ(post(kDryRun, json{{"params", stale_penalty(-6)}, {"base", base}}.dump(), "admin")->status, 200);
}

}  // namespace
