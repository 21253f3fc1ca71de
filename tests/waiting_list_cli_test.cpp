// The network's waiting list through the real program: `passend case refer`, then `passend
// allocate --network` without --cases proposes among the list, --commit places the cases (status
// geplaatst), a second run proposes for the cases still waiting, cases holding a place are
// skipped, and two coordinators committing at once place nobody twice.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "providers/reservations.hpp"
#include "providers/sqlite.hpp"
#include "tests/support/case_fixtures.hpp"

using namespace passend::testing;
using nlohmann::json;

namespace {

const char* kDate = "2026-11-26";

class WaitingList : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(d_.ready()) << d_.setup_errors(); }

  // Registers and refers each case to BOEG (EXN03).
  void refer(const std::vector<json>& cases) {
    for (const auto& c : cases) {
      const std::string id = c["id"];
      auto opened = d_.open(c, "2026-11-20");
      ASSERT_EQ(opened.exit_code, 0) << opened.err;
      auto referred = d_.run_case({"refer", "--id", id, "--network", "EXN03", "--date", "2026-11-21"});
      ASSERT_EQ(referred.exit_code, 0) << referred.err;
      EXPECT_EQ(json::parse(referred.out)["status"], "wacht_op_plek");
    }
  }
  CliResult allocate(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"allocate", "--db", d_.db(), "--network", "EXN03", "--date", kDate, "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_passend(args);
  }
  std::string status(const std::string& id) {
    auto r = d_.run_case({"show", "--id", id});
    return r.exit_code == 0 ? json::parse(r.out)["status"].get<std::string>() : r.err;
  }
  std::vector<passend::db::Reservation> reservations() {
    passend::db::Database db(d_.db(), passend::db::Database::Mode::read_only);
    return passend::db::active_reservations(db, passend::Date::from_days(0));
  }
  std::vector<json> three_cases() {
    return {secure_case("2026-FV-401", "crisis", "2026-08-01"), secure_case("2026-FV-402", "high", "2026-10-01"),
            secure_case("2026-FV-403", "normal", "2026-11-15")};
  }

  CaseDatabase d_;
};

