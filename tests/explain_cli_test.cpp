// `passend query` and `passend explain` through the real CLI on a generated national network:
// the far exclusions counted in excluded_summary, any offering's whole verdict with explain
// (JSON and Dutch text), its audit record, and the errors a user can make.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "tests/support/cli_runner.hpp"

using namespace passend::testing;
using nlohmann::json;

namespace {

const char* const kCase = R"({"id": "2026-FV-100", "age": 15, "municipality": "GM0228",
  "need": {"care_forms": ["family_home", "small_scale_living", "residential"], "expertise": ["autism"],
           "urgency": "high", "max_wait_weeks": 4}, "flags": ["aggression"]})";

// One database for the suite: a generated network of 2,000 offerings.
class ExplainCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    db_ = dir_->file("passend.db");
    case_ = dir_->file("case.json");
    write_text(case_, kCase);
    ASSERT_EQ(run_passend({"init", "--db", db_}).exit_code, 0);
    const std::string network = dir_->file("network.json");
    ASSERT_EQ(run_passend({"generate", "network", "--seed", "42", "--offerings", "2000", "--date", "2026-11-26", "--out", network})
                  .exit_code, 0);
    ASSERT_EQ(run_passend({"import", "--db", db_, network}).exit_code, 0);
    const auto q = run_passend({"query", "--db", db_, "--case", case_, "--date", "2026-11-26", "--format", "json"});
    ASSERT_EQ(q.exit_code, 0) << q.err;
    query_ = new json(json::parse(q.out));
    network_ = new json(json::parse(read_text(network)));
  }
  static void TearDownTestSuite() {
    delete query_;
    delete network_;
    delete dir_;
  }
  static CliResult explain(const std::string& offering, const std::string& format = "json") {
    return run_passend({"explain", "--db", db_, "--case", case_, "--offering", offering, "--date", "2026-11-26", "--format", format});
  }
  // An offering of an asked care form that the query counted in excluded_summary.
  static std::string counted_offering() {
    std::set<std::string> shown;
    for (const auto& x : (*query_)["candidates"]) shown.insert(x["offering"]);
    for (const auto& x : (*query_)["excluded"]) shown.insert(x["offering"]);
    for (const auto& p : (*network_)["providers"])
      for (const auto& l : p["locations"])
        for (const auto& o : l["offerings"])
          if (o["care_form"] == "residential" && !shown.count(o["id"])) return o["id"];
    return "";
  }
  static std::string offering_of_care_form(const std::string& care_form) {
    for (const auto& p : (*network_)["providers"])
      for (const auto& l : p["locations"])
        for (const auto& o : l["offerings"])
          if (o["care_form"] == care_form) return o["id"];
    return "";
  }
  static std::size_t audit_records() {
    const auto r = run_passend({"audit", "list", "--db", db_, "--limit", "100000"});
    return static_cast<std::size_t>(std::count(r.out.begin(), r.out.end(), '\n'));
  }
  static TempDir* dir_;
  static std::string db_, case_;
  static json* query_;
  static json* network_;
};
TempDir* ExplainCli::dir_ = nullptr;
std::string ExplainCli::db_, ExplainCli::case_;
json* ExplainCli::query_ = nullptr;
json* ExplainCli::network_ = nullptr;

