// Rule sets in the database through the real `passend` program (docs/rules.md, "Rule sets in the
// database"): init installs the bundled default, install, four eyes, assignment per region and
// network, the version active on the reference date, stale bases refused, rollback to the same
// hash, ranges refused, allocation by each case's region, and v1's folder moved in.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "plugins/ruleset_files.hpp"
#include "providers/schema.hpp"
#include "providers/sqlite.hpp"
#include "tests/support/cli_runner.hpp"
#include "tests/support/ruleset_fixtures.hpp"

using namespace passend::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

class RuleSetsDb : public ::testing::Test {
 protected:
  void SetUp() override {
    db = dir.file("passend.db");
    ASSERT_EQ(run_passend({"init", "--db", db}).exit_code, 0);
    ASSERT_EQ(run_passend({"import", "--db", db, (PASSEND_SOURCE_DIR + "/data/demo/network.json")}).exit_code, 0);
  }
  CliResult rules(std::vector<std::string> args) {
    args.insert(args.begin(), "rules");
    args.push_back("--db");
    args.push_back(db);
    return run_passend(args);
  }
  json history() { return json_out(rules({"history", "--format", "json"})); }
  json query(const std::string& case_path, const std::string& date = kDemoDate) {
    return json_out(run_passend({"query", "--db", db, "--case", case_path, "--date", date, "--format", "json"}));
  }
  std::string plan_a(const json& result) { return result["plan_a"].is_null() ? "" : result["plan_a"]["offering"].get<std::string>(); }
  // A proposal by one person, approved by another; returns the proposal id. Approved from a date
  // before the demo's reference date unless told otherwise: without --from a version answers
  // from the day of its approval on, and the demo cases are asked about 2026-11-26.
  std::string approved(const std::vector<std::string>& propose,
                       const std::vector<std::string>& approve_extra = {"--from", "2026-01-01"}) {
    const std::string id = proposal_of(rules(propose));
    std::vector<std::string> approve = {"approve", "--proposal", id, "--actor", "bert", "--format", "json"};
    approve.insert(approve.end(), approve_extra.begin(), approve_extra.end());
    json_out(rules(approve));
    return id;
  }
  std::string write_params(const std::string& name, const json& params) {
    const std::string path = dir.file(name);
    write_text(path, params.dump(2));
    return path;
  }
  std::vector<std::string> propose_args(const std::string& params_file, const std::string& base,
                                        const std::string& actor = "anna") {
    return {"propose", "--ruleset", "default", "--params", params_file, "--base", base, "--actor", actor,
            "--comment", "regio-overleg", "--format", "json"};
  }

  TempDir dir;
  std::string db;
  const std::string fv042 = demo_case_path("fv-042-kleinschalig.json");
};

TEST_F(RuleSetsDb, InitInstallsTheBundledDefaultAsTheActiveVersionForEveryDateAndAssignsIt) {
  const json h = history();
  ASSERT_EQ(h.size(), 1u) << h.dump(2);
  EXPECT_EQ(h[0]["ruleset"], "default");
  EXPECT_EQ(h[0]["version"], bundled_version());
  EXPECT_EQ(h[0]["status"], "active");
  EXPECT_EQ(h[0]["active_from"], "0001-01-01");
  EXPECT_EQ(h[0]["proposed_by"], "passend init");
  EXPECT_TRUE(h[0]["in_force"].get<bool>());
  for (const char* date : {"1990-01-01", kDemoDate, "2099-12-31"}) {
    const json r = query(fv042, date);
    EXPECT_EQ(r["ruleset"]["version"], bundled_version()) << date;
    EXPECT_EQ(r["ruleset"]["hash"], h[0]["hash"]) << date;
  }
  // Nothing beside the database file.
  EXPECT_FALSE(fs::exists(db + ".rulesets"));
  // A second init installs nothing again.
  ASSERT_EQ(run_passend({"init", "--db", db}).exit_code, 0);
  EXPECT_EQ(history().size(), 1u);
}

