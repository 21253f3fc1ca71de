// The registry commands as a user runs them: import, capacity and generate, with their exit
// codes, stdout and stderr.
#include <gtest/gtest.h>

#include "tests/support/registry_fixtures.hpp"

using namespace passend;
using namespace passend::testing;

namespace {
// An initialised database and the base network written next to it.
struct Workspace {
  TempDir dir;
  std::string db = dir.file("passend.db");
  std::string network = dir.file("network.json");
  Workspace() {
    run_passend({"init", "--db", db});
    write_text(network, base_network().dump(2));
  }
  std::string registry() {
    auto d = db::open_existing(db, db::Database::Mode::read_only);
    return snapshot(d);
  }
};
}  // namespace

TEST(ImportCli, ImportsAndSummarises) {
  Workspace w;
  auto r = run_passend({"import", "--db", w.db, w.network});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "") << "no progress output when stderr is not a terminal";
  EXPECT_EQ(r.out, "imported " + w.network +
                       " as import #1: 2 providers, 2 locations, 3 offerings, 2 contracts, 1 lot overrides\n"
                       "  providers: 2 added, 0 changed, 0 removed\n"
                       "  locations: 2 added, 0 changed, 0 removed\n"
                       "  offerings: 3 added, 0 changed, 0 removed\n"
                       "  contracts: 2 added, 0 changed, 0 removed\n"
                       "  capacity history: 3 records added\n");
  auto again = run_passend({"import", "--db", w.db, w.network});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.out, "imported " + w.network +
                           " as import #2: 2 providers, 2 locations, 3 offerings, 2 contracts, 1 lot overrides\n"
                           "  no changes since the previous import\n");
}

TEST(ImportCli, AnInvalidFileIsRefusedWithEveryErrorAndNothingChanges) {
  Workspace w;
  ASSERT_EQ(run_passend({"import", "--db", w.db, w.network}).exit_code, 0);
  const std::string before = w.registry();
  auto doc = base_network();
  doc["providers"][0]["locations"][0]["offerings"][0]["care_form"] = "kleinschalig";
  doc["providers"][1]["locations"][0]["offerings"][0]["capacity"]["free"] = 9;
  const std::string bad = w.dir.file("bad.json");
  write_text(bad, doc.dump());
  auto r = run_passend({"import", "--db", w.db, bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, bad + ": /providers/0/locations/0/offerings/0/care_form: unknown care form 'kleinschalig'; expected one "
                         "of ambulant, ambulant_intensive, day_treatment, foster_care, family_home, small_scale_living, "
                         "residential, secure_residential, crisis\n" +
                       bad + ": /providers/1/locations/0/offerings/0/capacity/free: free 9 exceeds places 8\n");
  EXPECT_EQ(w.registry(), before);
  auto d = db::open_existing(w.db, db::Database::Mode::read_only);
  EXPECT_EQ(db::current_import_id(d), 1) << "no import_batch row for a refused file";
}

TEST(ImportCli, BrokenJsonNamesLineAndColumn) {
  Workspace w;
  const std::string bad = w.dir.file("bad.json");
  write_text(bad, "{\"providers\": [\n  {\"id\": \"p\",}\n]}");
  auto r = run_passend({"import", "--db", w.db, bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind(bad + ":2:", 0), 0u) << r.err;
}

TEST(ImportCli, UsageErrors) {
  Workspace w;
  auto neither = run_passend({"import", "--db", w.db});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_EQ(neither.err, "passend import: give either NETWORK.json, or --offerings and --contracts (CSV)\n");
  auto half = run_passend({"import", "--db", w.db, "--offerings", "o.csv"});
  EXPECT_EQ(half.exit_code, 2);
  EXPECT_EQ(half.err, neither.err);
  auto no_db = run_passend({"import", "--db", w.dir.file("missing.db"), w.network});
  EXPECT_EQ(no_db.exit_code, 2);
  EXPECT_EQ(no_db.err, w.dir.file("missing.db") + ": no such database; create it with `passend init --db " +
                           w.dir.file("missing.db") + "`\n");
  auto no_file = run_passend({"import", "--db", w.db, w.dir.file("nope.json")});
  EXPECT_EQ(no_file.exit_code, 2);
  EXPECT_EQ(no_file.err, w.dir.file("nope.json") + ": cannot open file: No such file or directory\n");
}

TEST(ImportCli, CsvImportGivesTheSameRegistryAsJson) {
  Workspace json_side, csv_side;
  ASSERT_EQ(run_passend({"import", "--db", json_side.db, json_side.network}).exit_code, 0);
  const std::string offerings = csv_side.dir.file("offerings.csv"), contracts = csv_side.dir.file("contracts.csv"),
                    lots = csv_side.dir.file("lots.csv");
  write_text(offerings,
             "provider_id,provider_name,in_network,location_id,municipality,offering_id,care_form,product_category,"
             "expertise,age_min,age_max,contraindications,identity,supra_regional,places,free,wait_weeks,updated\n"
             "prov-2,Jeugdhulp Horizon,nee,prov-2-arnhem,GM0202,prov-2-arnhem-res,residential,43,eating_disorder,12,23,,,ja,"
             "8,0,12,2026-10-01\n"
             "prov-1,Stichting De Linde,ja,prov-1-ede,GM0228,prov-1-ede-kw,small_scale_living,44,autism;trauma,12,18,arson,"
             "protestant,nee,6,1,0,2026-11-20\n"
             "prov-1,Stichting De Linde,ja,prov-1-ede,GM0228,prov-1-ede-amb,ambulant,45,,0,18,,,nee,40,10,0,2026-11-01\n");
  write_text(contracts,
             "provider_id,region,lot,status,from,until\n"
             "prov-1,EXN03,ambulant,active,2024-01-01,2027-12-31\n"
             "prov-1,JZ21,verblijf,active,2024-01-01,2027-12-31\n");
  write_text(lots, "region,care_form,lot\nJZ21,crisis,crisis\n");
  auto r = run_passend({"import", "--db", csv_side.db, "--offerings", offerings, "--contracts", contracts,
                        "--lot-overrides", lots});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("imported " + offerings + " and " + contracts + " as import #1: 2 providers", 0), 0u) << r.out;
  EXPECT_EQ(csv_side.registry(), json_side.registry());

  write_text(contracts, "provider_id,region,lot,status,from,until\nprov-1,JZ21,verblijf,actief,2024-01-01,2027-12-31\n");
  auto bad = run_passend({"import", "--db", csv_side.db, "--offerings", offerings, "--contracts", contracts});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, contracts + ":2:4: unknown status 'actief'; expected one of active, suspended, ended\n");
}

