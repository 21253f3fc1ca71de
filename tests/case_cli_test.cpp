// `passend case …` and `passend report flow` through the real program: a Food Valley case from
// registration through the RET's advice, a refusal (the provider is not proposed again), a
// failed and a successful acceptance, to closure; the error paths down to the message; the
// overdue list; the flow report; the purge of case records.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "providers/reservations.hpp"
#include "providers/sqlite.hpp"
#include "tests/support/case_fixtures.hpp"

using namespace passend::testing;
using nlohmann::json;

namespace {

class CaseCli : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(d_.ready()) << d_.setup_errors(); }

  json ok(const CliResult& r) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json();
  }
  json show(const std::string& id) { return ok(d_.run_case({"show", "--id", id, "--date", "2026-11-10"})); }
  std::size_t events(const std::string& id) { return show(id)["timeline"].size(); }
  int active_reservations(const std::string& case_id) {
    passend::db::Database db(d_.db(), passend::db::Database::Mode::read_only);
    return static_cast<int>(passend::db::active_reservations(db, passend::Date::from_days(0), case_id).size());
  }
  // Registers 2026-FV-301 on 2 November and asks passend for an advice on 5 November.
  json open_and_query(const std::string& id = "2026-FV-301") {
    ok(d_.open(fv_case(id), "2026-11-02"));
    return ok(d_.query(fv_case(id), "2026-11-05"));
  }
  CliResult advise(const std::string& id, const std::string& plan_a, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"advise", "--id", id, "--plan-a", plan_a, "--regie",
                                     "casusregie: wijkteam Ede; procesregie: RET", "--follow-up", "2026-12-20",
                                     "--date", "2026-11-06", "--actor", "RET Food Valley"};
    args.insert(args.end(), extra.begin(), extra.end());
    return d_.run_case(args);
  }

  CaseDatabase d_;
};