TEST_F(RuleSetsDb, InstallStoresAProposalThatAnswersOnlyOnceApprovedAndAssigned) {
  const std::string folder = rule_set_copy(dir, "foodvalley", "1.0.0", strict_params());
  const auto installed = rules({"install", "--from", folder, "--actor", "anna", "--format", "json"});
  const json made = json_out(installed);
  EXPECT_EQ(made["ruleset"], "foodvalley");
  EXPECT_EQ(made["version"], "1.0.0");
  EXPECT_EQ(made["base"], "");
  const auto assigned = rules({"assign", "--ruleset", "foodvalley", "--region", "JZ21", "--actor", "anna"});
  EXPECT_EQ(assigned.exit_code, 0) << assigned.err;
  EXPECT_NE(assigned.out.find("no version in force today"), std::string::npos) << assigned.out;
  // Proposed, not approved: the default still answers for Food Valley.
  const json before = query(fv042);
  EXPECT_EQ(before["ruleset"]["name"], "default");
  EXPECT_EQ(plan_a(before), "prov-019-amersfoort-kw");  // a neighbouring region (Eemland)

  json_out(rules({"approve", "--proposal", made["proposal"].get<std::string>(), "--actor", "bert", "--from", "2026-01-01", "--format", "json"}));
  const json after = query(fv042);
  EXPECT_EQ(after["ruleset"]["name"], "foodvalley");
  EXPECT_EQ(after["ruleset"]["version"], "1.0.0");
  EXPECT_EQ(after["ruleset"]["hash"], made["hash"]);
  EXPECT_NE(plan_a(after), "prov-019-amersfoort-kw") << "Food Valley keeps to its own region now";
  // The same version twice is a conflict; nothing is added.
  const auto again = rules({"install", "--from", folder, "--actor", "anna"});
  EXPECT_EQ(again.exit_code, 4) << again.err;
  EXPECT_EQ(history().size(), 2u);
}

TEST_F(RuleSetsDb, InstallRefusesARuleSetThatFailsItsCheckOrItsScenarioTables) {
  const auto broken = rules({"install", "--from", (PASSEND_SOURCE_DIR + "/tests/rulesets/syntax_error"),
                             "--actor", "anna"});
  EXPECT_EQ(broken.exit_code, 3) << broken.err;
  // The bundled scenario tables expect the default's behaviour; a stricter boundary fails them.
  const std::string failing = rule_set_copy(dir, "strenger", "1.0.0", strict_params(), /*with_tests=*/true);
  const auto refused = rules({"install", "--from", failing, "--actor", "anna"});
  EXPECT_EQ(refused.exit_code, 3) << refused.err;
  EXPECT_NE(refused.err.find("rules test failed"), std::string::npos) << refused.err;
  EXPECT_EQ(history().size(), 1u) << "nothing was stored";
}

TEST_F(RuleSetsDb, ASecondPersonApprovesNeverTheProposer) {
  const std::string params = write_params("p.json", {{"rules", {{"identity_preference", {{"points", 20}}}}}});
  const std::string id = proposal_of(rules(propose_args(params, bundled_version())));
  const auto self = rules({"approve", "--proposal", id, "--actor", "anna"});
  EXPECT_EQ(self.exit_code, 4) << self.err;
  EXPECT_NE(self.err.find("four eyes"), std::string::npos) << self.err;
  EXPECT_EQ(history()[1]["status"], "proposed");
  EXPECT_EQ(query(fv042)["ruleset"]["version"], bundled_version());

  const json ok = json_out(rules({"approve", "--proposal", id, "--actor", "bert", "--from", "2026-01-01", "--format", "json"}));
  EXPECT_EQ(ok["version"], bundled_version() + "+p" + id);
  const json h = history();
  EXPECT_EQ(h[1]["status"], "active");
  EXPECT_EQ(h[1]["proposed_by"], "anna");
  EXPECT_EQ(h[1]["approved_by"], "bert");
  EXPECT_EQ(h[1]["comment"], "regio-overleg");
  EXPECT_EQ(h[1]["base"], bundled_version());
  ASSERT_EQ(h[1]["changes"].size(), 1u) << h[1].dump(2);
  EXPECT_EQ(h[1]["changes"][0]["param"], "points");
  EXPECT_EQ(h[1]["changes"][0]["before"], 15);
  EXPECT_EQ(h[1]["changes"][0]["after"], 20);
  EXPECT_TRUE(h[1]["dry_run"].contains("advices") && h[1]["dry_run"].contains("changed"));
  EXPECT_EQ(h[0]["status"], "superseded");
  EXPECT_EQ(query(fv042)["ruleset"]["version"], ok["version"]);
}

