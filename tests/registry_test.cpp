// The registry: whole-network imports (all or nothing, idempotent, diffed), the engine's
// prefiltered read, and capacity updates with their history.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "tests/support/registry_fixtures.hpp"
#include "core/sha256.hpp"

using namespace passend;
using namespace passend::testing;
using nlohmann::json;

namespace {

std::vector<std::string> offering_ids(const ProviderNetwork& n) {
  std::vector<std::string> out;
  for (const auto& p : n.providers)
    for (const auto& l : p.locations)
      for (const auto& o : l.offerings) out.push_back(o.id);
  return out;
}

std::vector<std::string> provider_ids(const ProviderNetwork& n) {
  std::vector<std::string> out;
  for (const auto& p : n.providers) out.push_back(p.id);
  return out;
}

int count_rows(db::Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  st.step();
  return st.column_int(0);
}

// A registry with the base network imported once.
class Registry : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = init_database(dir_);
    db_.emplace(db::open_existing(path_));
    first_ = db::import_network(*db_, parse(base_network()), info());
  }
  db::Database& db() { return *db_; }

  TempDir dir_;
  std::string path_;
  std::optional<db::Database> db_;
  db::ImportSummary first_;
};

}  // namespace

TEST_F(Registry, TheFirstImportAddsEverything) {
  EXPECT_EQ(first_.import_id, 1);
  EXPECT_EQ(first_.providers.total, 2);
  EXPECT_EQ(first_.providers.added, 2);
  EXPECT_EQ(first_.locations.added, 2);
  EXPECT_EQ(first_.offerings.added, 3);
  EXPECT_EQ(first_.contracts.added, 2);
  EXPECT_EQ(first_.lot_overrides, 1);
  EXPECT_EQ(first_.capacity_records, 3);
  EXPECT_EQ(db::current_import_id(db()), 1);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM import_batch WHERE file = 'network.json' AND format = 'json' AND imported_by = 'tester'"), 1);
}

TEST(RegistryEmpty, NoImportYet) {
  TempDir dir;
  auto db = db::open_existing(init_database(dir));
  EXPECT_EQ(db::current_import_id(db), std::nullopt);
  EXPECT_TRUE(db::read_network(db).providers.empty());
}

TEST_F(Registry, ReadsBackSortedByIdsAtEveryLevel) {
  auto n = db::read_network(db());
  EXPECT_EQ(provider_ids(n), (std::vector<std::string>{"prov-1", "prov-2"}));
  EXPECT_EQ(offering_ids(n), (std::vector<std::string>{"prov-1-ede-amb", "prov-1-ede-kw", "prov-2-arnhem-res"}));
  ASSERT_EQ(n.providers[0].contracts.size(), 2u);
  EXPECT_EQ(n.providers[0].contracts[0].region, "EXN03");  // by region, then lot, then start
  const Offering& kw = n.providers[0].locations[0].offerings[1];
  EXPECT_EQ(kw.expertise, (std::vector<std::string>{"autism", "trauma"}));
  EXPECT_EQ(kw.contraindications, (std::vector<std::string>{"arson"}));
  EXPECT_EQ(kw.identity, "protestant");
  EXPECT_EQ(kw.capacity.places, 6);
  EXPECT_EQ(kw.capacity.free, 1);
  EXPECT_EQ(kw.capacity.updated.str(), "2026-11-20");
  EXPECT_FALSE(n.providers[1].in_network);
  EXPECT_TRUE(n.providers[1].locations[0].offerings[0].supra_regional);
  ASSERT_EQ(n.lot_overrides.size(), 1u);
  EXPECT_EQ(n.lot_overrides[0].lot, "crisis");
}

TEST_F(Registry, ReadingBackGivesTheImportedDocument) {
  // Written in the model's order (providers, locations, offerings by id), the document is the same.
  auto doc = base_network();
  std::swap(doc["providers"][0]["locations"][0]["offerings"][0], doc["providers"][0]["locations"][0]["offerings"][1]);
  std::swap(doc["providers"][0]["contracts"][0], doc["providers"][0]["contracts"][1]);
  EXPECT_EQ(snapshot(db()), network_to_json(parse(doc)).dump());
}

TEST_F(Registry, ReimportingTheSameNetworkChangesNothing) {
  const std::string before = snapshot(db());
  const int history = count_rows(db(), "SELECT COUNT(*) FROM capacity_history");
  auto again = db::import_network(db(), parse(base_network()), info());
  EXPECT_TRUE(again.unchanged());
  EXPECT_EQ(again.capacity_records, 0);
  EXPECT_EQ(again.import_id, 2);
  EXPECT_EQ(again.offerings.total, 3);
  EXPECT_EQ(snapshot(db()), before);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM capacity_history"), history);
  EXPECT_EQ(db::current_import_id(db()), 2);
}