TEST_F(CaseCli, FromRegistrationToPlacementWithATimeline) {
  json opened = ok(d_.open(fv_case("2026-FV-301"), "2026-11-02"));
  EXPECT_EQ(opened["id"], "2026-FV-301");
  EXPECT_EQ(opened["status"], "aangemeld");
  EXPECT_EQ(opened["region"], "JZ21");
  EXPECT_EQ(opened["region_name"], "Food Valley");
  EXPECT_EQ(opened["registered"], "2026-11-02") << "registered defaults to the day of the step";
  ASSERT_EQ(opened["timeline"].size(), 1u);
  EXPECT_EQ(opened["timeline"][0]["event"], "registered");
  EXPECT_EQ(opened["timeline"][0]["label"], "aangemeld");
  EXPECT_EQ(opened["timeline"][0]["date"], "2026-11-02");
  EXPECT_EQ(opened["timeline"][0]["actor"], "RET Food Valley");
  EXPECT_FALSE(opened["timeline"][0]["at"].get<std::string>().empty());

  const json engine = ok(d_.query(fv_case("2026-FV-301"), "2026-11-05"));
  ASSERT_EQ(engine["plan_a"]["offering"], "a-kw");

  // The RET follows passend's plan A, with c-kw in Arnhem as plan B.
  json advised = ok(advise("2026-FV-301", "a-kw", {"--plan-b", "c-kw", "--agreement", "intake binnen twee weken"}));
  EXPECT_EQ(advised["status"], "advies");
  EXPECT_EQ(advised["follow_up"], "2026-12-20");
  EXPECT_EQ(advised["advice"]["plan_a"]["offering"], "a-kw");
  EXPECT_EQ(advised["advice"]["plan_a"]["provider_name"], "Stichting De Linde (fictief)");
  EXPECT_EQ(advised["advice"]["plan_b"]["offering"], "c-kw");
  EXPECT_EQ(advised["advice"]["regie"], "casusregie: wijkteam Ede; procesregie: RET");
  EXPECT_EQ(advised["advice"]["agreements"], json::array({"intake binnen twee weken"}));
  EXPECT_EQ(advised["advice"]["follows_engine"], true);
  EXPECT_EQ(advised["advice"]["engine"]["plan_a"], "a-kw");
  EXPECT_EQ(advised["advice"]["engine"]["reference_date"], "2026-11-05");

  // De Linde refuses: it is in history.rejected_by and the next query does not propose it.
  json refused = ok(d_.run_case({"respond", "--id", "2026-FV-301", "--offering", "a-kw", "--refuse", "group_composition",
                                 "--date", "2026-11-09", "--actor", "RET Food Valley"}));
  EXPECT_EQ(refused["status"], "advies");
  EXPECT_EQ(refused["case"]["history"]["rejected_by"], json::array({"prov-a"}));
  const json& refusal = refused["timeline"].back();
  EXPECT_EQ(refusal["event"], "refused");
  EXPECT_EQ(refusal["provider"], "prov-a");
  EXPECT_EQ(refusal["reason"], "group_composition");
  EXPECT_EQ(refusal["reason_label"], "past niet in de groepssamenstelling");
  EXPECT_EQ(refusal["date"], "2026-11-09");

  // The RET's CASE.json does not list the refusal; the record adds it to the query.
  const json again = ok(d_.query(fv_case("2026-FV-301"), "2026-11-09"));
  for (const auto& c : again["candidates"]) EXPECT_NE(c["provider"], "prov-a") << c.dump();
  bool excluded = false;
  for (const auto& x : again["excluded"])
    if (x["offering"] == "a-kw") excluded = x["rule"] == "rejected_before";
  EXPECT_TRUE(excluded) << again["excluded"].dump();
  ASSERT_EQ(again["plan_a"]["offering"], "b-kw");

  // The RET moves to plan A b-kw. Het Baken accepts, but has no place free: exit 4, nothing written.
  ok(advise("2026-FV-301", "b-kw", {"--plan-b", "c-kw"}));
  const std::size_t before = events("2026-FV-301");
  auto full = d_.run_case({"respond", "--id", "2026-FV-301", "--offering", "b-kw", "--accept", "--date", "2026-11-10"});
  EXPECT_EQ(full.exit_code, 4);
  EXPECT_EQ(full.err,
            "conflict: no free place at b-kw (Zorggroep Het Baken (fictief)) on 2026-11-10; the acceptance is not recorded: ask "
            "the provider when a place comes free, or refer the case to the network's waiting list\n");
  EXPECT_EQ(events("2026-FV-301"), before);
  EXPECT_EQ(show("2026-FV-301")["status"], "advies");
  EXPECT_EQ(active_reservations("2026-FV-301"), 0);

  // Kleinschalig Wonen Arnhem accepts: the place is reserved and the case is placed (outside its region).
  json placed = ok(d_.run_case({"respond", "--id", "2026-FV-301", "--offering", "c-kw", "--accept", "--date", "2026-11-10"}));
  EXPECT_EQ(placed["status"], "geplaatst");
  EXPECT_EQ(placed["placement"]["offering"], "c-kw");
  EXPECT_EQ(placed["placement"]["provider_name"], "Kleinschalig Wonen Arnhem (fictief)");
  EXPECT_EQ(placed["placement"]["region"], "JZ28");
  EXPECT_EQ(placed["placement"]["outside_region"], true);
  EXPECT_EQ(placed["timeline"].back()["event"], "accepted");
  EXPECT_EQ(active_reservations("2026-FV-301"), 1);

  json closed = ok(d_.run_case({"close", "--id", "2026-FV-301", "--outcome", "geplaatst", "--date", "2026-11-12"}));
  EXPECT_EQ(closed["status"], "gesloten");
  EXPECT_EQ(closed["outcome"], "geplaatst");
  EXPECT_EQ(active_reservations("2026-FV-301"), 1) << "a placement closed as geplaatst keeps its place";

  std::vector<std::string> path;
  for (const auto& e : closed["timeline"]) path.push_back(e["event"]);
  EXPECT_EQ(path, (std::vector<std::string>{"registered", "advised", "refused", "advised", "accepted", "closed"}));

  // The text for people is Dutch.
  auto text = run_passend({"case", "show", "--db", d_.db(), "--id", "2026-FV-301", "--format", "text"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Casus 2026-FV-301 — gesloten"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("aanbieder wijst de casus af: Stichting De Linde (fictief) (a-kw), reden: past niet in de "
                          "groepssamenstelling"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("Geplaatst bij: Kleinschalig Wonen Arnhem (fictief) (c-kw) in Centraal Gelderland (buiten de "
                          "eigen regio)"),
            std::string::npos)
      << text.out;
}

TEST_F(CaseCli, AnAdviceNamesTheEngineCandidatesAndGivesAReasonToDepart) {
  ok(d_.open(fv_case("2026-FV-302"), "2026-11-02"));
  auto none = advise("2026-FV-302", "a-kw");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err,
            "--plan-a: passend has given no advice for case 2026-FV-302 yet; ask for one first (passend query with the "
            "case's CASE.json)\n");

  ok(d_.query(fv_case("2026-FV-302"), "2026-11-05"));
  auto unknown = advise("2026-FV-302", "s-jzp");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--plan-a: offering 's-jzp' is not among the candidates of passend's latest advice for case "
                             "2026-FV-302 (audit #"),
            std::string::npos)
      << unknown.err;

  auto departs = advise("2026-FV-302", "c-kw");
  EXPECT_EQ(departs.exit_code, 2);
  EXPECT_EQ(departs.err,
            "--note: plan A departs from passend's plan A (Stichting De Linde (fictief), a-kw); give the reason\n");

  auto same = advise("2026-FV-302", "a-kw", {"--plan-b", "a-kw"});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_EQ(same.err, "--plan-b: plan B is another offering than plan A\n");

  auto early = d_.run_case({"advise", "--id", "2026-FV-302", "--plan-a", "a-kw", "--regie", "RET", "--follow-up",
                            "2026-11-01", "--date", "2026-11-06"});
  EXPECT_EQ(early.exit_code, 2);
  EXPECT_EQ(early.err, "--follow-up: the follow-up (2026-11-01) lies before the advice (2026-11-06)\n");

  auto personal = advise("2026-FV-302", "a-kw", {"--agreement", "moeder bellen op 06-12345678"});
  EXPECT_EQ(personal.exit_code, 2);
  EXPECT_EQ(personal.err, "--agreement: personal data is refused: the text holds a phone number\n");
  EXPECT_EQ(personal.err.find("12345678"), std::string::npos) << "the message never repeats the text";
  EXPECT_EQ(events("2026-FV-302"), 1u) << "nothing written";

  json departed = ok(advise("2026-FV-302", "c-kw", {"--note", "jongere wil dicht bij school in Arnhem blijven"}));
  EXPECT_EQ(departed["advice"]["follows_engine"], false);
  EXPECT_EQ(departed["advice"]["note"], "jongere wil dicht bij school in Arnhem blijven");
}