TEST_F(RuleSetsDb, AStaleBaseIsRefusedNamingTheActiveVersion) {
  const std::string base = bundled_version();
  const std::string a = write_params("a.json", {{"rules", {{"identity_preference", {{"points", 20}}}}}});
  const std::string b = write_params("b.json", {{"rules", {{"distance", {{"max_km", 60}}}}}});
  const std::string first = proposal_of(rules(propose_args(a, base, "anna")));
  const std::string second = proposal_of(rules(propose_args(b, base, "carla")));
  json_out(rules({"approve", "--proposal", first, "--actor", "bert", "--from", "2026-01-01", "--format", "json"}));
  const std::string active = base + "+p" + first;

  const auto stale = rules(propose_args(b, base, "carla"));
  EXPECT_EQ(stale.exit_code, 4) << stale.err;
  EXPECT_NE(stale.err.find("version " + active + " is the active version"), std::string::npos) << stale.err;
  // The second proposal started from the old base: it cannot be approved any more.
  const auto lost = rules({"approve", "--proposal", second, "--actor", "bert"});
  EXPECT_EQ(lost.exit_code, 4) << lost.err;
  EXPECT_EQ(history()[2]["status"], "withdrawn");
  // Starting again from the active version works, and keeps the first change.
  const std::string third = approved(propose_args(b, active, "carla"));
  const json h = history();
  EXPECT_EQ(h.back()["base"], active);
  EXPECT_EQ(query(fv042)["ruleset"]["version"], base + "+p" + third);
}

TEST_F(RuleSetsDb, ARegionsOwnAssignmentComesBeforeItsNetworksBeforeTheDefault) {
  const std::string folder = rule_set_copy(dir, "boeg", "1.0.0", strict_params());
  approved({"install", "--from", folder, "--actor", "anna", "--format", "json"});
  ASSERT_EQ(rules({"assign", "--ruleset", "boeg", "--network", "EXN03", "--actor", "anna"}).exit_code, 0);
  const std::string eemland = moved_case(dir, "fv-042-kleinschalig.json", "GM0307", "2026-EM-001");  // JZ20, EXN04
  EXPECT_EQ(query(fv042)["ruleset"]["name"], "boeg") << "Food Valley lies in BOEG (EXN03)";
  EXPECT_EQ(query(eemland)["ruleset"]["name"], "default");
  ASSERT_EQ(rules({"assign", "--ruleset", "default", "--region", "JZ21", "--actor", "anna"}).exit_code, 0);
  EXPECT_EQ(query(fv042)["ruleset"]["name"], "default") << "the region's own assignment wins";
  // An unknown region or rule set is refused.
  EXPECT_EQ(rules({"assign", "--ruleset", "boeg", "--region", "JZ99"}).exit_code, 2);
  EXPECT_EQ(rules({"assign", "--ruleset", "nope", "--default"}).exit_code, 2);
  EXPECT_EQ(rules({"assign", "--ruleset", "boeg"}).exit_code, 2);
}