TEST_F(Registry, ReportsWhatWasAddedChangedAndRemoved) {
  auto doc = base_network();
  doc["providers"][0]["locations"][0]["offerings"][0]["capacity"]["free"] = 0;       // capacity changed
  doc["providers"][0]["locations"][0]["offerings"][1]["expertise"] = {"adhd"};       // content changed
  doc["providers"][0]["contracts"][0]["status"] = "suspended";                       // contract changed
  doc["providers"][0]["contracts"].erase(1);                                         // contract removed
  doc["providers"].erase(1);                                                          // provider removed
  doc["providers"].push_back(json::parse(R"({"id": "prov-3", "name": "Gezinshuis Het Anker", "contracts": [
      {"region": "JZ21", "lot": "verblijf", "status": "active", "from": "2025-01-01", "until": "2028-12-31"}],
    "locations": [{"id": "prov-3-bar", "municipality": "GM0203", "offerings": [
      {"id": "prov-3-bar-gh", "care_form": "family_home", "product_category": "44", "age_min": 4, "age_max": 18,
       "capacity": {"places": 4, "free": 1, "updated": "2026-11-25"}}]}]})"));
  doc["lot_overrides"] = json::array();
  auto s = db::import_network(db(), parse(doc), info());
  EXPECT_EQ((std::vector<int>{s.providers.added, s.providers.changed, s.providers.removed}), (std::vector<int>{1, 0, 1}));
  EXPECT_EQ((std::vector<int>{s.locations.added, s.locations.changed, s.locations.removed}), (std::vector<int>{1, 0, 1}));
  EXPECT_EQ((std::vector<int>{s.offerings.added, s.offerings.changed, s.offerings.removed}), (std::vector<int>{1, 2, 1}));
  EXPECT_EQ((std::vector<int>{s.contracts.added, s.contracts.changed, s.contracts.removed}), (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(s.capacity_records, 2) << "the new offering and the one whose capacity changed";
  EXPECT_EQ(s.lot_overrides, 0);

  auto n = db::read_network(db());
  EXPECT_EQ(provider_ids(n), (std::vector<std::string>{"prov-1", "prov-3"}));
  EXPECT_EQ(offering_ids(n), (std::vector<std::string>{"prov-1-ede-amb", "prov-1-ede-kw", "prov-3-bar-gh"}));
  EXPECT_EQ(n.providers[0].contracts.size(), 1u);
  EXPECT_EQ(n.providers[0].contracts[0].status, "suspended");
  EXPECT_TRUE(n.lot_overrides.empty());
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM care_form_lot WHERE region = '*'"), 9)
      << "the national defaults of `passend init` stay";
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM import_batch WHERE id = 2 AND json_extract(summary, '$.offerings.changed') = 2"), 1);
}

TEST_F(Registry, OfferingsAndLocationsCanMoveBetweenParents) {
  auto doc = base_network();
  // The Arnhem location moves to prov-1; its offering moves to the Ede location; prov-2 goes.
  json arnhem = doc["providers"][1]["locations"][0];
  json residential = arnhem["offerings"][0];
  arnhem["offerings"] = json::array();
  doc["providers"][0]["locations"].push_back(arnhem);
  doc["providers"][0]["locations"][0]["offerings"].push_back(residential);
  doc["providers"].erase(1);
  auto s = db::import_network(db(), parse(doc), info());
  EXPECT_EQ(s.locations.changed, 1);
  EXPECT_EQ(s.offerings.changed, 1);
  EXPECT_EQ(s.providers.removed, 1);
  auto n = db::read_network(db());
  ASSERT_EQ(n.providers.size(), 1u);
  ASSERT_EQ(n.providers[0].locations.size(), 2u);
  EXPECT_EQ(n.providers[0].locations[1].id, "prov-2-arnhem");
  EXPECT_TRUE(n.providers[0].locations[1].offerings.empty()) << "an empty location is kept";
  EXPECT_EQ(offering_ids(n), (std::vector<std::string>{"prov-1-ede-amb", "prov-1-ede-kw", "prov-2-arnhem-res"}));
}

TEST_F(Registry, AFailedImportLeavesThePreviousNetworkUntouched) {
  const std::string before = snapshot(db());
  // Bypass the parser: a network the database refuses halfway (free above places).
  auto broken = parse(base_network());
  broken.providers[1].locations[0].offerings[0].capacity.free = 99;
  broken.providers[0].name = "Renamed before the failure";
  EXPECT_THROW(db::import_network(db(), broken, info("broken.json")), db::Error);
  EXPECT_EQ(snapshot(db()), before);
  EXPECT_EQ(db::current_import_id(db()), 1);
  EXPECT_EQ(count_rows(db(), "SELECT COUNT(*) FROM capacity_history"), 3);
}

TEST_F(Registry, PrefiltersByCareForm) {
  auto n = db::read_network(db(), {"residential", "crisis"});
  EXPECT_EQ(offering_ids(n), (std::vector<std::string>{"prov-2-arnhem-res"}));
  EXPECT_EQ(provider_ids(n), (std::vector<std::string>{"prov-2"}));
  EXPECT_EQ(n.lot_overrides.size(), 1u) << "lot overrides always come along";
}

TEST_F(Registry, PrefiltersByAgeWithTheRangeInclusive) {
  EXPECT_EQ(offering_ids(db::read_network(db(), {}, 11)), (std::vector<std::string>{"prov-1-ede-amb"}));
  EXPECT_EQ(offering_ids(db::read_network(db(), {}, 12)),
            (std::vector<std::string>{"prov-1-ede-amb", "prov-1-ede-kw", "prov-2-arnhem-res"}));
  EXPECT_EQ(offering_ids(db::read_network(db(), {}, 19)), (std::vector<std::string>{"prov-2-arnhem-res"}));
  EXPECT_EQ(offering_ids(db::read_network(db(), {"small_scale_living", "ambulant"}, 12)),
            (std::vector<std::string>{"prov-1-ede-amb", "prov-1-ede-kw"}));
}

TEST_F(Registry, AFilteredProviderKeepsAllItsContracts) {
  auto n = db::read_network(db(), {"small_scale_living"});
  ASSERT_EQ(n.providers.size(), 1u);
  EXPECT_EQ(n.providers[0].contracts.size(), 2u) << "the ambulant contract too: the engine reports wrong lots";
  EXPECT_EQ(n.providers[0].locations[0].offerings.size(), 1u);
}

TEST_F(Registry, NothingMatchesGivesAnEmptyNetwork) {
  auto n = db::read_network(db(), {"secure_residential"});
  EXPECT_TRUE(n.providers.empty());
}

TEST_F(Registry, SetCapacityIsStampedAndKeptInTheHistory) {
  db::set_capacity(db(), "prov-1-ede-kw", 0, 6, *Date::parse("2026-11-25"));
  db::set_capacity(db(), "prov-1-ede-kw", 2, std::nullopt, *Date::parse("2026-11-26"));
  auto n = db::read_network(db(), {"small_scale_living"});
  const Capacity& c = n.providers[0].locations[0].offerings[0].capacity;
  EXPECT_EQ(c.free, 2);
  EXPECT_EQ(c.wait_weeks, 6) << "no --wait-weeks keeps the stored wait";
  EXPECT_EQ(c.updated.str(), "2026-11-26");
  auto history = db::capacity_history(db(), "prov-1-ede-kw");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].source, "import #1");
  EXPECT_EQ(history[0].free, 1);
  EXPECT_EQ(history[1].source, "capacity set");
  EXPECT_EQ(history[1].wait_weeks, 6);
  EXPECT_EQ(history[2].free, 2);
  EXPECT_EQ(history[2].updated, "2026-11-26");
  EXPECT_EQ(history[2].recorded_at.size(), 20u) << history[2].recorded_at;
}