TEST(CapacityCli, SetShowsTheNewStateAndHistoryListsIt) {
  Workspace w;
  ASSERT_EQ(run_passend({"import", "--db", w.db, w.network}).exit_code, 0);
  auto set = run_passend({"capacity", "set", "--db", w.db, "--offering", "prov-1-ede-kw", "--free", "0", "--wait-weeks",
                          "5", "--date", "2026-11-25"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(set.out, "prov-1-ede-kw: 0 van 6 plekken vrij, wachttijd 5 weken, bijgewerkt 2026-11-25\n");

  auto history = run_passend({"capacity", "history", "--db", w.db, "--offering", "prov-1-ede-kw", "--format", "json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  auto doc = nlohmann::json::parse(history.out);
  EXPECT_EQ(doc["offering"], "prov-1-ede-kw");
  ASSERT_EQ(doc["history"].size(), 2u);
  EXPECT_EQ(doc["history"][0]["source"], "import #1");
  EXPECT_EQ(doc["history"][1]["source"], "capacity set");
  EXPECT_EQ(doc["history"][1]["wait_weeks"], 5);

  auto text = run_passend({"capacity", "history", "--db", w.db, "--offering", "prov-1-ede-kw", "--format", "text"});
  EXPECT_EQ(text.out.rfind("capaciteitsgeschiedenis van prov-1-ede-kw\nbijgewerkt  plekken   vrij  wachttijd  vastgelegd", 0), 0u)
      << text.out;
}

TEST(CapacityCli, RefusesWhatCannotBe) {
  Workspace w;
  ASSERT_EQ(run_passend({"import", "--db", w.db, w.network}).exit_code, 0);
  const std::string before = w.registry();
  auto unknown = run_passend({"capacity", "set", "--db", w.db, "--offering", "prov-9", "--free", "1"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, w.db + ": unknown offering 'prov-9'; it is not in the registry\n");
  auto too_many = run_passend({"capacity", "set", "--db", w.db, "--offering", "prov-1-ede-kw", "--free", "7"});
  EXPECT_EQ(too_many.exit_code, 2);
  EXPECT_EQ(too_many.err, w.db + ": offering 'prov-1-ede-kw': free 7 exceeds its 6 places\n");
  auto bad_date = run_passend({"capacity", "set", "--db", w.db, "--offering", "prov-1-ede-kw", "--free", "1", "--date", "gisteren"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_EQ(bad_date.err, "--date: invalid date 'gisteren'; expected YYYY-MM-DD\n");

  const std::string updates = w.dir.file("updates.csv");
  write_text(updates, "offering,free,wait_weeks,updated\nprov-1-ede-kw,0,3,2026-11-25\nprov-1-ede-amb,50,,2026-11-25\n");
  auto batch = run_passend({"capacity", "import", "--db", w.db, updates});
  EXPECT_EQ(batch.exit_code, 2);
  EXPECT_EQ(batch.err, updates + ":3:2: free 50 exceeds the 40 places of offering 'prov-1-ede-amb'\n");
  EXPECT_EQ(w.registry(), before) << "the valid first row was not applied either";

  write_text(updates, "offering,free,wait_weeks,updated\nprov-1-ede-kw,0,3,2026-11-25\nprov-1-ede-amb,30,,2026-11-25\n");
  auto ok = run_passend({"capacity", "import", "--db", w.db, updates});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "capaciteit bijgewerkt van 2 aanbiedingen uit " + updates + "\n");
}

TEST(GenerateCli, NetworkIsDeterministicAndImportable) {
  Workspace w;
  auto a = run_passend({"generate", "network", "--seed", "9", "--offerings", "1000", "--date", "2026-11-26"});
  auto b = run_passend({"generate", "network", "--seed", "9", "--offerings", "1000", "--date", "2026-11-26"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(a.out, b.out);
  const std::string file = w.dir.file("generated.json");
  auto to_file = run_passend({"generate", "network", "--seed", "9", "--offerings", "1000", "--date", "2026-11-26", "--out", file});
  ASSERT_EQ(to_file.exit_code, 0);
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(read_text(file), a.out);
  auto imported = run_passend({"import", "--db", w.db, file});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find(", 1000 offerings, "), std::string::npos) << imported.out;
}

TEST(GenerateCli, CasesAreAJsonArray) {
  auto r = run_passend({"generate", "cases", "--seed", "2", "--count", "25", "--date", "2026-11-26"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_TRUE(doc.is_array());
  EXPECT_EQ(doc.size(), 25u);
  EXPECT_EQ(doc[0]["id"], "gen-000001");
}

TEST(GenerateCli, SizeOutOfRangeIsAUsageError) {
  auto r = run_passend({"generate", "network", "--seed", "1", "--offerings", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--offerings"), std::string::npos) << r.err;
}

// Issue 21: whom to chase for new figures. The default limit is the rule set's staleness limit
// (stale_capacity.max_age_days, 30 days in rules/default).
TEST(StaleReportCli, ListsOfferingsWithOldFiguresPerProvider) {
  Workspace w;
  ASSERT_EQ(run_passend({"import", "--db", w.db, w.network}).exit_code, 0);
  struct Row {
    const char* name;
    std::vector<std::string> extra;
    std::vector<std::string> offerings;  // listed, in this order
  };
  const std::vector<Row> rows = {
      {"default: the rule set's 30 days", {}, {"prov-2-arnhem-res"}},
      {"20 days", {"--days", "20"}, {"prov-1-ede-amb", "prov-2-arnhem-res"}},
      {"100 days", {"--days", "100"}, {}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.name);
    std::vector<std::string> args = {"report", "stale", "--db", w.db, "--date", "2026-11-26", "--format", "json"};
    args.insert(args.end(), row.extra.begin(), row.extra.end());
    auto r = run_passend(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto report = nlohmann::json::parse(r.out);
    std::vector<std::string> listed;
    for (const auto& p : report["providers"])
      for (const auto& o : p["offerings"]) listed.push_back(o["offering"]);
    EXPECT_EQ(listed, row.offerings);
    EXPECT_EQ(report["offerings"], row.offerings.size());
  }
  auto text = run_passend({"report", "stale", "--db", w.db, "--date", "2026-11-26", "--format", "text"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Verouderde capaciteit op 2026-11-26: cijfers ouder dan 30 dagen"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Jeugdhulp Horizon (prov-2)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("bijgewerkt 2026-10-01 (56 dagen geleden), 0 van 8 vrij, wachttijd 12 weken"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("1 aanbod bij 1 aanbieder na te bellen"), std::string::npos) << text.out;

  // New figures take the provider off the list.
  ASSERT_EQ(run_passend({"capacity", "set", "--db", w.db, "--offering", "prov-2-arnhem-res", "--free", "1", "--date",
                         "2026-11-25", "--note", "Na de zomer weer plek"})
                .exit_code,
            0);
  text = run_passend({"report", "stale", "--db", w.db, "--date", "2026-11-26", "--format", "text"});
  EXPECT_NE(text.out.find("Alle aanbieders hebben actuele cijfers."), std::string::npos) << text.out;

  auto bad = run_passend({"report", "stale", "--db", w.db, "--days", "-1"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--days: expected a number of days from 0 to 3650"), std::string::npos) << bad.err;
}

// Issue 21: a re-import keeps figures set after the file's own date, and says how many.
TEST(ImportCli, KeepsNewerLiveFiguresAndSaysSo) {
  Workspace w;
  ASSERT_EQ(run_passend({"import", "--db", w.db, w.network}).exit_code, 0);
  ASSERT_EQ(run_passend({"capacity", "set", "--db", w.db, "--offering", "prov-2-arnhem-res", "--free", "2", "--date",
                         "2026-11-25"})
                .exit_code,
            0);
  auto r = run_passend({"import", "--db", w.db, w.network});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  capacity kept: 1 offerings updated live after the file's date keep their newer figures\n"),
            std::string::npos)
      << r.out;
  auto history = run_passend({"capacity", "history", "--db", w.db, "--offering", "prov-2-arnhem-res", "--format", "json"});
  const auto h = nlohmann::json::parse(history.out)["history"];
  ASSERT_EQ(h.size(), 2u) << history.out;  // the import's first figures and the live ones; nothing overwritten
  EXPECT_EQ(h[1]["free"], 2);
  EXPECT_FALSE(h[1]["by"].get<std::string>().empty());
}
