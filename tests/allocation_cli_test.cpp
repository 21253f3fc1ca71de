// `passend allocate`, `reserve` and `release` through the real program: a small BOEG network
// with two scarce places, competing cases, commit, conflicts and audit records.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "providers/audit_store.hpp"
#include "tests/support/cli_runner.hpp"
#include "providers/sqlite.hpp"
#include "tests/support/paths.hpp"

using namespace passend::testing;
using nlohmann::json;

namespace {

const char* kDate = "2026-11-26";

json offering(const std::string& id, const std::string& care_form, json expertise, int free, bool supra) {
  return {{"id", id}, {"care_form", care_form}, {"product_category", "43"}, {"expertise", expertise},
          {"age_min", 12}, {"age_max", 18}, {"contraindications", json::array()}, {"supra_regional", supra},
          {"capacity", {{"places", 8}, {"free", free}, {"wait_weeks", 0}, {"updated", "2026-11-20"}}}};
}

json provider(const std::string& id, const std::string& network, const std::string& municipality, json offerings) {
  return {{"id", id}, {"name", "Stichting " + id + " (fictief)"}, {"in_network", true},
          {"contracts", {{{"region", network}, {"lot", "verblijf"}, {"status", "active"}, {"from", "2024-01-01"},
                          {"until", "2027-12-31"}}}},
          {"locations", {{{"id", id + "-loc"}, {"municipality", municipality}, {"offerings", offerings}}}}};
}

// Two scarce BOEG places (a-jzp takes forensic care too), one ordinary offering, and a scarce
// place of another network (Utrecht).
// json::array(...) for a list of one: `{offering(...)}` copies the one document under clang and
// makes a list of it under GCC (brace initialisation of a type constructible from itself).
json network() {
  return {{"providers",
           {provider("prov-a", "EXN03", "GM0202", json::array({offering("a-jzp", "secure_residential", {"trauma", "forensic"}, 1, true)})),
            provider("prov-b", "EXN03", "GM0228",
                     {offering("b-jzp", "secure_residential", {"trauma"}, 1, true),
                      offering("b-kw", "small_scale_living", {"trauma"}, 3, false)}),
            provider("prov-d", "EXN04", "GM0344", json::array({offering("d-jzp", "secure_residential", {"trauma"}, 1, true)}))}}};
}

json a_case(const std::string& id, const std::string& urgency, const std::string& registered, json expertise = {"trauma"}) {
  return {{"id", id}, {"age", 15}, {"municipality", "GM0228"},
          {"need", {{"care_forms", {"secure_residential"}}, {"expertise", expertise}, {"urgency", urgency}, {"max_wait_weeks", 2}}},
          {"legal", {{"secure_authorisation", true}}},
          {"registered", registered}};
}

json competing_cases() {
  return json::array({a_case("2026-FV-204", "normal", "2026-11-25"), a_case("2026-FV-201", "crisis", "2026-08-01"),
                      a_case("2026-FV-203", "normal", "2026-11-20", {"forensic"}),
                      a_case("2026-FV-202", "high", "2026-10-01"),
                      a_case("2026-FV-205", "high", "2026-10-01", {"eating_disorder"})});
}

class AllocationCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("passend.db");
    auto init = run_passend({"init", "--db", db_});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    write_text(dir_.file("network.json"), network().dump(2));
    auto imp = run_passend({"import", "--db", db_, dir_.file("network.json")});
    ASSERT_EQ(imp.exit_code, 0) << imp.err;
  }

  CliResult allocate(const json& cases, std::vector<std::string> extra = {}) {
    const std::string path = dir_.file("cases.json");
    write_text(path, cases.dump(2));
    std::vector<std::string> args = {"allocate", "--db", db_, "--network", "EXN03", "--cases", path, "--date", kDate};
    args.insert(args.end(), extra.begin(), extra.end());
    if (std::find(extra.begin(), extra.end(), "--format") == extra.end()) {
      args.push_back("--format");
      args.push_back("json");
    }
    return run_passend(args);
  }

  CliResult reserve(const std::string& c, const std::string& offering, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"reserve", "--db", db_, "--case", c, "--offering", offering, "--date", kDate, "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_passend(args);
  }

  CliResult release(const std::string& c, const std::string& offering) {
    return run_passend({"release", "--db", db_, "--case", c, "--offering", offering, "--date", kDate, "--format", "json"});
  }

  std::size_t audit_count(const std::string& action) {
    passend::db::Database db(db_, passend::db::Database::Mode::read_only);
    return passend::db::list_audit(db, 100000, action).size();
  }

  TempDir dir_;
  std::string db_;
};

