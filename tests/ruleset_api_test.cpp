// Rule sets over HTTP against the real `passend serve` (docs/api.md, "Rule sets"): proposals with
// their dry run, four eyes, an admin for a protected rule, ranges refused with the parameter
// named, stale bases refused, rollback, scoped contract managers, and two rule sets answering
// two regions from one server at once.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/support/api_server.hpp"
#include "tests/support/ruleset_fixtures.hpp"

using namespace passend::testing;
using nlohmann::json;

namespace {

class RuleSetApi : public ::testing::Test {
 protected:
  void SetUp() override {
    tokens["cm1"] = db.token("contract_manager");
    tokens["cm2"] = db.create_token("contract_manager", "contractmanager-2");
    tokens["admin"] = db.token("admin");
    tokens["member"] = db.token("member");
  }
  void start() { server = std::make_unique<ApiServerProcess>(db.path()); }
  httplib::Result post(const std::string& path, const json& body, const std::string& who) {
    return server->client().Post(path.c_str(), bearer(tokens.at(who)), body.dump(), "application/json");
  }
  httplib::Result get(const std::string& path, const std::string& who = "member") {
    return server->client().Get(path.c_str(), bearer(tokens.at(who)));
  }
  json ok(const httplib::Result& r, int status = 200) {
    EXPECT_TRUE(r) << httplib::to_string(r.error());
    if (!r) return json();
    EXPECT_EQ(r->status, status) << r->body;
    return json::parse(r->body);
  }
  json query(const std::string& case_path, const std::string& who = "member") {
    auto r = server->client().Post((std::string("/api/v1/query?date=") + kDemoDate).c_str(), bearer(tokens.at(who)),
                                   read_text(case_path), "application/json");
    return ok(r);
  }
  json propose(const json& params, const std::string& base, const std::string& who = "cm1", int status = 201) {
    return ok(post("/api/v1/rulesets/default/proposals", {{"params", params}, {"base", base}, {"comment", "regio-overleg"}}, who),
              status);
  }
  json approve(const std::string& id, const std::string& who, int status = 200) {
    return ok(post("/api/v1/proposals/" + id + "/approve", {{"from", "2026-01-01"}}, who), status);
  }
  static std::string plan_a(const json& r) { return r["plan_a"].is_null() ? "" : r["plan_a"]["offering"].get<std::string>(); }

  ApiDatabase db;
  std::map<std::string, std::string> tokens;
  std::unique_ptr<ApiServerProcess> server;
  const std::string fv042 = demo_case_path("fv-042-kleinschalig.json");
};

TEST_F(RuleSetApi, OneContractManagerProposesASecondApprovesAndTheAdviceChanges) {
  start();
  const std::string base = bundled_version();
  const json before = query(fv042);
  EXPECT_EQ(before["ruleset"]["version"], base);
  EXPECT_EQ(plan_a(before), "prov-019-amersfoort-kw");

  const json made = propose(strict_params(), base);
  EXPECT_EQ(made["base"], base);
  EXPECT_EQ(made["dry_run"]["advices"], 1);
  EXPECT_EQ(made["dry_run"]["changed"], 1) << "the kept Food Valley advice loses its plan A in Eemland";
  const std::string id = made["proposal"];
  // The dry run is kept with the proposal: which advice changes, and how.
  const json detail = ok(get("/api/v1/proposals/" + id, "cm2"));
  ASSERT_EQ(detail["dry_run_detail"]["changed"].size(), 1u) << detail.dump(2);
  EXPECT_EQ(detail["dry_run_detail"]["changed"][0]["case"], "2026-FV-042");
  EXPECT_EQ(detail["dry_run_detail"]["changed"][0]["before"]["plan_a"]["offering"], "prov-019-amersfoort-kw");
  EXPECT_EQ(detail["status"], "proposed");
  const json queue = ok(get("/api/v1/proposals?status=proposed", "cm2"));
  ASSERT_EQ(queue.size(), 1u);
  EXPECT_EQ(queue[0]["proposal"], id);

  // Four eyes: the proposer cannot approve; a member cannot either.
  const json self = ok(post("/api/v1/proposals/" + id + "/approve", json::object(), "cm1"), 409);
  EXPECT_NE(self["message"].get<std::string>().find("four eyes"), std::string::npos);
  ok(post("/api/v1/proposals/" + id + "/approve", json::object(), "member"), 403);
  EXPECT_EQ(query(fv042)["ruleset"]["version"], base);

  const json approved = approve(id, "cm2");
  EXPECT_EQ(approved["version"], base + "+p" + id);
  const json after = query(fv042);
  EXPECT_EQ(after["ruleset"]["version"], approved["version"]);
  EXPECT_EQ(after["ruleset"]["hash"], approved["hash"]);
  EXPECT_NE(plan_a(after), "prov-019-amersfoort-kw");

  const json history = ok(get("/api/v1/rulesets/default/history"));
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1]["proposed_by"], "contract_manager-user");
  EXPECT_EQ(history[1]["approved_by"], "contractmanager-2");
  EXPECT_EQ(history[1]["dry_run"]["changed"], 1);
}