TEST_F(RuleSetsDb, TheVersionActiveOnTheReferenceDateAnswers) {
  const std::string base = bundled_version();
  const std::string strict = write_params("strict.json", strict_params());
  const std::string id = approved(propose_args(strict, base), {"--from", "2026-12-01"});
  const std::string changed = base + "+p" + id;
  EXPECT_EQ(query(fv042, "2026-11-30")["ruleset"]["version"], base);
  EXPECT_EQ(query(fv042, "2026-12-01")["ruleset"]["version"], changed);
  EXPECT_EQ(query(fv042, "2027-06-01")["ruleset"]["version"], changed);
  json h = history();
  EXPECT_EQ(h[0]["active_until"], "2026-11-30");
  EXPECT_EQ(h[1]["active_from"], "2026-12-01");
  // A later approval from a past date answers for the dates from then on.
  const std::string back = approved({"rollback", "--ruleset", "default", "--to", base, "--actor", "anna", "--comment",
                                     "toch niet", "--format", "json"},
                                    {"--from", "2026-12-15"});
  EXPECT_EQ(query(fv042, "2026-12-10")["ruleset"]["version"], changed);
  EXPECT_EQ(query(fv042, "2026-12-15")["ruleset"]["version"], base);
  h = history();
  EXPECT_EQ(h[2]["proposal"], back);
  EXPECT_EQ(h[1]["active_until"], "2026-12-14");
}

TEST_F(RuleSetsDb, RollbackBringsBackTheEarlierVersionWithTheSameHash) {
  const std::string base = bundled_version();
  const std::string original_hash = query(fv042)["ruleset"]["hash"];
  approved(propose_args(write_params("p.json", strict_params()), base));
  EXPECT_NE(query(fv042)["ruleset"]["hash"], original_hash);
  const auto rollback =
      rules({"rollback", "--ruleset", "default", "--to", base, "--actor", "anna", "--comment", "terug", "--format", "text"});
  ASSERT_EQ(rollback.exit_code, 0) << rollback.err;
  const std::string id = rollback.out.substr(0, rollback.out.find('\n'));  // the id alone on the first line
  json_out(rules({"approve", "--proposal", id, "--actor", "bert", "--from", "2026-01-01", "--format", "json"}));
  const json r = query(fv042);
  EXPECT_EQ(r["ruleset"]["version"], base);
  EXPECT_EQ(r["ruleset"]["hash"], original_hash);
  const json h = history();
  EXPECT_EQ(h.back()["kind"], "rollback");
  EXPECT_EQ(h.back()["hash"], original_hash);
  // Rolling back to the active version, or to one never approved, is refused.
  EXPECT_EQ(rules({"rollback", "--ruleset", "default", "--to", base, "--actor", "anna", "--comment", "x"}).exit_code, 2);
  EXPECT_EQ(rules({"rollback", "--ruleset", "default", "--to", "9.9.9", "--actor", "anna", "--comment", "x"}).exit_code, 2);
}

