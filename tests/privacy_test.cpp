// Privacy by design (docs/domain.md, principle 12): personal data is refused wherever input is read
// (network imports, API bodies), the audit trail is append-only and only `passend purge` removes
// case records after their retention period, the server log holds no case content, and the
// database files are private to their owner.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/api_server.hpp"
#include "core/errors.hpp"
#include "providers/network_csv.hpp"
#include "providers/purge.hpp"
#include "tests/support/registry_fixtures.hpp"
#include "tests/support/paths.hpp"

namespace passend::testing {
namespace {

using nlohmann::json;
const char* kBsn = "123456782";  // passes the eleven-test; not a real person's number
const char* kDate = "2026-11-26";

std::string demo(const std::string& name) { return std::string(PASSEND_SOURCE_DIR + "/data/demo/") + name; }

std::vector<std::string> pointers_of(const InvalidInput& e) {
  std::vector<std::string> out;
  for (const auto& i : e.issues()) out.push_back(i.where);
  return out;
}

template <class Parse>
std::vector<std::string> refused_at(Parse parse) {
  try {
    parse();
  } catch (const InvalidInput& e) {
    return pointers_of(e);
  }
  return {};
}

// --- network imports ------------------------------------------------------------------------

TEST(PrivacyImport, NetworkJsonRefusesABsnInProviderFreeText) {
  json doc = base_network();
  doc["providers"][0]["name"] = std::string("Pleeggezin van jeugdige ") + kBsn;
  doc["providers"][1]["urgent_contact"] = std::string("bel over ") + kBsn;
  EXPECT_EQ(refused_at([&] { parse(doc); }),
            (std::vector<std::string>{"/providers/0/name", "/providers/1/urgent_contact"}));
}

TEST(PrivacyImport, NetworkCsvRefusesABsnInProviderFreeText) {
  const std::string dir = std::string(PASSEND_SOURCE_DIR + "/docs/templates/");
  std::string offerings = read_text(dir + "offerings.csv");
  for (auto at = offerings.find("0318-000000"); at != std::string::npos; at = offerings.find("0318-000000"))
    offerings.replace(at, 11, kBsn);  // the urgent_contact of prov-001, on lines 2 to 4
  const auto o = CsvTable::parse(offerings, "offerings.csv");
  const auto c = CsvTable::parse(read_text(dir + "contracts.csv"), "contracts.csv");
  EXPECT_EQ(refused_at([&] { parse_network_csv(o, c, vocabulary(), regions()); }),
            (std::vector<std::string>{"2:19", "3:19", "4:19"}));  // column 19: urgent_contact
}

TEST(PrivacyImport, PhoneNumbersAndProviderCodesAreNotMistakenForABsn) {
  json doc = base_network();
  doc["providers"][0]["urgent_contact"] = "Rode knop 0318-000000 / 06 12345678 / 0318123456";
  doc["providers"][1]["name"] = "Jeugdhulp Horizon (AGB 98765432)";
  EXPECT_NO_THROW(parse(doc));
}

TEST(PrivacyImport, TheImportCommandRefusesAndWritesNothing) {
  TempDir dir;
  const std::string db = dir.file("passend.db"), file = dir.file("network.json");
  ASSERT_EQ(run_passend({"init", "--db", db}).exit_code, 0);
  json doc = base_network();
  doc["providers"][0]["urgent_contact"] = kBsn;
  write_text(file, doc.dump());
  const auto r = run_passend({"import", "--db", db, file});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/providers/0/urgent_contact: personal data is refused"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(kBsn), std::string::npos) << "the message does not repeat the number";
  auto d = db::open_existing(db, db::Database::Mode::read_only);
  EXPECT_FALSE(db::current_import_id(d));
}

// The first column of the first row of a query on the database at `path`.
int count(const std::string& path, const std::string& sql) {
  db::Database db(path, db::Database::Mode::read_only);
  auto st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}

// --- case documents through the CLI --------------------------------------------------------------

// A database with the demo network, and the demo maatwerk case with a changed maatwerk written
// to a file, for `passend query`.
class PrivacyQuery : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.file("passend.db");
    ASSERT_EQ(run_passend({"init", "--db", db_}).exit_code, 0);
    ASSERT_EQ(run_passend({"import", "--db", db_, demo("network.json")}).exit_code, 0);
  }
  CliResult query(const json& maatwerk_patch) {
    json doc = json::parse(read_text(demo("cases/fv-077-maatwerk.json")));
    doc["maatwerk"].merge_patch(maatwerk_patch);
    write_text(case_file_, doc.dump(2));
    return run_passend({"query", "--db", db_, "--case", case_file_, "--date", kDate, "--format", "json"});
  }
  int audit_records() { return count(db_, "SELECT COUNT(*) FROM audit WHERE action = 'query'"); }