TEST_F(RuleSetApi, AProposalThatSwitchesOffAProtectedRuleNeedsAnAdminToApprove) {
  start();
  const json made = propose({{"disabled", {"contracted_only"}}}, bundled_version());
  EXPECT_EQ(made["protected_changes"], json::array({"contracted_only"}));
  const json refused = ok(post("/api/v1/proposals/" + made["proposal"].get<std::string>() + "/approve", json::object(), "cm2"), 403);
  EXPECT_EQ(refused["code"], "forbidden");
  EXPECT_NE(refused["message"].get<std::string>().find("beheerder"), std::string::npos);
  approve(made["proposal"], "admin");
  EXPECT_EQ(ok(get("/api/v1/rulesets/default/history")).back()["approved_by"], "admin-user");
  // A weight of an unprotected rule needs no admin.
  const json weight = propose({{"rules", {{"distance", {{"max_km", 60}}}}}}, bundled_version() + "+p" + made["proposal"].get<std::string>());
  EXPECT_TRUE(weight["protected_changes"].empty());
  approve(weight["proposal"], "cm2");
}

TEST_F(RuleSetApi, AParameterOutsideItsRangeIsRefusedNamingTheParameter) {
  start();
  const json e = propose({{"rules", {{"in_region_first", {{"points", {{"region", -999999}}}}}}}}, bundled_version(), "cm1", 400);
  EXPECT_EQ(e["code"], "invalid_input");
  EXPECT_EQ(e["pointer"], "/params/rules/in_region_first/points/region");
  EXPECT_NE(e["message"].get<std::string>().find("Punten per trede"), std::string::npos) << e.dump();
  // The dry run refuses it the same way.
  const auto dry = post("/api/v1/rulesets/default/dry-run",
                        {{"params", {{"rules", {{"stale_capacity", {{"max_age_days", 0}}}}}}}, {"base", bundled_version()}}, "cm1");
  const json d = ok(dry, 400);
  EXPECT_EQ(d["pointer"], "/params/rules/stale_capacity/max_age_days");
  EXPECT_TRUE(ok(get("/api/v1/proposals", "cm1")).size() == 1u) << "only the installed default";
}

TEST_F(RuleSetApi, TwoTabsCannotLoseEachOthersUpdate) {
  start();
  const std::string base = bundled_version();
  // Both tabs load version `base` and try a change.
  ok(post("/api/v1/rulesets/default/dry-run", {{"params", {{"rules", {{"distance", {{"max_km", 60}}}}}}}, {"base", base}}, "cm1"));
  ok(post("/api/v1/rulesets/default/dry-run", {{"params", {{"rules", {{"continuity", {{"points", 25}}}}}}}, {"base", base}}, "cm2"));
  const json first = propose({{"rules", {{"distance", {{"max_km", 60}}}}}}, base, "cm1");
  approve(first["proposal"], "cm2");
  const std::string active = base + "+p" + first["proposal"].get<std::string>();
  // The second tab still shows `base`: its proposal would undo the first one.
  const json stale = propose({{"rules", {{"continuity", {{"points", 25}}}}}}, base, "cm2", 409);
  EXPECT_EQ(stale["code"], "conflict");
  EXPECT_NE(stale["message"].get<std::string>().find("version " + active + " is the active version"), std::string::npos)
      << stale.dump();
  const json dry = ok(post("/api/v1/rulesets/default/dry-run",
                           {{"params", {{"rules", {{"continuity", {{"points", 25}}}}}}}, {"base", base}}, "cm2"), 409);
  EXPECT_EQ(dry["code"], "conflict");
  // Reloaded, it starts from the active version and keeps the first change.
  const json second = propose({{"rules", {{"continuity", {{"points", 25}}}}}}, active, "cm2");
  approve(second["proposal"], "cm1");
  const json rules = ok(get("/api/v1/rulesets/default/rules"));
  for (const auto& r : rules["rules"])
    for (const auto& p : r["params"]) {
      if (r["name"] == "distance" && p["name"] == "max_km") {
        EXPECT_EQ(p["value"], 60);
      }
      if (r["name"] == "continuity" && p["name"] == "points") {
        EXPECT_EQ(p["value"], 25);
      }
    }
}

TEST_F(RuleSetApi, RollbackIsAProposalThatBringsBackTheSameHash) {
  start();
  const std::string base = bundled_version();
  const std::string original = query(fv042)["ruleset"]["hash"];
  approve(propose(strict_params(), base)["proposal"], "cm2");
  const json back = ok(post("/api/v1/rulesets/default/rollback", {{"to", base}, {"comment", "terugzetten"}}, "cm2"), 201);
  EXPECT_EQ(back["version"], base);
  EXPECT_EQ(back["hash"], original);
  ok(post("/api/v1/proposals/" + back["proposal"].get<std::string>() + "/approve", json::object(), "cm2"), 409);
  approve(back["proposal"], "cm1");
  EXPECT_EQ(query(fv042)["ruleset"]["hash"], original);
  ok(post("/api/v1/rulesets/default/rollback", {{"to", "0.0.1"}, {"comment", "x"}}, "cm2"), 400);
}