const json* find_case(const json& list, const std::string& id) {
  for (const auto& x : list)
    if (x["case"] == id) return &x;
  return nullptr;
}

TEST_F(AllocationCli, AssignsTheScarcePlacesWithReasons) {
  auto r = allocate(competing_cases());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["network"], "EXN03");
  EXPECT_EQ(j["reference_date"], kDate);
  EXPECT_EQ(j["ruleset"]["name"], "default");
  EXPECT_EQ(j["ruleset"]["hash"].get<std::string>().rfind("sha256:", 0), 0u);
  EXPECT_EQ(j["committed"], false);
  // Only the two BOEG places with free > 0 count: not the ordinary offering, not Utrecht's.
  ASSERT_EQ(j["places"].size(), 2u);
  EXPECT_EQ(j["places"][0]["offering"], "a-jzp");
  EXPECT_EQ(j["places"][1]["offering"], "b-jzp");

  EXPECT_EQ(j["placed"], 2);
  ASSERT_EQ(j["assignments"].size(), 2u);
  double total = 0;
  for (const auto& a : j["assignments"]) {
    double sum = 0;
    for (const auto& reason : a["reasons"]) sum += reason["effect"].get<double>();
    EXPECT_NEAR(a["priority"].get<double>(), sum, 0.011) << a.dump();
    EXPECT_FALSE(a["reasons"].empty());
    total += a["priority"].get<double>();
  }
  EXPECT_NEAR(j["objective"].get<double>(), total, 0.001);
  // The crisis case that waited longest is placed; assignments come sorted by case id.
  EXPECT_EQ(j["assignments"][0]["case"], "2026-FV-201");

  ASSERT_EQ(j["unassigned"].size(), 3u);
  const json* none = find_case(j["unassigned"], "2026-FV-205");
  ASSERT_NE(none, nullptr);
  EXPECT_EQ((*none)["code"], "no_eligible_place");
  EXPECT_TRUE((*none)["outranked_by"].is_null());
  for (const auto& u : j["unassigned"]) {
    EXPECT_FALSE(u["text"].get<std::string>().empty());
    if (u["code"] == "outranked") {
      EXPECT_NE(find_case(j["assignments"], u["outranked_by"]), nullptr) << u.dump();
    }
  }
}