  TempDir dir_;
  std::string db_;
  const std::string case_file_ = dir_.file("case.json");
};

// What a hurried RET member might type into a maatwerk reason (the reproduced failure): refused
// by kind, the text in no message, and nothing kept in the audit trail (15 years).
TEST_F(PrivacyQuery, PersonalDataInTheMaatwerkReasonIsExit2AndKeptNowhere) {
  const std::pair<const char*, const char*> typed[] = {
      {"Jan de Vries, Kerkstraat 12, Ede", "a street address"},
      {"woont in 6711 AB bij oma", "a postcode"},
      {"moeder bereikbaar op 06-12345678", "a phone number"},
      {"geboren 4 maart 2011", "a full date"},
      {"BSN 1234.56.782", "a BSN-like number"},
      {"mail ouder@example.org", "an e-mail address"},
  };
  for (const auto& [reason, kind] : typed) {
    const auto r = query({{"reason", reason}});
    EXPECT_EQ(r.exit_code, 2) << reason;
    EXPECT_EQ(r.err.find(case_file_ + ": /maatwerk/reason: personal data is refused: the text holds " + kind), 0u) << r.err;
    EXPECT_EQ(r.err.find(reason), std::string::npos) << "the message repeats the text: " << r.err;
    EXPECT_EQ(r.out, "");
  }
  EXPECT_EQ(audit_records(), 0);
  EXPECT_EQ(query({{"reason", "geen passend aanbod binnen het inkoopnetwerk sinds 2025"}}).exit_code, 0);
  EXPECT_EQ(audit_records(), 1);
}