TEST_F(Registry, HistoryAccumulatesOverImportsAndUpdates) {
  db::set_capacity(db(), "prov-2-arnhem-res", 1, 0, *Date::parse("2026-09-15"));
  // The next import carries the provider's own figures again, dated after the update (2026-10-01):
  // a change, so a new record.
  db::import_network(db(), parse(base_network()), info());
  auto history = db::capacity_history(db(), "prov-2-arnhem-res");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].source, "import #1");
  EXPECT_EQ(history[1].source, "capacity set");
  EXPECT_EQ(history[2].source, "import #2");
  EXPECT_EQ(history[2].free, 0);
  EXPECT_EQ(history[2].wait_weeks, 12);
}

// Issue 21: a re-import does not overwrite figures set live after the file's own date; the
// newer figure wins, and the summary counts what it kept.
TEST_F(Registry, LiveFiguresNewerThanTheFileSurviveAReimport) {
  struct Row {
    const char* name;
    const char* live_date;  // the file says 2026-10-01
    int kept;
    int free_after;
    std::string by_after;
  };
  for (const Row& row : {Row{"newer live figure wins", "2026-11-10", 1, 1, "Planner Arnhem"},
                         Row{"older live figure gives way", "2026-09-15", 0, 0, ""},
                         Row{"same day: the file wins", "2026-10-01", 0, 0, ""}}) {
    SCOPED_TRACE(row.name);
    db::set_capacity(db(), "prov-2-arnhem-res", 1, 3, *Date::parse(row.live_date), {"Planner Arnhem", "na de zomer"});
    const auto before = db::capacity_history(db(), "prov-2-arnhem-res").size();
    const auto summary = db::import_network(db(), parse(base_network()), info());
    EXPECT_EQ(summary.capacity_kept, row.kept);
    const auto figures = db::offering_figures(db(), {std::nullopt, "prov-2-arnhem-res", std::nullopt});
    ASSERT_EQ(figures.size(), 1u);
    EXPECT_EQ(figures[0].capacity.free, row.free_after);
    EXPECT_EQ(figures[0].set_by, row.by_after);
    EXPECT_EQ(figures[0].note, row.kept ? "na de zomer" : "");
    // A kept figure adds no history; a figure given way to is a new import record.
    EXPECT_EQ(db::capacity_history(db(), "prov-2-arnhem-res").size(), before + (row.kept ? 0 : 1));
  }
}

