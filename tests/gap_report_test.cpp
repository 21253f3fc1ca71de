// Signaleren: one gap signal per case. Through the real program: queries record, replace and
// resolve a case's signal, and `passend report gaps` counts cases, says how many are still
// open, and speaks Dutch in text and CSV. In process: the store (scope, first/last seen,
// reopening) and the migration of a database in which every query left its own gap row.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "providers/audit_store.hpp"
#include "providers/schema.hpp"
#include "tests/support/registry_fixtures.hpp"

using namespace passend;
using namespace passend::testing;
using nlohmann::json;

namespace {

int count(const std::string& path, const std::string& sql) {
  db::Database db(path, db::Database::Mode::read_only);
  auto st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}

// Veenendaal (Food Valley) has kleinschalig wonen, full for 30 weeks; nobody offers a gezinshuis.
json gap_network() {
  return json::parse(R"json({"providers": [
    {"id": "reg", "name": "Aanbieder reg (fictief)", "in_network": true,
     "contracts": [{"region": "JZ21", "lot": "verblijf", "status": "active", "from": "2024-01-01", "until": "2027-12-31"}],
     "locations": [{"id": "reg-loc", "municipality": "GM0345", "offerings": [
       {"id": "reg-kw", "care_form": "small_scale_living", "product_category": "43",
        "expertise": ["emotion_regulation", "trauma"], "age_min": 0, "age_max": 23, "contraindications": [],
        "supra_regional": false, "capacity": {"places": 6, "free": 0, "wait_weeks": 30, "updated": "2026-11-20"}}]}]}]})json");
}

// Waits at most 4 weeks: kleinschalig wonen is not timely, a gap `no_capacity`.
json full_case(const std::string& id) {
  return {{"id", id}, {"age", 15}, {"municipality", "GM0228"},
          {"need", {{"care_forms", {"small_scale_living"}}, {"expertise", {"trauma", "emotion_regulation"}},
                    {"urgency", "high"}, {"max_wait_weeks", 4}}}};
}

json patched(json c, const json& patch) {
  c.merge_patch(patch);
  return c;
}

// Can wait 40 weeks: the same place is timely, no gap.
json patient_case(const std::string& id) { return patched(full_case(id), {{"need", {{"max_wait_weeks", 40}}}}); }
// Asks for a gezinshuis: nothing fits, a gap `absent`.
json family_home_case(const std::string& id) { return patched(full_case(id), {{"need", {{"care_forms", {"family_home"}}}}}); }

class GapReport : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("passend.db");
    ASSERT_EQ(run_passend({"init", "--db", db_}).exit_code, 0);
    write_text(dir_.file("network.json"), gap_network().dump());
    auto imp = run_passend({"import", "--db", db_, dir_.file("network.json")});
    ASSERT_EQ(imp.exit_code, 0) << imp.err;
  }

  json query(const json& c, const std::string& date = "2026-11-26") {
    write_text(dir_.file("case.json"), c.dump());
    auto r = run_passend({"query", "--db", db_, "--case", dir_.file("case.json"), "--date", date, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json::object();
  }

  CliResult report(const std::string& format) {
    return run_passend({"report", "gaps", "--db", db_, "--format", format});
  }

  json report_json() {
    auto r = report("json");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json::array();
  }

  TempDir dir_;
  std::string db_;
};

// The scope the query gave its gap: the report must show the same. (Until the rules fill it,
// every gap has scope "region".)
std::string scope_of(const json& result) { return result["gap"].value("scope", "region"); }

TEST_F(GapReport, ThreeQueriesOfOneCaseAreOneCase) {
  const json first = query(full_case("2026-FV-100"), "2026-11-23");
  query(full_case("2026-FV-100"), "2026-11-24");
  query(full_case("2026-FV-100"), "2026-11-26");
  ASSERT_EQ(first["gap"]["kind"], "no_capacity");
  const json rows = report_json();
  ASSERT_EQ(rows.size(), 1u) << rows.dump(2);
  const json& row = rows[0];
  EXPECT_EQ(row["region"], "JZ21");
  EXPECT_EQ(row["region_name"], "Food Valley");
  EXPECT_EQ(row["care_form"], "small_scale_living");
  EXPECT_EQ(row["expertise"], json({"emotion_regulation", "trauma"}));
  EXPECT_EQ(row["kind"], "no_capacity");
  EXPECT_EQ(row["scope"], scope_of(first));
  EXPECT_EQ(row["cases"], 1);
  EXPECT_EQ(row["open"], 1);
  EXPECT_EQ(row["count"], 1) << "count is the number of cases too";
  EXPECT_EQ(row["first_seen"], "2026-11-23");
  EXPECT_EQ(row["last_seen"], "2026-11-26");
  EXPECT_EQ(row["case_ids"], json({"2026-FV-100"}));
}

TEST_F(GapReport, TwoCasesAreTwo) {
  query(full_case("2026-FV-101"));
  query(full_case("2026-FV-100"));
  query(full_case("2026-FV-101"));
  const json rows = report_json();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["cases"], 2);
  EXPECT_EQ(rows[0]["open"], 2);
  EXPECT_EQ(rows[0]["case_ids"], json({"2026-FV-100", "2026-FV-101"}));
}