// The priority's components, each its own reason with an honest Dutch text: urgency, weeks
// waited, expertise of the place that fits the youth, and distance as a small term. No tier and
// no query score (that would favour the place's own region over the network's other regions).
TEST_F(AllocationCli, EachComponentOfThePriorityIsItsOwnReason) {
  auto r = allocate(competing_cases());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  const json* crisis = find_case(j["assignments"], "2026-FV-201");
  ASSERT_NE(crisis, nullptr) << j.dump(2);
  const json& reasons = (*crisis)["reasons"];
  ASSERT_EQ(reasons.size(), 4u) << reasons.dump(2);
  // What weighed most first.
  EXPECT_EQ(reasons[0], json({{"rule", "priority_urgency"}, {"effect", 50.0}, {"text", "urgentie crisis"}}));
  EXPECT_EQ(reasons[1], json({{"rule", "priority_waiting"}, {"effect", 16.0}, {"text", "wacht al 16 weken"}}));
  EXPECT_EQ(reasons[2], json({{"rule", "priority_expertise"}, {"effect", 10.0},
                              {"text", "expertise passend bij de jeugdige: trauma"}}));
  EXPECT_EQ(reasons[3]["rule"], "priority_distance");
  const double km = (*crisis)["offering"] == "b-jzp" ? 0 : std::stod(reasons[3]["text"].get<std::string>().substr(8));
  EXPECT_EQ(reasons[3]["text"], "afstand " + std::to_string(static_cast<int>(km)) + " km");
  EXPECT_NEAR(reasons[3]["effect"].get<double>(), 5 * (1 - km / 100), 0.006) << "at most 5 points, 0 at 100 km";
  for (const auto& a : j["assignments"])
    for (const auto& reason : a["reasons"]) {
      const std::string text = reason["text"];
      EXPECT_EQ(text.find("score"), std::string::npos) << text;
      EXPECT_EQ(text.find("regio"), std::string::npos) << text;
    }

  // A forensic need: the place with forensic expertise counts it.
  const json* forensic = find_case(j["assignments"], "2026-FV-203");
  const json* outranked = find_case(j["unassigned"], "2026-FV-203");
  ASSERT_TRUE(forensic || outranked);
  if (forensic) {
    EXPECT_EQ((*forensic)["offering"], "a-jzp");
    EXPECT_NE((*forensic)["reasons"].dump().find("expertise passend bij de jeugdige: forensische zorg"), std::string::npos);
  }
}

TEST_F(AllocationCli, EligibilityIsExactlyTheQuerysCandidates) {
  auto r = allocate(competing_cases());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  for (const auto& c : competing_cases()) {
    const std::string path = dir_.file("case.json");
    write_text(path, c.dump());
    auto q = run_passend({"query", "--db", db_, "--case", path, "--date", kDate, "--format", "json"});
    ASSERT_EQ(q.exit_code, 0) << q.err;
    const json query = json::parse(q.out);
    std::set<std::string> candidates;
    for (const auto& cand : query["candidates"]) candidates.insert(cand["offering"].get<std::string>());
    for (const auto& place : j["places"]) {
      const auto& eligible = place["eligible"];
      const bool listed = std::find(eligible.begin(), eligible.end(), c["id"]) != eligible.end();
      EXPECT_EQ(listed, candidates.count(place["offering"].get<std::string>()) == 1) << c["id"] << " " << place["offering"];
    }
  }
}

TEST_F(AllocationCli, TheSameInputGivesTheSameOutputByteForByte) {
  auto a = allocate(competing_cases());
  json reversed = competing_cases();
  std::reverse(reversed.begin(), reversed.end());
  auto b = allocate(reversed);
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(a.out, b.out);
}

TEST_F(AllocationCli, EveryCaseGetsAnAuditRecordAndADryRunReservesNothing) {
  auto r = allocate(competing_cases());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(audit_count("allocate"), 5u);
  passend::db::Database db(db_, passend::db::Database::Mode::read_only);
  for (const auto& rec : passend::db::list_audit(db, 10, "allocate")) {
    const json result = json::parse(rec.result);
    EXPECT_EQ(result["allocation"]["network"], "EXN03");
    EXPECT_TRUE(result.contains("assignment") || result.contains("unassigned"));
    EXPECT_EQ(rec.case_hash.rfind("sha256:", 0), 0u);
    EXPECT_EQ(rec.plan_a.has_value(), result.contains("assignment"));
  }
  auto st = db.prepare("SELECT COUNT(*) FROM reservation");
  st.step();
  EXPECT_EQ(st.column_int(0), 0);
}