TEST_F(PrivacyQuery, AMaatwerkApprovedAfterTheReferenceDateIsExit2AndLeavesNoRecord) {
  const auto r = query({{"date", "2027-03-01"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(case_file_ + ": /maatwerk/date: approval date 2027-03-01 lies after the reference date " + kDate),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(audit_records(), 0) << "a refused query leaves no audit record";
  EXPECT_EQ(query({{"date", kDate}}).exit_code, 0) << "approved on the reference date itself";
}

// --- the HTTP API: request bodies go through the same validators ------------------------------

class PrivacyApi : public SuiteApiServer<PrivacyApi> {
 protected:
  static httplib::Result send(const std::string& method, const std::string& path, const std::string& body,
                              const std::string& role) {
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.headers = bearer(db_->token(role));
    req.body = body;
    req.set_header("Content-Type", "application/json");
    return server_->client().send(req);
  }
  static void expect_refused(const httplib::Result& r, const std::string& pointer) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
    EXPECT_EQ(json::parse(r->body).value("pointer", ""), pointer) << r->body;
  }
  static json demo_case() { return json::parse(read_text(demo("cases/fv-077-maatwerk.json"))); }
};

TEST_F(PrivacyApi, RequestBodiesWithPersonalDataAre400AndNothingIsKept) {
  const std::string query = std::string("/api/v1/query?date=") + kDate;
  const int audits = count(db_->path(), "SELECT COUNT(*) FROM audit");

  json named = demo_case();
  named["preferences"]["naam"] = "Jan";
  expect_refused(send("POST", query, named.dump(), "member"), "/preferences/naam");
  json bsn = demo_case();
  bsn["maatwerk"]["reason"] = std::string("zie dossier ") + kBsn;
  expect_refused(send("POST", query, bsn.dump(), "member"), "/maatwerk/reason");

  json postcode = demo_case();
  postcode["maatwerk"]["reason"] = "gezin verhuist naar 6711 AB";
  expect_refused(send("POST", query, postcode.dump(), "member"), "/maatwerk/reason");
  json future = demo_case();
  future["maatwerk"]["date"] = "2027-03-01";
  expect_refused(send("POST", query, future.dump(), "member"), "/maatwerk/date");

  json cases = json::parse(read_text(demo("cases/allocation-boeg.json")));
  cases[1]["email"] = "ouder@example.org";
  expect_refused(send("POST", std::string("/api/v1/allocate?network=EXN03&date=") + kDate, cases.dump(), "coordinator"),
                 "/1/email");
  expect_refused(send("POST", "/api/v1/reservations", json{{"case", kBsn}, {"offering", "x"}}.dump(), "coordinator"),
                 "/case");
  expect_refused(send("POST", "/api/v1/reservations", json{{"case", "Jan Jansen"}, {"offering", "x"}}.dump(), "coordinator"),
                 "/case");
  auto list = send("GET", std::string("/api/v1/reservations?case=") + kBsn, "", "coordinator");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 400);
  expect_refused(send("POST", "/api/v1/rulesets/default/proposals",
                      json{{"params", {{"rules", {{"distance", {{"max_km", 60}}}}}}},
                           {"base", json::parse(read_text(PASSEND_SOURCE_DIR + "/rules/default/ruleset.json"))["version"]},
                           {"comment", std::string("voor casus ") + kBsn}}
                          .dump(),
                      "contract_manager"),
                 "/comment");

  EXPECT_EQ(count(db_->path(), "SELECT COUNT(*) FROM audit"), audits) << "refused requests leave no record";
  EXPECT_EQ(count(db_->path(), std::string("SELECT COUNT(*) FROM audit WHERE result LIKE '%") + kBsn + "%'"), 0);
}

// The access log names method, path, status and token label: never a body, a query string or
// the text of a refusal, so no case content reaches it, whatever the request.
TEST_F(PrivacyApi, TheServerLogHoldsNoCaseContentEvenForRefusedRequests) {
  const std::string query = std::string("/api/v1/query?date=") + kDate;
  json ok = demo_case();
  ok["id"] = "2026-LOG-001";
  ASSERT_EQ(send("POST", query, ok.dump(), "member")->status, 200);
  json invalid = demo_case();
  invalid["id"] = "2026-LOG-002";
  invalid["need"]["care_forms"] = {"kasteel-met-slotgracht"};
  send("POST", query, invalid.dump(), "member");
  json personal = demo_case();
  personal["bsn"] = kBsn;
  send("POST", query, personal.dump(), "member");
  send("POST", query, "{\"id\": \"2026-LOG-003\", ", "member");
  send("GET", std::string("/api/v1/reservations?case=2026-LOG-004"), "", "coordinator");
  send("GET", std::string("/api/v1/audit?action=2026-LOG-005"), "", "admin");

  const std::string log = server_->log();
  EXPECT_NE(log.find("POST /api/v1/query 400"), std::string::npos) << log;
  for (const std::string secret : {"2026-LOG-", "kasteel", kBsn, "Food Valley", "maatwerk", "zeer specialistische"})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in\n" << log;
}

// --- the audit trail ----------------------------------------------------------------------------

// An audit record of a case, written `at` (an ISO timestamp), with a gap signal, a kept case
// document and a released reservation pointing at it, as years of use leave them.
std::int64_t old_case_record(db::Database& db, const std::string& case_id, const std::string& at) {
  auto audit = db.prepare(
      "INSERT INTO audit (at, actor, action, case_id, case_hash, reference_date, ruleset_name, ruleset_version, "
      "ruleset_hash, result_hash, result) VALUES (?1, 'tester', 'query', ?2, 'h', substr(?1, 1, 10), 'default', "
      "'1.0.0', 'x', 'y', '{\"case\": \"' || ?2 || '\"}')");
  audit.bind(1, at).bind(2, case_id).run();
  const std::int64_t id = db.last_insert_rowid();
  auto gap = db.prepare(
      "INSERT INTO gap (audit_id, recorded_at, first_seen, last_seen, case_id, region, kind, care_forms, expertise) "
      "VALUES (?1, ?2, substr(?2, 1, 10), substr(?2, 1, 10), ?3, 'JZ21', 'absent', 'crisis', '')");
  gap.bind(1, id).bind(2, at).bind(3, case_id).run();
  auto kept = db.prepare("INSERT INTO replay_case (audit_id, kept_at, document) VALUES (?1, ?2, '{}')");
  kept.bind(1, id).bind(2, at).run();
  auto reservation = db.prepare(
      "INSERT INTO reservation (case_id, offering, created_at, reference_date, released_at, audit_id) "
      "VALUES (?1, 'prov-1-ede-kw', ?2, substr(?2, 1, 10), ?2, ?3)");
  reservation.bind(1, case_id).bind(2, at).bind(3, id).run();
  return id;
}

class AuditTrail : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = init_database(dir_);
    db::Database db(path_, db::Database::Mode::read_write);
    old_ = old_case_record(db, "2005-FV-001", "2005-03-01T10:00:00.000Z");
    old_case_record(db, "2008-FV-002", "2008-06-30T23:59:59.999Z");
    recent_ = old_case_record(db, "2026-FV-003", "2026-11-20T09:00:00.000Z");
    db.exec(
        "INSERT INTO audit (at, actor, action, case_id, case_hash, reference_date, ruleset_name, ruleset_version, "
        "ruleset_hash, result_hash, result) VALUES ('2004-01-01T00:00:00.000Z', 'beheer', 'token_create', '', '', "
        "'2004-01-01', '', '', '', 'z', '{}')");
  }
  int rows(const std::string& sql) { return count(path_, sql); }

  TempDir dir_;
  std::string path_;
  std::int64_t old_ = 0, recent_ = 0;
};

