// The server's registry in memory (apps/service/registry_cache.hpp, docs/architecture.md
// "Registry snapshot"): queries share one snapshot while the registry is unchanged, every kind of
// change (import, capacity, reservation; through this connection or another) replaces it before
// the next query answers, and a query never sees half an import.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include "apps/service/advice.hpp"
#include "apps/service/registry_cache.hpp"
#include "plugins/lua_host.hpp"
#include "providers/generator.hpp"
#include "providers/reservations.hpp"
#include "tests/support/registry_fixtures.hpp"

using namespace passend;
using namespace passend::testing;

namespace {
const Date kToday = *Date::parse("2026-11-26");

const char* const kCase = R"({"id": "2026-FV-001", "age": 15, "municipality": "GM0228",
  "need": {"care_forms": ["small_scale_living"], "urgency": "normal", "max_wait_weeks": 4}})";

class RegistryInMemory : public ::testing::Test {
 protected:
  RegistryInMemory() : path_(init_database(dir_)), db_(path_, db::Database::Mode::read_write) {
    db::import_network(db_, parse(base_network()), info());
  }

  service::Context context() { return {db_, vocabulary(), regions(), &cache_}; }

  // The free places the query shows for prov-1-ede-kw, the case's only candidate.
  int free_in_advice() {
    static auto rules = LuaRuleHost::load(PASSEND_SOURCE_DIR + "/rules/default", vocabulary());
    auto ctx = context();
    const auto advice = service::advise(ctx, *rules, {kCase, "case.json"}, kToday, "tester");
    const auto& candidates = advice.result["candidates"];
    if (candidates.size() != 1 || candidates[0]["offering"] != "prov-1-ede-kw")
      throw std::runtime_error("unexpected candidates: " + candidates.dump());
    return candidates[0]["free"].get<int>();
  }

  TempDir dir_;
  std::string path_;
  db::Database db_;
  service::RegistryCache cache_;
};

TEST_F(RegistryInMemory, QueriesShareOneSnapshotWhileTheRegistryIsUnchanged) {
  EXPECT_EQ(cache_.held(), nullptr);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(free_in_advice(), 1);
  EXPECT_EQ(cache_.reads(), 1) << "the audit records the queries wrote are no change to the registry";
  const auto held = cache_.held();
  ASSERT_NE(held, nullptr);
  EXPECT_EQ(cache_.current(db_), held);
  EXPECT_EQ(held->import_id, 1);
  EXPECT_EQ(held->network.providers.size(), 2u);
}

// One row per kind of change: what is changed, and the free places the next query shows. Each
// starts from the imported registry (prov-1-ede-kw: 6 places, 1 free).
struct Change {
  const char* name;
  std::function<void(db::Database&)> make;
  int free_after;
};

const Offering& kw(const passend::RegistrySnapshot& s) {
  for (const auto& o : s.network.providers.at(0).locations.at(0).offerings)
    if (o.id == "prov-1-ede-kw") return o;
  throw std::runtime_error("prov-1-ede-kw is not in the snapshot");
}

void reserve_for(db::Database& db, const std::string& case_id) {
  db::Transaction tx(db);
  db::reserve(db, {case_id, "prov-1-ede-kw", std::nullopt}, kToday);
  tx.commit();
}

const std::vector<Change>& changes() {
  static const std::vector<Change> rows = {
      {"capacity set", [](db::Database& db) { db::set_capacity(db, "prov-1-ede-kw", 3, 0, kToday); }, 3},
      {"capacity import (CSV)",
       [](db::Database& db) {
         db::import_capacity_csv(db, CsvTable::parse("offering,free,wait_weeks,updated\nprov-1-ede-kw,4,,2026-11-26\n", "updates.csv"));
       },
       4},
      {"import of a changed network",
       [](db::Database& db) {
         auto doc = base_network();
         doc["providers"][0]["locations"][0]["offerings"][0]["capacity"] =
             nlohmann::json::parse(R"({"places": 6, "free": 5, "wait_weeks": 0, "updated": "2026-11-26"})");
         db::import_network(db, parse(doc), info("changed.json"));
       },
       5},
      {"a reservation by another case", [](db::Database& db) { reserve_for(db, "2026-XX-002"); }, 0},
      {"a reservation released",
       [](db::Database& db) {
         reserve_for(db, "2026-XX-002");
         db::release(db, "2026-XX-002", "prov-1-ede-kw");
       },
       1},
  };
  return rows;
}