TEST_F(GapReport, AQueryWithoutAGapResolvesTheSignalAndALaterGapOpensItAgain) {
  query(full_case("2026-FV-100"), "2026-11-23");
  query(full_case("2026-FV-101"), "2026-11-24");
  ASSERT_TRUE(query(patient_case("2026-FV-100"), "2026-11-25")["gap"].is_null());
  json rows = report_json();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["cases"], 2) << "a resolved signal still counts: the report shows what was signalled";
  EXPECT_EQ(rows[0]["open"], 1);
  EXPECT_NE(report("text").out.find("2 casussen, waarvan 1 open"), std::string::npos) << report("text").out;

  query(patient_case("2026-FV-101"), "2026-11-26");
  EXPECT_EQ(report_json()[0]["open"], 0);
  EXPECT_NE(report("text").out.find("2 casussen, geen meer open"), std::string::npos) << report("text").out;

  // The youth can no longer wait: the gap is back, first seen still on the 23rd.
  query(full_case("2026-FV-100"), "2026-11-30");
  rows = report_json();
  EXPECT_EQ(rows[0]["open"], 1);
  EXPECT_EQ(rows[0]["first_seen"], "2026-11-23");
  EXPECT_EQ(rows[0]["last_seen"], "2026-11-30");

  // The audit trail keeps every query.
  db::Database db(db_, db::Database::Mode::read_only);
  EXPECT_EQ(db::list_audit(db, 100, "query").size(), 5u);
}

TEST_F(GapReport, AGapOfAnotherKindReplacesTheCasesSignal) {
  query(full_case("2026-FV-100"), "2026-11-23");
  query(family_home_case("2026-FV-100"), "2026-11-26");
  const json rows = report_json();
  ASSERT_EQ(rows.size(), 1u) << rows.dump(2);
  EXPECT_EQ(rows[0]["care_form"], "family_home");
  EXPECT_EQ(rows[0]["kind"], "absent");
  EXPECT_EQ(rows[0]["first_seen"], "2026-11-23") << "the case's gap was first seen then";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void expect_no_codes(const std::string& out) {
  for (const char* code : {"no_capacity", "absent", "small_scale_living", "family_home", "emotion_regulation", "region",
                           "national", "care_form", "kind", "scope", "cases"})
    EXPECT_EQ(out.find(code), std::string::npos) << "'" << code << "' in\n" << out;
}

TEST_F(GapReport, CsvIsForPeopleWithDutchHeadersAndLabels) {
  query(full_case("2026-FV-100"), "2026-11-23");
  query(family_home_case("2026-FV-101"), "2026-11-26");
  query(patient_case("2026-FV-100"), "2026-11-26");
  auto r = report("csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[0], "regiocode,regio,zorgvorm,expertise,soort leemte,bereik,casussen,nog open,eerst gezien,laatst gezien,"
                      "casusnummers");
  // Rows in the order of the codes: family_home before small_scale_living. A field with a comma is quoted.
  EXPECT_EQ(lines[1], "JZ21,Food Valley,gezinshuis,\"emotieregulatie, trauma\",geen passend aanbod,eigen regio,1,1,"
                      "2026-11-26,2026-11-26,2026-FV-101");
  EXPECT_EQ(lines[2], "JZ21,Food Valley,kleinschalig wonen,\"emotieregulatie, trauma\",geen plek op tijd,eigen regio,1,0,"
                      "2026-11-23,2026-11-23,2026-FV-100");
  expect_no_codes(r.out);
}

TEST_F(GapReport, TextIsForPeopleInDutch) {
  query(full_case("2026-FV-100"), "2026-11-23");
  query(full_case("2026-FV-102"), "2026-11-26");
  query(family_home_case("2026-FV-101"), "2026-11-26");
  auto r = report("text");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Signalering leemtes: 3 casussen, waarvan 3 open\n"
            "\n"
            "Food Valley (JZ21) · gezinshuis · expertise emotieregulatie, trauma · geen passend aanbod · eigen regio\n"
            "    1 casus, waarvan 1 open · gezien op 2026-11-26\n"
            "    2026-FV-101\n"
            "\n"
            "Food Valley (JZ21) · kleinschalig wonen · expertise emotieregulatie, trauma · geen plek op tijd · eigen regio\n"
            "    2 casussen, waarvan 2 open · gezien van 2026-11-23 tot en met 2026-11-26\n"
            "    2026-FV-100, 2026-FV-102\n");
  expect_no_codes(r.out);
}