TEST_F(RuleSetApi, AScopedContractManagerChangesOnlyTheRulesOfItsOwnRegion) {
  auto scoped = run_passend({"token", "create", "--db", db.path(), "--role", "contract_manager", "--name", "CM Food Valley",
                             "--region", "JZ21"});
  ASSERT_EQ(scoped.exit_code, 0) << scoped.err;
  tokens["fv"] = scoped.out.substr(0, scoped.out.find('\n'));
  TempDir dir;
  const std::string folder = rule_set_copy(dir, "foodvalley", "1.0.0", strict_params());
  const auto installed = run_passend({"rules", "install", "--db", db.path(), "--from", folder, "--actor", "anna", "--format", "json"});
  ASSERT_EQ(installed.exit_code, 0) << installed.err;
  ASSERT_EQ(run_passend({"rules", "approve", "--db", db.path(), "--proposal", proposal_of(installed), "--actor", "bert",
                         "--from", "2026-01-01"}).exit_code, 0);
  start();
  // The default answers for every region: not this token's to change.
  const json out = propose({{"rules", {{"distance", {{"max_km", 60}}}}}}, bundled_version(), "fv", 403);
  EXPECT_EQ(out["code"], "out_of_scope");
  // Its own region's assignment is.
  auto put = [&](const std::string& scope) {
    return server->client().Put(("/api/v1/assignments/" + scope).c_str(), bearer(tokens.at("fv")),
                                json{{"ruleset", "foodvalley"}}.dump(), "application/json");
  };
  EXPECT_EQ(ok(put("JZ05"), 403)["code"], "out_of_scope");
  ok(put("JZ21"));
  EXPECT_EQ(query(fv042)["ruleset"]["name"], "foodvalley");
  // foodvalley answers for Food Valley alone: its contract manager may change it.
  const json mine = ok(post("/api/v1/rulesets/foodvalley/proposals",
                            {{"params", {{"rules", {{"distance", {{"max_km", 60}}}}}}}, {"base", "1.0.0"}, {"comment", "korter"}},
                            "fv"),
                       201);
  EXPECT_EQ(mine["ruleset"], "foodvalley");
  EXPECT_EQ(ok(get("/api/v1/assignments")).size(), 2u);
}

// One `passend serve`, two rule sets, two regions, queried at the same time: each answer names
// the rule set of its case's region and follows it.
TEST_F(RuleSetApi, TwoRuleSetsServeTwoRegionsFromOneServerAtOnce) {
  TempDir dir;
  const std::string folder = rule_set_copy(dir, "foodvalley", "1.0.0", strict_params());
  const auto installed = run_passend({"rules", "install", "--db", db.path(), "--from", folder, "--actor", "anna", "--format", "json"});
  ASSERT_EQ(installed.exit_code, 0) << installed.err;
  ASSERT_EQ(run_passend({"rules", "approve", "--db", db.path(), "--proposal", proposal_of(installed), "--actor", "bert",
                         "--from", "2026-01-01"}).exit_code, 0);
  ASSERT_EQ(run_passend({"rules", "assign", "--db", db.path(), "--ruleset", "foodvalley", "--region", "JZ21"}).exit_code, 0);
  start();
  EXPECT_NE(server->log().find("foodvalley 1.0.0"), std::string::npos) << server->log();
  EXPECT_NE(server->log().find("default " + bundled_version()), std::string::npos) << server->log();
  const std::string eemland = moved_case(dir, "fv-042-kleinschalig.json", "GM0307", "2026-EM-042");  // JZ20
  const std::string fv_body = read_text(fv042), em_body = read_text(eemland);
  std::atomic<int> wrong{0}, done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      auto client = server->client();
      for (int i = 0; i < 10; ++i) {
        const bool fv = (t + i) % 2 == 0;
        auto r = client.Post((std::string("/api/v1/query?date=") + kDemoDate).c_str(), bearer(tokens.at("member")),
                             fv ? fv_body : em_body, "application/json");
        if (!r || r->status != 200) {
          ++wrong;
          continue;
        }
        const json j = json::parse(r->body);
        const bool right = fv ? j["ruleset"]["name"] == "foodvalley" && j["region"]["code"] == "JZ21"
                              : j["ruleset"]["name"] == "default" && j["region"]["code"] == "JZ20";
        if (!right) ++wrong;
        ++done;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(done.load(), 40);
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_NE(plan_a(query(fv042)), "prov-019-amersfoort-kw") << "Food Valley's own rules keep it in its region";
  EXPECT_EQ(query(eemland)["ruleset"]["name"], "default");
}

}  // namespace