TEST_F(RuleSetsDb, AParameterOutsideItsDeclaredRangeIsRefusedNamingIt) {
  const std::string params = write_params("bad.json", {{"rules", {{"in_region_first", {{"points", {{"region", -999999}}}}}}}});
  const auto r = rules(propose_args(params, bundled_version()));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(params + ": /rules/in_region_first/points/region"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("Punten per trede"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("from 0 to 100"), std::string::npos) << r.err;
  // No change at all is refused too; neither stores anything.
  const auto same = rules(propose_args(write_params("same.json", json::object()), bundled_version()));
  EXPECT_EQ(same.exit_code, 2) << same.err;
  EXPECT_EQ(history().size(), 1u);
}

TEST_F(RuleSetsDb, AChangeNamesOnlyWhatChangesAndKeepsTheRest) {
  const std::string base = bundled_version();
  const std::string first =
      approved(propose_args(write_params("a.json", {{"rules", {{"in_region_first", {{"points", {{"adjacent", 25}}}}}}}}), base));
  const std::string active = base + "+p" + first;
  approved(propose_args(write_params("b.json", {{"rules", {{"in_region_first", {{"points", {{"region", 35}}}}}}}}), active));
  const json h = history();
  const json& change = h.back()["changes"][0];
  EXPECT_EQ(change["after"]["adjacent"], 25) << "the earlier change stays";
  EXPECT_EQ(change["after"]["region"], 35);
  const json settings_changes = h.back()["changes"];
  for (const auto& c : settings_changes) EXPECT_NE(c["kind"], "setting") << c.dump();
}

TEST_F(RuleSetsDb, AllocationJudgesEachCaseByItsRegionsRuleSet) {
  const std::string folder = rule_set_copy(dir, "foodvalley", "1.0.0", strict_params());
  approved({"install", "--from", folder, "--actor", "anna", "--format", "json"});
  ASSERT_EQ(rules({"assign", "--ruleset", "foodvalley", "--region", "JZ21", "--actor", "anna"}).exit_code, 0);
  const auto r = run_passend({"allocate", "--db", db, "--network", "EXN03", "--cases",
                              demo_case_path("allocation-boeg.json"), "--date", kDemoDate, "--format", "json"});
  const json result = json_out(r);
  std::set<std::string> names;
  for (const auto& rs : result["rulesets"]) names.insert(rs["name"].get<std::string>());
  EXPECT_TRUE(names.count("foodvalley")) << result["rulesets"].dump();
  for (const auto& a : result["assignments"]) EXPECT_TRUE(a.contains("ruleset")) << a.dump();
}

// v1 kept parameter versions in a folder beside the database; init moves them in and removes it.
TEST(RuleSetsMigration, InitMovesTheVersionsOfV1IntoTheDatabase) {
  TempDir dir;
  const std::string db = dir.file("v1.db");
  const std::string version = bundled_version() + "+p1";
  // The files v1 wrote for its version 1: the bundled folder with new parameters.
  const fs::path folder = fs::path(db + ".rulesets") / "1";
  fs::create_directories(folder.parent_path());
  fs::copy((PASSEND_SOURCE_DIR + "/rules/default"), folder, fs::copy_options::recursive);
  const std::string params = R"({"rules": {"distance": {"max_km": 60}}})";
  write_text(folder / "params.json", params);
  auto manifest = bundled_manifest();
  manifest["version"] = version;
  write_text(folder / "ruleset.json", manifest.dump(2) + "\n");
  const std::string hash = passend::rule_set_hash(passend::read_rule_set_files(folder.string()));
  {
    passend::db::Database raw(db, passend::db::Database::Mode::create);
    passend::db::migrate(raw, 8);
    auto st = raw.prepare(
        "INSERT INTO ruleset_version (id, ruleset_name, base_version, version, hash, params, author, at, comment) "
        "VALUES (1, 'default', ?, ?, ?, ?, 'contract_manager-user', '2026-11-20T10:00:00Z', 'afstand korter')");
    st.bind(1, bundled_version()).bind(2, version).bind(3, hash).bind(4, params);
    st.run();
  }
  const auto init = run_passend({"init", "--db", db});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_FALSE(fs::exists(db + ".rulesets")) << init.out;
  const json h = json_out(run_passend({"rules", "history", "--db", db, "--format", "json"}));
  ASSERT_EQ(h.size(), 2u) << h.dump(2);
  EXPECT_EQ(h[0]["kind"], "migrated");
  EXPECT_EQ(h[0]["version"], version);
  EXPECT_EQ(h[0]["hash"], hash);
  EXPECT_EQ(h[0]["proposed_by"], "contract_manager-user");
  EXPECT_EQ(h[0]["status"], "active");
  // The program's own default comes as a proposal for a person to approve.
  EXPECT_EQ(h[1]["version"], bundled_version());
  EXPECT_EQ(h[1]["status"], "proposed");
  EXPECT_EQ(h[1]["proposed_by"], "passend init");
  ASSERT_EQ(run_passend({"import", "--db", db, (PASSEND_SOURCE_DIR + "/data/demo/network.json")}).exit_code, 0);
  const json r = json_out(run_passend({"query", "--db", db, "--case", demo_case_path("fv-042-kleinschalig.json"),
                                       "--date", kDemoDate, "--format", "json"}));
  EXPECT_EQ(r["ruleset"]["hash"], hash) << "advice goes on with the version v1 answered with";
}

}  // namespace