TEST_F(AllocationCli, CommitTurnsAssignmentsIntoReservations) {
  auto r = allocate(competing_cases(), {"--commit", "--until", "2026-12-31"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["committed"], true);
  for (const auto& a : j["assignments"]) EXPECT_TRUE(a["reservation"].is_number()) << a.dump();

  // Both places are now taken: a newcomer finds no place, and a reservation is refused.
  auto next = allocate(json::array({a_case("2026-FV-301", "crisis", "2026-09-01")}));
  ASSERT_EQ(next.exit_code, 0) << next.err;
  const json n = json::parse(next.out);
  EXPECT_TRUE(n["places"].empty());
  EXPECT_EQ(n["unassigned"][0]["code"], "no_eligible_place");
  auto refused = reserve("2026-FV-301", "a-jzp");
  EXPECT_EQ(refused.exit_code, 4) << refused.err;

  // After the reservations expire the places are free again.
  const std::string path = dir_.file("late.json");
  write_text(path, json::array({a_case("2026-FV-301", "crisis", "2026-09-01")}).dump());
  auto later = run_passend({"allocate", "--db", db_, "--network", "EXN03", "--cases", path, "--date", "2027-01-01",
                            "--format", "json"});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_EQ(json::parse(later.out)["placed"], 1);
}

std::size_t reservations_of(const std::string& db_path, const std::string& case_id) {
  passend::db::Database db(db_path, passend::db::Database::Mode::read_only);
  auto st = db.prepare("SELECT COUNT(*) FROM reservation WHERE case_id = ? AND released_at IS NULL");
  st.bind(1, case_id);
  st.step();
  return static_cast<std::size_t>(st.column_int(0));
}

TEST_F(AllocationCli, ACaseThatHoldsAPlaceIsSkippedAndTheOthersAreAllocated) {
  ASSERT_EQ(reserve("2026-FV-202", "b-jzp", {"--until", "2026-12-31"}).exit_code, 0);
  auto r = allocate(competing_cases());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["skipped"].size(), 1u) << j["skipped"].dump(2);
  const json& s = j["skipped"][0];
  EXPECT_EQ(s["case"], "2026-FV-202");
  EXPECT_EQ(s["code"], "already_placed");
  EXPECT_EQ(s["offering"], "b-jzp");
  EXPECT_EQ(s["provider"], "prov-b");
  EXPECT_EQ(s["reservation"], 1);
  EXPECT_EQ(s["until"], "2026-12-31");
  EXPECT_EQ(s["text"], "heeft al een plek (b-jzp, Stichting prov-b (fictief), reservering #1, tot en met 2026-12-31)");
  EXPECT_EQ(find_case(j["assignments"], "2026-FV-202"), nullptr);
  EXPECT_EQ(find_case(j["unassigned"], "2026-FV-202"), nullptr);
  for (const auto& place : j["places"])
    EXPECT_EQ(std::count(place["eligible"].begin(), place["eligible"].end(), "2026-FV-202"), 0) << place.dump();
  EXPECT_EQ(j["cases"], 5) << "every case of the file";
  // b-jzp is held, so only a-jzp is free: one of the four others gets it.
  EXPECT_EQ(j["placed"], 1);
  EXPECT_EQ(j["assignments"].size() + j["unassigned"].size() + j["skipped"].size(), 5u);
  EXPECT_EQ(audit_count("allocate"), 5u) << "the skipped case gets its audit record too";
}