TEST_F(RegistryInMemory, EveryKindOfChangeReplacesTheSnapshotBeforeTheNextQuery) {
  for (const auto& row : changes()) {
    SCOPED_TRACE(row.name);
    TempDir dir;
    const std::string path = init_database(dir);
    db::Database db(path, db::Database::Mode::read_write);
    db::import_network(db, parse(base_network()), info());
    service::RegistryCache cache;
    const auto before = cache.current(db);
    ASSERT_EQ(kw(*before).capacity.free, 1);
    row.make(db);
    const auto after = cache.current(db);
    EXPECT_NE(after, before);
    EXPECT_GT(after->version, before->version);
    EXPECT_EQ(cache.reads(), 2);
    const HeldPlaces held = after->held_on(kToday, "2026-FV-001");
    const auto& o = kw(*after);
    const auto taken = held.by_other_cases.count(o.id) ? held.by_other_cases.at(o.id) : 0;
    EXPECT_EQ(std::max(0, o.capacity.free - taken), row.free_after);
    EXPECT_EQ(kw(*before).capacity.free, 1)
        << "a snapshot in use never changes";
  }
}

TEST_F(RegistryInMemory, AChangeThroughAnotherConnectionIsSeenByTheNextQuery) {
  EXPECT_EQ(free_in_advice(), 1);
  db::Database other(path_, db::Database::Mode::read_write);  // another process, as far as SQLite knows
  db::set_capacity(other, "prov-1-ede-kw", 2, 0, kToday);
  EXPECT_EQ(free_in_advice(), 2);
  reserve_for(other, "2026-XX-003");
  EXPECT_EQ(free_in_advice(), 1);
  reserve_for(db_, "2026-FV-001");  // the case's own reservation is its place, not taken
  EXPECT_EQ(free_in_advice(), 1);
  EXPECT_EQ(cache_.reads(), 4);
}

// Two networks that differ in every offering's figures and in which providers they hold (b has
// the first half of a's): an import replaces one by the other in one transaction, so every
// snapshot a reader takes holds one of them whole, its providers, locations and offerings alike.
ProviderNetwork uniform_network(int free, bool half) {
  ProviderNetwork n = generate_network(regions(), vocabulary(), 11, 2000, kToday);
  if (half) n.providers.resize(n.providers.size() / 2);
  for (auto& p : n.providers)
    for (auto& l : p.locations)
      for (auto& o : l.offerings) {
        o.capacity.places = 4;
        o.capacity.free = free;
      }
  return n;
}

struct Shape {
  std::size_t providers = 0, offerings = 0;
  std::set<int> free;
  bool operator==(const Shape& o) const { return providers == o.providers && offerings == o.offerings && free == o.free; }
};

Shape shape_of(const ProviderNetwork& n) {
  Shape s;
  s.providers = n.providers.size();
  for (const auto& p : n.providers)
    for (const auto& l : p.locations)
      for (const auto& o : l.offerings) {
        s.free.insert(o.capacity.free);
        ++s.offerings;
      }
  return s;
}

TEST_F(RegistryInMemory, AQueryNeverSeesHalfAnImport) {
  const ProviderNetwork a = uniform_network(1, false), b = uniform_network(3, true);
  const Shape shape_a = shape_of(a), shape_b = shape_of(b);
  ASSERT_LT(shape_b.offerings, shape_a.offerings);
  db::import_network(db_, a, info("a.json"));

  std::atomic<bool> done{false};
  std::thread writer([&] {
    db::Database db(path_, db::Database::Mode::read_write);
    for (int i = 0; i < 12; ++i) db::import_network(db, i % 2 ? a : b, info(i % 2 ? "a.json" : "b.json"));
    done = true;
  });
  int snapshots = 0;
  db::Database reader(path_, db::Database::Mode::read_only);
  service::RegistryCache cache;
  while (!done || snapshots == 0) {
    // The cache reads only after a change; reading all the time as well gives a half-applied
    // import every chance to show.
    const auto s = snapshots % 2 ? cache.current(reader)
                                 : std::make_shared<const passend::RegistrySnapshot>(db::read_registry_snapshot(reader));
    const Shape seen_now = shape_of(s->network);
    ASSERT_TRUE(seen_now == shape_a || seen_now == shape_b)
        << "snapshot " << s->version << " mixes two imports: " << seen_now.providers << " providers, "
        << seen_now.offerings << " offerings, " << seen_now.free.size() << " different free counts";
    ++snapshots;
  }
  writer.join();
  EXPECT_TRUE(shape_of(cache.current(reader)->network) == shape_a) << "the last import was network a";
  EXPECT_GE(cache.reads(), 2);
}

}  // namespace