TEST_F(GapReport, FormatsAndErrors) {
  auto empty = report("text");
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(empty.out, "Signalering leemtes: geen leemtes vastgelegd.\n");
  auto csv = report("csv");
  EXPECT_EQ(lines_of(csv.out).size(), 1u) << "the header row only";

  // Not on a terminal: JSON.
  auto plain = run_passend({"report", "gaps", "--db", db_});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(json::parse(plain.out), json::array());

  auto bad = report("xml");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--format: unknown format 'xml'; expected text, csv or json"), std::string::npos) << bad.err;
  EXPECT_TRUE(bad.out.empty());

  auto missing = run_passend({"report", "gaps", "--db", dir_.file("nothing.db"), "--format", "csv"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no such database"), std::string::npos) << missing.err;

  auto help = run_passend({"report", "gaps", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("one per case"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("text or csv"), std::string::npos) << help.out;
}

// --- the store, without the engine -------------------------------------------------------------

class GapSignals : public ::testing::Test {
 protected:
  void SetUp() override { path_ = init_database(dir_); }

  std::int64_t audit(db::Database& db, const std::string& case_id) {
    db::AuditEntry e;
    e.actor = "tester";
    e.action = "query";
    e.case_id = case_id;
    e.result = "{}";
    return db::append_audit(db, e);
  }

  void gap(const std::string& case_id, const std::string& kind, const std::string& scope, const std::string& date,
           std::vector<std::string> expertise = {}) {
    db::Database db(path_, db::Database::Mode::read_write);
    db::Transaction tx(db);
    db::record_gap(db, audit(db, case_id), {case_id, "JZ21", kind, scope, {"secure_residential"}, expertise, date});
    tx.commit();
  }

  void resolved(const std::string& case_id, const std::string& date) {
    db::Database db(path_, db::Database::Mode::read_write);
    db::Transaction tx(db);
    db::resolve_gap(db, audit(db, case_id), case_id, date);
    tx.commit();
  }

  db::GapReport report() {
    db::Database db(path_, db::Database::Mode::read_only);
    return db::gap_report(db);
  }

  TempDir dir_;
  std::string path_;
};

TEST_F(GapSignals, TheScopeOfTheGapReachesTheReport) {
  gap("2026-FV-200", "no_capacity", "national", "2026-11-26");
  gap("2026-FV-201", "no_capacity", "region", "2026-11-26");
  const auto r = report();
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].scope, "national");
  EXPECT_EQ(r.rows[0].case_ids, std::vector<std::string>{"2026-FV-200"});
  EXPECT_EQ(r.rows[1].scope, "region");

  auto text = run_passend({"report", "gaps", "--db", path_, "--format", "text"});
  EXPECT_NE(text.out.find("JeugdzorgPlus (gesloten) · geen plek op tijd · landelijk\n"), std::string::npos) << text.out;
}

TEST_F(GapSignals, TheLatestQueryDecidesAndFirstSeenStays) {
  gap("2026-FV-200", "no_capacity", "region", "2026-11-20");
  gap("2026-FV-200", "absent", "national", "2026-11-18");  // a what-if on an earlier date
  auto r = report();
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].kind, "absent");
  EXPECT_EQ(r.rows[0].scope, "national");
  EXPECT_EQ(r.rows[0].first_seen, "2026-11-18");
  EXPECT_EQ(r.rows[0].last_seen, "2026-11-20");
  EXPECT_EQ(r.cases, 1);
  EXPECT_EQ(r.open, 1);

  resolved("2026-FV-200", "2026-11-25");
  resolved("2026-FV-200", "2026-11-27");  // already resolved: the first resolution stands
  resolved("2026-FV-299", "2026-11-27");  // no signal: nothing happens
  EXPECT_EQ(report().open, 0);
  EXPECT_EQ(count(path_, "SELECT COUNT(*) FROM gap"), 1);
  EXPECT_EQ(count(path_, "SELECT COUNT(*) FROM gap WHERE resolved_on = '2026-11-25'"), 1);

  gap("2026-FV-200", "absent", "national", "2026-11-30");
  r = report();
  EXPECT_EQ(r.open, 1);
  EXPECT_EQ(count(path_, "SELECT COUNT(*) FROM gap WHERE resolved_on IS NULL AND resolved_audit_id IS NULL"), 1);
}