TEST_F(AllocationCli, CommitReservesForTheOthersAndLeavesTheSkippedCasesPlace) {
  ASSERT_EQ(reserve("2026-FV-202", "b-jzp").exit_code, 0);
  auto r = allocate(competing_cases(), {"--commit"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["committed"], true);
  EXPECT_EQ(j["skipped"][0]["case"], "2026-FV-202");
  ASSERT_EQ(j["assignments"].size(), 1u);
  EXPECT_TRUE(j["assignments"][0]["reservation"].is_number());
  EXPECT_EQ(reservations_of(db_, "2026-FV-202"), 1u) << "still its one place";
  EXPECT_EQ(reservations_of(db_, j["assignments"][0]["case"]), 1u);

  passend::db::Database db(db_, passend::db::Database::Mode::read_only);
  std::size_t skipped_records = 0;
  for (const auto& rec : passend::db::list_audit(db, 10, "allocate")) {
    const json result = json::parse(rec.result);
    if (!result.contains("skipped")) continue;
    ++skipped_records;
    EXPECT_EQ(rec.case_id, "2026-FV-202");
    EXPECT_FALSE(rec.plan_a.has_value());
    EXPECT_EQ(result["skipped"]["code"], "already_placed");
  }
  EXPECT_EQ(skipped_records, 1u);
}

TEST_F(AllocationCli, APlaceInAnotherNetworkCountsToo) {
  // One place per case anywhere: reserve refuses a second place, so allocate skips the case.
  ASSERT_EQ(reserve("2026-FV-203", "d-jzp").exit_code, 0);
  auto r = allocate(competing_cases());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["skipped"].size(), 1u);
  EXPECT_EQ(j["skipped"][0]["case"], "2026-FV-203");
  EXPECT_EQ(j["skipped"][0]["offering"], "d-jzp");
  EXPECT_EQ(j["placed"], 2);
}