TEST_F(Registry, SetCapacityRefusesUnknownOfferingsAndImpossibleCounts) {
  auto message = [&](auto call) {
    try {
      call();
    } catch (const InvalidInput& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const Date d = *Date::parse("2026-11-26");
  EXPECT_EQ(message([&] { db::set_capacity(db(), "prov-9", 1, {}, d); }),
            path_ + ": unknown offering 'prov-9'; it is not in the registry");
  EXPECT_EQ(message([&] { db::set_capacity(db(), "prov-1-ede-kw", 7, {}, d); }),
            path_ + ": offering 'prov-1-ede-kw': free 7 exceeds its 6 places");
  EXPECT_EQ(message([&] { db::set_capacity(db(), "prov-1-ede-kw", -1, {}, d); }),
            path_ + ": offering 'prov-1-ede-kw': free must not be negative, got -1");
  EXPECT_EQ(message([&] { db::set_capacity(db(), "prov-1-ede-kw", 1, -3, d); }),
            path_ + ": offering 'prov-1-ede-kw': wait_weeks must not be negative, got -3");
  EXPECT_EQ(message([&] { db::capacity_history(db(), "prov-9"); }),
            path_ + ": unknown offering 'prov-9'; it is not in the registry");
  EXPECT_EQ(db::capacity_history(db(), "prov-1-ede-kw").size(), 1u) << "a refused update leaves no trace";
}

TEST_F(Registry, CapacityCsvIsAppliedAllOrNothing) {
  const std::string before = snapshot(db());
  auto bad = CsvTable::parse(
      "offering,free,wait_weeks,updated\n"
      "prov-1-ede-kw,0,4,2026-11-25\n"
      "prov-1-ede-amb,41,,2026-11-25\n"
      "prov-9,1,,2026-11-25\n"
      "prov-2-arnhem-res,x,-1,25-11-2026\n"
      "prov-1-ede-kw,1,,2026-11-26\n",
      "updates.csv");
  try {
    db::import_capacity_csv(db(), bad);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()),
              "updates.csv:3:2: free 41 exceeds the 40 places of offering 'prov-1-ede-amb'\n"
              "updates.csv:4:1: unknown offering 'prov-9'; it is not in the registry\n"
              "updates.csv:5:2: expected an integer, got 'x'\n"
              "updates.csv:5:3: must not be negative, got -1\n"
              "updates.csv:5:4: invalid date '25-11-2026'; expected YYYY-MM-DD\n"
              "updates.csv:6:1: duplicate offering 'prov-1-ede-kw'; first used on line 2");
  }
  EXPECT_EQ(snapshot(db()), before);

  auto good = CsvTable::parse("offering,free,wait_weeks,updated\nprov-1-ede-kw,0,4,2026-11-25\nprov-1-ede-amb,12,,2026-11-24\n",
                              "updates.csv");
  EXPECT_EQ(db::import_capacity_csv(db(), good), 2);
  auto n = db::read_network(db(), {"small_scale_living", "ambulant"});
  EXPECT_EQ(n.providers[0].locations[0].offerings[0].capacity.free, 12);
  EXPECT_EQ(n.providers[0].locations[0].offerings[1].capacity.wait_weeks, 4);
  EXPECT_EQ(db::capacity_history(db(), "prov-1-ede-amb").back().source, "capacity import updates.csv");
}

TEST_F(Registry, CapacityCsvNeedsItsColumns) {
  auto table = CsvTable::parse("offering,vrij,updated\nprov-1-ede-kw,0,2026-11-25\n", "updates.csv");
  try {
    db::import_capacity_csv(db(), table);
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()),
              "updates.csv:1:2: unknown column 'vrij'; expected offering, free, wait_weeks, updated\n"
              "updates.csv:1:1: missing column 'free'");
  }
}

TEST(Sha256, KnownVectors) {
  // FIPS 180-2 examples: what import batches, rule sets and audit records are hashed with.
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