TEST_F(GapSignals, ExpertiseInAnyOrderIsOneRow) {
  gap("2026-FV-200", "absent", "region", "2026-11-26", {"trauma", "autism"});
  gap("2026-FV-201", "absent", "region", "2026-11-26", {"autism", "trauma"});
  const auto r = report();
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0].expertise, "autism;trauma");
  EXPECT_EQ(r.rows[0].cases, 2);
}

// --- migration ---------------------------------------------------------------------------------

// An audit record of a query as schema version 5 kept it, with the gap row it left (if any).
void v5_query(db::Database& db, const std::string& case_id, const std::string& date, const std::string& gap_kind,
              const std::string& care_form = "small_scale_living") {
  auto audit = db.prepare(
      "INSERT INTO audit (at, actor, action, case_id, case_hash, reference_date, ruleset_name, ruleset_version, "
      "ruleset_hash, result_hash, result) VALUES (?1 || 'T10:00:00.000Z', 'tester', 'query', ?2, 'h', ?1, 'default', "
      "'1.0.0', 'x', 'y', '{}')");
  audit.bind(1, date).bind(2, case_id).run();
  if (gap_kind.empty()) return;
  auto gap = db.prepare(
      "INSERT INTO gap (audit_id, recorded_at, reference_date, case_id, region, kind, care_forms, expertise) "
      "VALUES (?1, ?2 || 'T10:00:00.000Z', ?2, ?3, 'JZ21', ?4, ?5, 'trauma')");
  gap.bind(1, db.last_insert_rowid()).bind(2, date).bind(3, case_id).bind(4, gap_kind).bind(5, care_form).run();
}