TEST_F(AllocationCli, SkippedCasesInTheTextAreDutch) {
  ASSERT_EQ(reserve("2026-FV-202", "b-jzp").exit_code, 0);
  auto r = allocate(competing_cases(), {"--format", "text"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Geplaatst: 1 van 4 casussen, 1 overgeslagen (al een plek), 1 plek met vrije capaciteit"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\nOvergeslagen:\n  2026-FV-202 heeft al een plek (b-jzp, Stichting prov-b (fictief), reservering #1)\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("already_placed"), std::string::npos) << r.out;
}

TEST_F(AllocationCli, WithoutHeldPlacesNothingIsSkipped) {
  auto r = allocate(competing_cases());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["skipped"], json::array());
  auto text = allocate(competing_cases(), {"--format", "text"});
  EXPECT_EQ(text.out.find("Overgeslagen"), std::string::npos) << text.out;
}

TEST_F(AllocationCli, InvalidCasesAreExitTwoWithPointers) {
  auto not_array = allocate(a_case("2026-FV-201", "crisis", "2026-08-01"));
  EXPECT_EQ(not_array.exit_code, 2);
  EXPECT_NE(not_array.err.find("JSON array"), std::string::npos) << not_array.err;

  json missing = competing_cases();
  missing[1].erase("registered");
  auto m = allocate(missing);
  EXPECT_EQ(m.exit_code, 2);
  EXPECT_NE(m.err.find("/1/registered"), std::string::npos) << m.err;

  json bad = competing_cases();
  bad[2]["need"]["urgency"] = "soon";
  bad[3]["name"] = "Jan Jansen";
  auto b = allocate(bad);
  EXPECT_EQ(b.exit_code, 2);
  EXPECT_NE(b.err.find("/2/need/urgency"), std::string::npos) << b.err;
  EXPECT_NE(b.err.find("/3/name"), std::string::npos) << b.err;

  json future = competing_cases();
  future[4]["maatwerk"] = {{"approved_by", "RET Food Valley"}, {"date", "2027-03-01"}, {"reason", "specialistische zorg"},
                           {"allow", {"non_contracted"}}};
  future[4].erase("registered");
  auto f = allocate(future);
  EXPECT_EQ(f.exit_code, 2);
  EXPECT_NE(f.err.find("cases.json: /4/registered: required for allocation"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("cases.json: /4/maatwerk/date: approval date 2027-03-01 lies after the reference date 2026-11-26"),
            std::string::npos)
      << f.err;

  json twice = json::array({a_case("2026-FV-201", "crisis", "2026-08-01"), a_case("2026-FV-201", "high", "2026-08-01")});
  auto t = allocate(twice);
  EXPECT_EQ(t.exit_code, 2);
  EXPECT_NE(t.err.find("/1/id"), std::string::npos) << t.err;

  const std::string path = dir_.file("one.json");
  write_text(path, json::array().dump());
  auto net = run_passend({"allocate", "--db", db_, "--network", "EXN99", "--cases", path, "--date", kDate});
  EXPECT_EQ(net.exit_code, 2);
  EXPECT_NE(net.err.find("EXN99"), std::string::npos) << net.err;
  EXPECT_EQ(audit_count(""), 0u);
}

TEST_F(AllocationCli, ReserveAndReleaseSinglePlaces) {
  auto first = reserve("2026-FV-201", "a-jzp", {"--until", "2026-12-31"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const json f = json::parse(first.out);
  EXPECT_EQ(f["free"], 0);
  EXPECT_EQ(f["reservation"]["until"], "2026-12-31");

  auto second = reserve("2026-FV-202", "a-jzp");
  EXPECT_EQ(second.exit_code, 4);
  EXPECT_NE(second.err.find("no free place"), std::string::npos) << second.err;

  auto back = release("2026-FV-201", "a-jzp");
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(json::parse(back.out)["free"], 1);
  EXPECT_EQ(release("2026-FV-201", "a-jzp").exit_code, 4);
  EXPECT_EQ(reserve("2026-FV-202", "a-jzp").exit_code, 0);

  EXPECT_EQ(reserve("2026-FV-203", "b-jzp", {"--until", "2026-11-01"}).exit_code, 2);
  EXPECT_EQ(reserve("2026-FV-203", "no-such").exit_code, 2);
  EXPECT_EQ(audit_count("reserve"), 2u);
  EXPECT_EQ(audit_count("release"), 1u);

  auto text = run_passend({"reserve", "--db", db_, "--case", "2026-FV-204", "--offering", "b-jzp", "--date", kDate,
                           "--format", "text"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Gereserveerd"), std::string::npos) << text.out;
}

TEST_F(AllocationCli, TwoProgramsRacingForThreePlacesGetExactlyThree) {
  // Three free places in all: a-jzp 1, b-jzp 1 and (after a capacity update) one more at b-jzp.
  auto cap = run_passend({"capacity", "set", "--db", db_, "--offering", "b-jzp", "--free", "2", "--date", kDate});
  ASSERT_EQ(cap.exit_code, 0) << cap.err;
  std::atomic<int> granted{0}, refused{0}, other{0};
  auto worker = [&](int p) {
    for (int k = 0; k < 15; ++k) {
      auto r = reserve("2026-R" + std::to_string(p) + "-" + std::to_string(k), k % 2 ? "a-jzp" : "b-jzp");
      (r.exit_code == 0 ? granted : r.exit_code == 4 ? refused : other)++;
    }
  };
  std::thread a(worker, 0), b(worker, 1);
  a.join();
  b.join();
  EXPECT_EQ(granted.load(), 3);
  EXPECT_EQ(refused.load(), 27);
  EXPECT_EQ(other.load(), 0);
}

TEST_F(AllocationCli, TextOutputIsDutch) {
  auto r = allocate(competing_cases(), {"--format", "text"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Toewijzing bovenregionale plekken"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Niet toegewezen"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Niet vastgelegd"), std::string::npos) << r.out;
}

TEST(AllocationDemo, TheBoegDemoAllocates) {
  TempDir dir;
  const std::string db = dir.file("demo.db");
  const std::string source = PASSEND_SOURCE_DIR;
  ASSERT_EQ(run_passend({"init", "--db", db}).exit_code, 0);
  auto imp = run_passend({"import", "--db", db, source + "/data/demo/network.json"});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  auto r = run_passend({"allocate", "--db", db, "--network", "EXN03", "--cases",
                        source + "/data/demo/cases/allocation-boeg.json", "--date", kDate, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_GE(j["placed"].get<int>(), 1);
  EXPECT_EQ(j["assignments"].size() + j["unassigned"].size(), 6u);
}

}  // namespace