TEST_F(ExplainCli, TheQueryListsTheNearTiersAndCountsTheNationalOne) {
  const json& q = *query_;
  ASSERT_FALSE(q["excluded_summary"].empty());
  for (const auto& row : q["excluded_summary"]) {
    EXPECT_EQ(row["tier"], "national");
    for (const char* key : {"rule", "code", "text"}) EXPECT_TRUE(row[key].is_string()) << key;
    EXPECT_GT(row["count"].get<int>(), 0);
  }
  EXPECT_EQ(q["excluded_summary"][0]["code"], "no_contract");
  EXPECT_EQ(q["excluded_summary"][0]["text"], "geen contract met Food Valley voor perceel verblijf");
  for (const auto& x : q["excluded"]) EXPECT_TRUE(x["tier"] != "national" || x["exempt"] == true) << x["offering"];

  const auto text = run_passend({"query", "--db", db_, "--case", case_, "--date", "2026-11-26", "--format", "text"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Verder weg, geteld (passend explain --offering ID geeft één aanbod volledig):"), std::string::npos);
  EXPECT_NE(text.out.find("× geen contract met Food Valley voor perceel verblijf · landelijk"), std::string::npos) << text.out;
}

TEST_F(ExplainCli, GivesPlanAAsTheQueryRanksIt) {
  const json& plan_a = (*query_)["plan_a"];
  ASSERT_TRUE(plan_a.is_object());
  const auto r = explain(plan_a["offering"]);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json e = json::parse(r.out);
  EXPECT_EQ(e["case"], "2026-FV-100");
  EXPECT_EQ(e["ruleset"], (*query_)["ruleset"]);
  EXPECT_EQ(e["outcome"], "admitted");
  EXPECT_EQ(e["shown_in"], "candidates");
  EXPECT_EQ(e["plan"], "plan_a");
  json verdict = e["verdict"];
  EXPECT_TRUE(verdict["exclusions"].empty());
  verdict.erase("exclusions");
  EXPECT_EQ(verdict, (*query_)["candidates"][0]);
}

TEST_F(ExplainCli, GivesACountedExclusionInFullAndInDutch) {
  const std::string id = counted_offering();
  ASSERT_FALSE(id.empty());
  const auto r = explain(id);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json e = json::parse(r.out);
  EXPECT_EQ(e["outcome"], "excluded");
  EXPECT_EQ(e["shown_in"], "excluded_summary");
  EXPECT_EQ(e["verdict"]["tier"], "national");
  ASSERT_FALSE(e["verdict"]["exclusions"].empty());
  const json& first = e["verdict"]["exclusions"][0];
  bool counted = false;
  for (const auto& row : (*query_)["excluded_summary"])
    counted |= row["rule"] == first["rule"] && row["code"] == first["code"] && row["text"] == first["text"];
  EXPECT_TRUE(counted) << first.dump();

  const auto text = explain(id, "text");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Aanbod       " + id), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Uitkomst     uitgesloten (in het advies meegeteld in de samenvatting per laag en reden)"),
            std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Uitgesloten door\n  " + first["rule"].get<std::string>() + " (" + first["code"].get<std::string>() +
                          "): " + first["text"].get<std::string>()),
            std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Vastgelegd als audit #"), std::string::npos);
}

TEST_F(ExplainCli, IsAuditedAndRefusesAnUnknownOrUnaskedOfferingWritingNothing) {
  const std::size_t before = audit_records();
  const auto ok = explain((*query_)["plan_a"]["offering"]);
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(audit_records(), before + 1);
  const auto list = run_passend({"audit", "list", "--db", db_, "--limit", "1"});
  EXPECT_NE(list.out.find("\texplain\t2026-FV-100"), std::string::npos) << list.out;

  const auto unknown = explain("prov-99999-l01-o1");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "--offering: unknown offering 'prov-99999-l01-o1': the registry does not hold it\n");
  const std::string ambulant = offering_of_care_form("ambulant");
  const auto unasked = explain(ambulant);
  EXPECT_EQ(unasked.exit_code, 2);
  EXPECT_EQ(unasked.err, "--offering: offering '" + ambulant +
                             "' was not evaluated for case 2026-FV-100: its care form is not one the case asks for "
                             "(family_home, small_scale_living, residential) and it is no bridging offer the query considered\n");
  EXPECT_EQ(audit_records(), before + 1) << "a refused explain writes nothing";

  const auto missing = run_passend({"explain", "--db", db_, "--case", case_});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--offering is required"), std::string::npos) << missing.err;
}

}  // namespace