TEST(GapMigration, AnOlderDatabaseWithAGapRowPerQueryGetsOneSignalPerCase) {
  TempDir dir;
  const std::string path = dir.file("old.db");
  {
    db::Database db(path, db::Database::Mode::create);
    db::migrate(db, 5);
    ASSERT_EQ(db::schema_version(db), 5);
    v5_query(db, "2026-FV-300", "2026-11-20", "no_capacity");
    v5_query(db, "2026-FV-300", "2026-11-22", "no_capacity");
    v5_query(db, "2026-FV-301", "2026-11-21", "no_capacity");
    v5_query(db, "2026-FV-300", "2026-11-24", "absent", "family_home");  // its latest: this one counts
    v5_query(db, "2026-FV-301", "2026-11-25", "");                        // queried again without a gap
    v5_query(db, "2026-FV-302", "2026-11-23", "no_capacity");
  }
  auto init = run_passend({"init", "--db", path});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(count(path, "SELECT MAX(version) FROM schema_version"), db::current_schema_version());
  EXPECT_EQ(count(path, "SELECT COUNT(*) FROM gap"), 3);
  EXPECT_EQ(count(path, "SELECT COUNT(*) FROM audit"), 6) << "the audit trail keeps every query";

  auto r = run_passend({"report", "gaps", "--db", path, "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json rows = json::parse(r.out);
  ASSERT_EQ(rows.size(), 2u) << rows.dump(2);
  EXPECT_EQ(rows[0]["care_form"], "family_home");
  EXPECT_EQ(rows[0]["kind"], "absent");
  EXPECT_EQ(rows[0]["scope"], "region");
  EXPECT_EQ(rows[0]["case_ids"], json({"2026-FV-300"}));
  EXPECT_EQ(rows[0]["first_seen"], "2026-11-20");
  EXPECT_EQ(rows[0]["last_seen"], "2026-11-24");
  EXPECT_EQ(rows[0]["open"], 1);
  EXPECT_EQ(rows[1]["care_form"], "small_scale_living");
  EXPECT_EQ(rows[1]["case_ids"], json({"2026-FV-301", "2026-FV-302"}));
  EXPECT_EQ(rows[1]["cases"], 2);
  EXPECT_EQ(rows[1]["open"], 1) << "2026-FV-301 was queried again without a gap";
  EXPECT_EQ(count(path, "SELECT COUNT(*) FROM gap WHERE case_id = '2026-FV-301' AND resolved_on = '2026-11-25'"), 1);

  // New queries replace the migrated signal.
  {
    db::Database db(path, db::Database::Mode::read_write);
    db::AuditEntry e;
    e.action = "query";
    e.case_id = "2026-FV-300";
    db::Transaction tx(db);
    db::record_gap(db, db::append_audit(db, e), {"2026-FV-300", "JZ21", "no_capacity", "region", {"crisis"}, {}, "2026-11-27"});
    tx.commit();
  }
  EXPECT_EQ(count(path, "SELECT COUNT(*) FROM gap"), 3);
  EXPECT_EQ(count(path, "SELECT COUNT(*) FROM gap WHERE case_id = '2026-FV-300' AND first_seen = '2026-11-20'"), 1);
}

}  // namespace

// Migration 7 (issue 21): tokens made before scopes keep working, unscoped; older query records
// get their case's region from their stored result, and stay append-only.
TEST(ScopeMigration, OlderTokensStayUnscopedAndOlderRecordsGetTheirRegion) {
  TempDir dir;
  const std::string path = dir.file("old.db");
  {
    db::Database db(path, db::Database::Mode::create);
    db::migrate(db, 6);
    db.exec(
        "INSERT INTO api_token (name, role, sha256, created_at, created_by) "
        "VALUES ('RET Food Valley', 'member', 'sha256:x', '2026-11-01T10:00:00Z', 'tester')");
    db.exec(
        "INSERT INTO audit (at, actor, action, case_id, case_hash, reference_date, ruleset_name, ruleset_version, "
        "ruleset_hash, result_hash, result) VALUES ('2026-11-20T10:00:00.000Z', 'tester', 'query', '2026-FV-300', 'h', "
        "'2026-11-20', 'default', '1.0.0', 'x', 'y', '{\"region\": {\"code\": \"JZ21\"}}')");
  }
  auto init = run_passend({"init", "--db", path});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(count(path, "SELECT COUNT(*) FROM api_token WHERE name = 'RET Food Valley' AND scope = ''"), 1);
  EXPECT_EQ(count(path, "SELECT COUNT(*) FROM audit WHERE region = 'JZ21' AND scope = ''"), 1);
  auto list = run_passend({"token", "list", "--db", path, "--format", "text"});
  EXPECT_NE(list.out.find("RET Food Valley  member  zonder scope"), std::string::npos) << list.out;
  db::Database db(path, db::Database::Mode::read_write);
  EXPECT_THROW(db.exec("UPDATE audit SET actor = 'someone else'"), std::exception) << "the trigger is back";
}