TEST_F(AuditTrail, RecordsCanBeNeitherChangedNorDeleted) {
  db::Database db(path_, db::Database::Mode::read_write);
  EXPECT_THROW(db.exec("UPDATE audit SET actor = 'someone else' WHERE id = " + std::to_string(old_)), db::Error);
  // Without the rows that refer to them, only the trigger stands between a record and a DELETE.
  db.exec("DELETE FROM gap; DELETE FROM replay_case; DELETE FROM reservation");
  EXPECT_THROW(db.exec("DELETE FROM audit WHERE id = " + std::to_string(old_)), db::Error);
  EXPECT_THROW(db.exec("DELETE FROM audit WHERE id = " + std::to_string(recent_)), db::Error);
  EXPECT_THROW(db.exec("DELETE FROM audit"), db::Error);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit"), 4);
}

TEST_F(AuditTrail, PurgeRemovesExpiredCaseRecordsAndLogsOnlyCounts) {
  const auto r = run_passend({"purge", "--db", path_, "--before", "2010-01-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 audit records, 2 gap signals, 2 kept case documents, 2 ended reservations"), std::string::npos)
      << r.out;
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit WHERE case_id LIKE '200%'"), 0);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM gap"), 1);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM replay_case"), 1);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM reservation"), 1);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit WHERE case_id = '2026-FV-003'"), 1) << "recent records stay";
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit WHERE action = 'token_create'"), 1) << "records without a case stay";
  EXPECT_EQ(rows("SELECT COUNT(*) FROM purge_permit"), 0) << "the permit ends with the purge";

  db::Database db(path_, db::Database::Mode::read_only);
  auto st = db.prepare("SELECT actor, case_id, result FROM audit WHERE action = 'purge'");
  ASSERT_TRUE(st.step());
  EXPECT_EQ(st.column_text(1), "");
  const json result = json::parse(st.column_text(2));
  EXPECT_EQ(result["before"], "2010-01-01");
  EXPECT_EQ(result["retention_years"], 15);
  EXPECT_EQ(result["deleted"], (json{{"audit", 2}, {"gap", 2}, {"replay_case", 2}, {"reservation", 2}, {"case_record", 0},
                                     {"case_event", 0}}));
  EXPECT_EQ(st.column_text(2).find("FV"), std::string::npos) << "no case content in the purge record";
}

TEST_F(AuditTrail, PurgeRefusesADateInsideTheRetentionPeriod) {
  const std::string too_recent = Date::today().plus_days(-14 * 365).str();
  auto r = run_passend({"purge", "--db", path_, "--before", too_recent});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("inside the retention period of 15 years"), std::string::npos) << r.err;
  EXPECT_EQ(run_passend({"purge", "--db", path_, "--before", "2026-11-21", "--retention-years", "5"}).exit_code, 2);
  EXPECT_EQ(run_passend({"purge", "--db", path_, "--before", "2000-01-01", "--retention-years", "0"}).exit_code, 2);
  EXPECT_EQ(run_passend({"purge", "--db", path_, "--before", "2010-02-30"}).exit_code, 2);
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit"), 4) << "a refused purge removes nothing and logs nothing";

  const std::string shorter = Date::today().plus_days(-6 * 366).str();
  r = run_passend({"purge", "--db", path_, "--before", shorter, "--retention-years", "5"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(rows("SELECT COUNT(*) FROM audit WHERE action = 'query'"), 1);
}

TEST(Retention, TheLimitCountsWholeYearsBack) {
  EXPECT_EQ(db::retention_limit(*Date::parse("2026-11-26"), 15).str(), "2011-11-26");
  EXPECT_EQ(db::retention_limit(*Date::parse("2028-02-29"), 15).str(), "2013-02-28");
}

// --- files --------------------------------------------------------------------------------------

// Restores the process umask at the end of a test.
class Umask {
 public:
  explicit Umask(mode_t mask) : old_(::umask(mask)) {}
  ~Umask() { ::umask(old_); }

 private:
  mode_t old_;
};

mode_t mode_of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return 07777;
  return st.st_mode & 0777;
}

// The database, its write-ahead log and its shared-memory index hold case data: 0600 even
// when the user's umask would let others read new files.
TEST(FileModes, DatabaseWalAndShmArePrivateWhateverTheUmask) {
  Umask permissive(0);
  ApiDatabase db;
  ApiServerProcess server(db.path());  // keeps connections open: the -wal and -shm files exist
  auto r = server.client().Post((std::string("/api/v1/query?date=") + kDate).c_str(), bearer(db.token("member")),
                                read_text(demo("cases/fv-042-kleinschalig.json")), "application/json");
  ASSERT_TRUE(r && r->status == 200);
  for (const std::string suffix : {"", "-wal", "-shm"}) EXPECT_EQ(mode_of(db.path() + suffix), 0600u) << suffix;
}

}  // namespace
}  // namespace passend::testing