TEST_F(WaitingList, AllocatesAmongTheReferredCasesAndCommitPlacesThem) {
  refer(three_cases());
  json list = json::parse(d_.run_case({"list", "--status", "wacht_op_plek"}).out);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["network"], "EXN03");

  auto preview = allocate();
  ASSERT_EQ(preview.exit_code, 0) << preview.err;
  const json p = json::parse(preview.out);
  EXPECT_EQ(p["source"], "waiting_list");
  EXPECT_EQ(p["cases"], 3);
  EXPECT_EQ(p["placed"], 2) << "two scarce places";
  EXPECT_EQ(p["committed"], false);
  ASSERT_EQ(p["unassigned"].size(), 1u);
  EXPECT_EQ(p["unassigned"][0]["case"], "2026-FV-403") << "the normal case registered last is outranked";
  EXPECT_EQ(p["unassigned"][0]["code"], "outranked");
  EXPECT_EQ(status("2026-FV-401"), "wacht_op_plek") << "a proposal places nobody";
  EXPECT_TRUE(reservations().empty());

  auto commit = allocate({"--commit"});
  ASSERT_EQ(commit.exit_code, 0) << commit.err;
  const json c = json::parse(commit.out);
  EXPECT_EQ(c["committed"], true);
  std::set<std::string> placed;
  std::set<std::pair<std::string, std::string>> proposed, committed;
  for (const auto& a : p["assignments"]) proposed.insert({a["case"].get<std::string>(), a["offering"].get<std::string>()});
  for (const auto& a : c["assignments"]) {
    placed.insert(a["case"].get<std::string>());
    committed.insert({a["case"].get<std::string>(), a["offering"].get<std::string>()});
  }
  EXPECT_EQ(committed, proposed) << "the commit places what was proposed";
  EXPECT_EQ(placed, (std::set<std::string>{"2026-FV-401", "2026-FV-402"}));
  EXPECT_EQ(status("2026-FV-401"), "geplaatst");
  EXPECT_EQ(status("2026-FV-402"), "geplaatst");
  EXPECT_EQ(status("2026-FV-403"), "wacht_op_plek");
  EXPECT_EQ(reservations().size(), 2u);

  const json shown = json::parse(d_.run_case({"show", "--id", "2026-FV-401"}).out);
  const json& event = shown["timeline"].back();
  EXPECT_EQ(event["event"], "placed");
  EXPECT_EQ(event["label"], "geplaatst door het netwerk");
  EXPECT_EQ(event["network"], "EXN03");
  EXPECT_EQ(event["date"], kDate);
  EXPECT_EQ(shown["placement"]["reservation"], event["reservation"]);
  EXPECT_TRUE(shown["network"].is_null()) << "a placed case has left the waiting list";

  // Running the proposal again after the commit proposes for the case still waiting: no 409.
  auto again = allocate({"--commit"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  const json a = json::parse(again.out);
  EXPECT_EQ(a["cases"], 1);
  EXPECT_EQ(a["placed"], 0);
  ASSERT_EQ(a["unassigned"].size(), 1u);
  EXPECT_EQ(a["unassigned"][0]["case"], "2026-FV-403");
  EXPECT_EQ(a["unassigned"][0]["code"], "no_eligible_place");
  EXPECT_EQ(reservations().size(), 2u);

  auto text = run_passend({"allocate", "--db", d_.db(), "--network", "EXN03", "--date", kDate, "--format", "text"});
  EXPECT_NE(text.out.find("Geplaatst: 0 van 1 casussen"), std::string::npos) << text.out;
}

TEST_F(WaitingList, ACaseHoldingAPlaceIsSkippedNotAFailure) {
  refer(three_cases());
  auto held = run_passend({"reserve", "--db", d_.db(), "--case", "2026-FV-402", "--offering", "c-kw", "--date", kDate});
  ASSERT_EQ(held.exit_code, 0) << held.err;
  auto r = allocate({"--commit"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["skipped"].size(), 1u);
  EXPECT_EQ(j["skipped"][0]["case"], "2026-FV-402");
  EXPECT_EQ(j["skipped"][0]["code"], "already_placed");
  EXPECT_EQ(j["skipped"][0]["offering"], "c-kw");
  EXPECT_EQ(j["placed"], 2) << "the other two get the two places";
  EXPECT_EQ(status("2026-FV-402"), "wacht_op_plek");
  EXPECT_EQ(status("2026-FV-403"), "geplaatst");
}

TEST_F(WaitingList, OnlyOpenCasesGoOnAListAndUnknownNetworksAreRefused) {
  refer({secure_case("2026-FV-411", "high", "2026-10-01")});
  auto unknown = run_passend({"allocate", "--db", d_.db(), "--network", "EXN99", "--date", kDate});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "--network: unknown network 'EXN99'; expected a code such as EXN03\n");
  ASSERT_EQ(d_.run_case({"close", "--id", "2026-FV-411", "--outcome", "anders", "--date", kDate}).exit_code, 0);
  auto closed = d_.run_case({"refer", "--id", "2026-FV-411", "--network", "EXN03"});
  EXPECT_EQ(closed.exit_code, 4);
  EXPECT_EQ(closed.err,
            "conflict: case 2026-FV-411 has status gesloten (gesloten); only a case that is not placed or closed waits for "
            "a place\n");
  auto empty = allocate({"--commit"});
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(json::parse(empty.out)["cases"], 0) << "a closed case leaves the list";
}

TEST_F(WaitingList, TwoCoordinatorsCommittingAtOncePlaceNobodyTwice) {
  std::vector<json> cases = three_cases();
  cases.push_back(secure_case("2026-FV-404", "high", "2026-09-01"));
  cases.push_back(secure_case("2026-FV-405", "crisis", "2026-11-01"));
  refer(cases);
  CliResult first, second;
  std::thread a([&] { first = allocate({"--commit", "--actor", "coordinator-1"}); });
  std::thread b([&] { second = allocate({"--commit", "--actor", "coordinator-2"}); });
  a.join();
  b.join();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const json one = json::parse(first.out), two = json::parse(second.out);
  EXPECT_EQ(one["placed"].get<int>() + two["placed"].get<int>(), 2) << "two places, each filled once";
  EXPECT_TRUE(one["placed"] == 0 || two["placed"] == 0) << "the second allocated what the first left: nothing";

  std::map<std::string, int> per_case, per_place;
  for (const auto& r : reservations()) {
    ++per_case[r.case_id];
    ++per_place[r.offering];
  }
  EXPECT_EQ(per_case.size(), 2u);
  for (const auto& [id, n] : per_case) {
    EXPECT_EQ(n, 1) << id << " holds one place";
    EXPECT_EQ(status(id), "geplaatst");
  }
  EXPECT_EQ(per_place, (std::map<std::string, int>{{"s-jzp", 1}, {"t-jzp", 1}}));
  json waiting = json::parse(d_.run_case({"list", "--status", "wacht_op_plek"}).out);
  EXPECT_EQ(waiting.size(), 3u);
}

}  // namespace