TEST_F(CaseCli, WrongInputIsRefusedWithTheOptionAndNothingWritten) {
  open_and_query();
  auto unknown = d_.run_case({"show", "--id", "2026-FV-999"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "--id: no case record '2026-FV-999'; register the case first (passend case open)\n");

  auto bad_code = d_.run_case({"respond", "--id", "2026-FV-301", "--offering", "a-kw", "--refuse", "te_duur"});
  EXPECT_EQ(bad_code.exit_code, 2);
  EXPECT_EQ(bad_code.err,
            "--refuse: unknown refusal reason 'te_duur'; expected one of no_capacity, group_composition, contraindication, "
            "outside_target_group, care_too_heavy, no_contract, age_limit, other\n");
  auto both = d_.run_case({"respond", "--id", "2026-FV-301", "--offering", "a-kw", "--accept", "--refuse", "other"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err, "--accept: give the provider's answer: either --accept or --refuse CODE\n");

  auto before_advice = d_.run_case({"respond", "--id", "2026-FV-301", "--offering", "a-kw", "--accept"});
  EXPECT_EQ(before_advice.exit_code, 4);
  EXPECT_EQ(before_advice.err,
            "conflict: case 2026-FV-301 has status aangemeld (aangemeld); a provider answers after the RET's advice and "
            "before closure\n");

  auto bad_outcome = d_.run_case({"close", "--id", "2026-FV-301", "--outcome", "klaar"});
  EXPECT_EQ(bad_outcome.exit_code, 2);
  EXPECT_EQ(bad_outcome.err, "--outcome: unknown outcome 'klaar'; expected geplaatst, afgeschaald or anders\n");
  auto bad_network = d_.run_case({"refer", "--id", "2026-FV-301", "--network", "EXN99"});
  EXPECT_EQ(bad_network.exit_code, 2);
  EXPECT_EQ(bad_network.err, "--network: unknown network 'EXN99'; expected a code such as EXN03\n");
  auto bad_status = d_.run_case({"list", "--status", "open"});
  EXPECT_EQ(bad_status.exit_code, 2);
  EXPECT_EQ(bad_status.err,
            "--status: unknown status 'open'; expected aangemeld, advies, wacht_op_plek, geplaatst or gesloten\n");
  auto bad_note = d_.run_case({"close", "--id", "2026-FV-301", "--outcome", "anders", "--note", "verhuisd naar 6711 AB"});
  EXPECT_EQ(bad_note.exit_code, 2);
  EXPECT_EQ(bad_note.err, "--note: personal data is refused: the text holds a postcode\n");
  EXPECT_EQ(events("2026-FV-301"), 1u);

  // A document with personal data is refused like a query's.
  json named = fv_case("2026-FV-303");
  named["name"] = "Jan";
  auto refused = d_.open(named, "2026-11-02");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("/name"), std::string::npos) << refused.err;

  ok(d_.run_case({"close", "--id", "2026-FV-301", "--outcome", "anders", "--date", "2026-11-07"}));
  auto twice = d_.run_case({"close", "--id", "2026-FV-301", "--outcome", "anders"});
  EXPECT_EQ(twice.exit_code, 4);
  EXPECT_EQ(twice.err, "conflict: case 2026-FV-301 has status gesloten (gesloten); it is closed already\n");
  auto reopen = d_.open(fv_case("2026-FV-301"), "2026-11-08");
  EXPECT_EQ(reopen.exit_code, 4);
  EXPECT_EQ(reopen.err, "conflict: case 2026-FV-301 is closed; a case that comes back is registered under a new case id\n");
}

TEST_F(CaseCli, ReopeningUpdatesTheDocumentAndKeepsTheRefusals) {
  open_and_query();
  ok(advise("2026-FV-301", "a-kw"));
  ok(d_.run_case({"respond", "--id", "2026-FV-301", "--offering", "a-kw", "--refuse", "care_too_heavy", "--date", "2026-11-08"}));
  json changed = fv_case("2026-FV-301");
  changed["flags"] = {"aggression"};
  json updated = ok(d_.open(changed, "2026-11-09"));
  EXPECT_EQ(updated["status"], "advies") << "updating the document keeps the status";
  EXPECT_EQ(updated["registered"], "2026-11-02") << "and the registration date";
  EXPECT_EQ(updated["case"]["flags"], json::array({"aggression"}));
  EXPECT_EQ(updated["case"]["history"]["rejected_by"], json::array({"prov-a"}));
  EXPECT_EQ(updated["timeline"].back()["event"], "updated");
}

TEST_F(CaseCli, ClosingAsAfgeschaaldGivesThePlaceBack) {
  open_and_query();
  ok(advise("2026-FV-301", "a-kw"));
  ok(d_.run_case({"respond", "--id", "2026-FV-301", "--offering", "a-kw", "--accept", "--date", "2026-11-08"}));
  EXPECT_EQ(active_reservations("2026-FV-301"), 1);
  json closed = ok(d_.run_case({"close", "--id", "2026-FV-301", "--outcome", "afgeschaald", "--note",
                                "ambulante hulp volstaat", "--date", "2026-11-09"}));
  EXPECT_EQ(closed["outcome"], "afgeschaald");
  EXPECT_EQ(active_reservations("2026-FV-301"), 0);
  const json& event = closed["timeline"].back();
  EXPECT_EQ(event["outcome_label"], "afgeschaald");
  ASSERT_EQ(event["released"].size(), 1u);
  EXPECT_EQ(event["released"][0]["offering"], "a-kw");
  EXPECT_EQ(event["note"], "ambulante hulp volstaat");
}

TEST_F(CaseCli, AReleasedPlaceTakesThePlacedCaseBackAndAReservationPlacesIt) {
  open_and_query();
  ok(advise("2026-FV-301", "a-kw"));
  ok(d_.run_case({"respond", "--id", "2026-FV-301", "--offering", "a-kw", "--accept", "--date", "2026-11-08"}));
  auto released = run_passend({"release", "--db", d_.db(), "--case", "2026-FV-301", "--offering", "a-kw", "--date", "2026-11-09",
                               "--actor", "BOEG"});
  ASSERT_EQ(released.exit_code, 0) << released.err;
  json now = show("2026-FV-301");
  EXPECT_EQ(now["status"], "advies") << "no place, back to the advice";
  EXPECT_TRUE(now["placement"].is_null());
  EXPECT_EQ(now["timeline"].back()["event"], "released");
  EXPECT_EQ(now["timeline"].back()["label"], "plek vrijgegeven");
  EXPECT_EQ(now["timeline"].back()["actor"], "BOEG");

  auto again = run_passend({"reserve", "--db", d_.db(), "--case", "2026-FV-301", "--offering", "a-kw", "--date", "2026-11-09"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  now = show("2026-FV-301");
  EXPECT_EQ(now["status"], "geplaatst") << "taking the place back (undo) places the case again";
  EXPECT_EQ(now["placement"]["offering"], "a-kw");
  EXPECT_EQ(now["timeline"].back()["event"], "placed");
}

TEST_F(CaseCli, OverdueFollowUpsComeFirstAndCanBeListedAlone) {
  for (const char* id : {"2026-FV-311", "2026-FV-312", "2026-FV-313", "2026-FV-314"}) open_and_query(id);
  ok(d_.run_case({"advise", "--id", "2026-FV-312", "--plan-a", "a-kw", "--regie", "RET", "--follow-up", "2026-12-20",
                  "--date", "2026-11-06"}));
  ok(d_.run_case({"advise", "--id", "2026-FV-313", "--plan-a", "a-kw", "--regie", "RET", "--follow-up", "2026-12-01",
                  "--date", "2026-11-06"}));
  ok(d_.run_case({"advise", "--id", "2026-FV-314", "--plan-a", "a-kw", "--regie", "RET", "--follow-up", "2026-11-20",
                  "--date", "2026-11-06"}));
  ok(d_.run_case({"close", "--id", "2026-FV-314", "--outcome", "anders", "--date", "2026-11-21"}));

  json all = ok(d_.run_case({"list", "--date", "2026-12-10"}));
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0]["id"], "2026-FV-313");
  EXPECT_EQ(all[0]["overdue"], true);
  EXPECT_EQ(all[0]["status"], "advies");
  EXPECT_EQ(all[0]["region"], "JZ21");
  EXPECT_EQ(all[0]["registered"], "2026-11-02");
  EXPECT_EQ(all[0]["follow_up"], "2026-12-01");
  EXPECT_EQ(all[1]["id"], "2026-FV-314") << "closed: not overdue, ordered by its follow-up";
  EXPECT_EQ(all[1]["overdue"], false);
  EXPECT_EQ(all[2]["id"], "2026-FV-312");
  EXPECT_EQ(all[3]["id"], "2026-FV-311");
  EXPECT_TRUE(all[3]["follow_up"].is_null());

  json overdue = ok(d_.run_case({"list", "--overdue", "--date", "2026-12-10"}));
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0]["id"], "2026-FV-313");
  EXPECT_EQ(ok(d_.run_case({"list", "--status", "gesloten"})).size(), 1u);
  EXPECT_EQ(ok(d_.run_case({"list", "--region", "JZ28"})).size(), 0u);

  auto csv = run_passend({"case", "list", "--db", d_.db(), "--overdue", "--date", "2026-12-10", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "casus,status,regio,regionaam,aangemeld,follow-up,te laat,netwerk,plan A,geplaatst bij\n"
            "2026-FV-313,advies,JZ21,Food Valley,2026-11-02,2026-12-01,ja,,Stichting De Linde (fictief) (a-kw),\n");
  auto text = run_passend({"case", "list", "--db", d_.db(), "--overdue", "--date", "2026-12-10", "--format", "text"});
  EXPECT_NE(text.out.find("2026-12-01 (te laat)"), std::string::npos) << text.out;
}

TEST_F(CaseCli, FlowReportPerRegion) {
  open_and_query("2026-FV-321");
  ok(d_.run_case({"advise", "--id", "2026-FV-321", "--plan-a", "a-kw", "--regie", "RET", "--follow-up", "2026-12-20",
                  "--date", "2026-11-06"}));
  ok(d_.run_case({"respond", "--id", "2026-FV-321", "--offering", "a-kw", "--refuse", "no_capacity", "--date", "2026-11-07"}));
  ok(d_.run_case({"respond", "--id", "2026-FV-321", "--offering", "c-kw", "--accept", "--date", "2026-11-14"}));
  open_and_query("2026-FV-322");
  ok(d_.run_case({"advise", "--id", "2026-FV-322", "--plan-a", "a-kw", "--regie", "RET", "--follow-up", "2026-12-20",
                  "--date", "2026-11-10"}));
  ok(d_.run_case({"respond", "--id", "2026-FV-322", "--offering", "a-kw", "--accept", "--date", "2026-11-12"}));
  open_and_query("2026-FV-323");
  json late = fv_case("2026-FV-330");
  ok(d_.open(late, "2026-12-15"));

  auto r = run_passend({"report", "flow", "--db", d_.db(), "--from", "2026-11-01", "--until", "2026-11-30", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(r.out);
  EXPECT_EQ(report["from"], "2026-11-01");
  ASSERT_EQ(report["regions"].size(), 1u);
  const json& fv = report["regions"][0];
  EXPECT_EQ(fv["region"], "JZ21");
  EXPECT_EQ(fv["cases"], 3) << "the case registered in December lies outside the period";
  EXPECT_EQ(fv["advised"], 2);
  EXPECT_EQ(fv["placed"], 2);
  EXPECT_EQ(fv["placed_outside_region"], 1);
  EXPECT_DOUBLE_EQ(fv["share_outside_region"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(fv["median_days_to_advice"].get<double>(), 6.0) << "4 and 8 days";
  EXPECT_DOUBLE_EQ(fv["median_days_to_placement"].get<double>(), 5.0) << "8 and 2 days";
  ASSERT_EQ(fv["refusals"].size(), 1u);
  EXPECT_EQ(fv["refusals"][0], json({{"provider", "prov-a"}, {"provider_name", "Stichting De Linde (fictief)"},
                                     {"reason", "no_capacity"}, {"reason_label", "geen plek vrij"}, {"count", 1}}));
  EXPECT_EQ(report["totals"]["cases"], 3);

  auto csv = run_passend({"report", "flow", "--db", d_.db(), "--until", "2026-11-30", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "regel,regio,regionaam,casussen,met advies,geplaatst,geplaatst buiten de regio,aandeel buiten de regio,mediaan "
            "dagen aanmelding tot advies,mediaan dagen advies tot plaatsing,aanbieder,aanbiedernaam,reden (code),reden,"
            "afwijzingen\n"
            "regio,JZ21,Food Valley,3,2,2,1,0.500,6.0,5.0,,,,,\n"
            "afwijzing,JZ21,Food Valley,,,,,,,,prov-a,Stichting De Linde (fictief),no_capacity,geen plek vrij,1\n");

  auto backwards = run_passend({"report", "flow", "--db", d_.db(), "--from", "2026-12-01", "--until", "2026-11-01"});
  EXPECT_EQ(backwards.exit_code, 2);
  EXPECT_EQ(backwards.err, "--until: the period ends (2026-11-01) before it begins (2026-12-01)\n");
}

TEST_F(CaseCli, PurgeRemovesCaseRecordsPastRetention) {
  open_and_query("2026-FV-341");
  open_and_query("2026-FV-342");
  {
    passend::db::Database db(d_.db(), passend::db::Database::Mode::read_write);
    db.exec("UPDATE case_record SET updated_at = '2005-03-01T10:00:00.000Z' WHERE case_id = '2026-FV-341'");
  }
  auto r = run_passend({"purge", "--db", d_.db(), "--before", "2010-01-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 case records (1 timeline events)"), std::string::npos) << r.out;
  EXPECT_EQ(d_.run_case({"show", "--id", "2026-FV-341"}).exit_code, 2);
  EXPECT_EQ(show("2026-FV-342")["timeline"].size(), 1u) << "a record changed since stays whole";
}

}  // namespace
