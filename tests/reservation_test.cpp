// Reservations of scarce places in SQLite: the derived free count, expiry, conflicts that change
// nothing, and two processes racing for the last places.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "tests/support/registry_fixtures.hpp"
#include "providers/reservations.hpp"

namespace passend::testing {
namespace {

const Date kToday = *Date::parse("2026-11-26");

// `offerings` supra-regional places in Arnhem (BOEG), each with `free` free places.
nlohmann::json scarce_network(int offerings, int free) {
  nlohmann::json locs = nlohmann::json::array();
  nlohmann::json offers = nlohmann::json::array();
  for (int k = 0; k < offerings; ++k)
    offers.push_back({{"id", "jzp-" + std::to_string(k)}, {"care_form", "secure_residential"}, {"product_category", "43"},
                      {"expertise", {"trauma"}}, {"age_min", 12}, {"age_max", 18}, {"contraindications", nlohmann::json::array()},
                      {"supra_regional", true},
                      {"capacity", {{"places", 6}, {"free", free}, {"wait_weeks", 0}, {"updated", "2026-11-20"}}}});
  locs.push_back({{"id", "prov-9-arnhem"}, {"municipality", "GM0202"}, {"offerings", offers}});
  return {{"providers",
           {{{"id", "prov-9"}, {"name", "Stichting Zeldzaam"}, {"in_network", true},
             {"contracts", {{{"region", "EXN03"}, {"lot", "verblijf"}, {"status", "active"}, {"from", "2024-01-01"},
                             {"until", "2027-12-31"}}}},
             {"locations", locs}}}}};
}

class Reservations : public ::testing::Test {
 protected:
  void SetUp() override { path_ = with_network(scarce_network(2, 1)); }

  std::string with_network(const nlohmann::json& network) {
    const std::string path = init_database(dir_);
    db::Database db(path, db::Database::Mode::read_write);
    db::import_network(db, parse(network), info());
    return path;
  }

  int count_rows(db::Database& db) {
    auto st = db.prepare("SELECT COUNT(*) FROM reservation");
    st.step();
    return st.column_int(0);
  }

  TempDir dir_;
  std::string path_;
};

db::Reservation reserve_now(db::Database& db, const std::string& c, const std::string& offering,
                            std::optional<Date> until = std::nullopt, Date on = kToday) {
  db::Transaction tx(db);
  auto r = db::reserve(db, {c, offering, until}, on);
  tx.commit();
  return r;
}

TEST_F(Reservations, AReservationTakesAPlaceAndReleaseGivesItBack) {
  db::Database db(path_, db::Database::Mode::read_write);
  EXPECT_EQ(db::free_places(db, "jzp-0", kToday), 1);
  const auto r = reserve_now(db, "2026-FV-001", "jzp-0");
  EXPECT_EQ(r.case_id, "2026-FV-001");
  EXPECT_EQ(r.reference_date, "2026-11-26");
  EXPECT_FALSE(r.released_at.has_value());
  EXPECT_EQ(db::free_places(db, "jzp-0", kToday), 0);
  EXPECT_EQ(db::active_reservation_counts(db, kToday), (std::map<std::string, int>{{"jzp-0", 1}}));

  const auto released = db::release(db, "2026-FV-001", "jzp-0");
  EXPECT_TRUE(released.released_at.has_value());
  EXPECT_EQ(db::free_places(db, "jzp-0", kToday), 1);
  EXPECT_THROW(db::release(db, "2026-FV-001", "jzp-0"), Conflict);
}

TEST_F(Reservations, NoFreePlaceIsAConflictThatChangesNothing) {
  db::Database db(path_, db::Database::Mode::read_write);
  reserve_now(db, "2026-FV-001", "jzp-0");
  EXPECT_THROW(reserve_now(db, "2026-FV-002", "jzp-0"), Conflict);
  EXPECT_EQ(count_rows(db), 1);
  EXPECT_EQ(db::free_places(db, "jzp-0", kToday), 0);
}

TEST_F(Reservations, ACaseHoldsOnePlaceAtATime) {
  db::Database db(path_, db::Database::Mode::read_write);
  reserve_now(db, "2026-FV-001", "jzp-0");
  EXPECT_THROW(reserve_now(db, "2026-FV-001", "jzp-1"), Conflict);
  EXPECT_EQ(db::free_places(db, "jzp-1", kToday), 1);
}

TEST_F(Reservations, AnExpiredReservationGivesItsPlaceBack) {
  db::Database db(path_, db::Database::Mode::read_write);
  reserve_now(db, "2026-FV-001", "jzp-0", Date::parse("2026-12-10"));
  EXPECT_EQ(db::free_places(db, "jzp-0", *Date::parse("2026-12-10")), 0);  // the last day still holds
  EXPECT_EQ(db::free_places(db, "jzp-0", *Date::parse("2026-12-11")), 1);
  // After expiry the place can be reserved again, also by the same case.
  const Date later = *Date::parse("2026-12-11");
  EXPECT_NO_THROW(reserve_now(db, "2026-FV-001", "jzp-0", std::nullopt, later));
  EXPECT_EQ(db::free_places(db, "jzp-0", later), 0);
  // Releasing marks every unreleased reservation of the pair released.
  db::release(db, "2026-FV-001", "jzp-0");
  EXPECT_TRUE(db::active_reservations(db, kToday).empty());
}

TEST_F(Reservations, InvalidRequestsAreInvalidInput) {
  db::Database db(path_, db::Database::Mode::read_write);
  EXPECT_THROW(reserve_now(db, "2026-FV-001", "no-such-offering"), InvalidInput);
  EXPECT_THROW(reserve_now(db, "", "jzp-0"), InvalidInput);
  EXPECT_THROW(reserve_now(db, "2026-FV-001", "jzp-0", Date::parse("2026-11-25")), InvalidInput);
  EXPECT_THROW(db::free_places(db, "no-such-offering", kToday), InvalidInput);
  EXPECT_EQ(count_rows(db), 0);
}

TEST_F(Reservations, FreeNeverGoesBelowZeroAndSurvivesAReimport) {
  db::Database db(path_, db::Database::Mode::read_write);
  reserve_now(db, "2026-FV-001", "jzp-0");
  // The provider reports its last place taken (free 0) while the reservation is still active.
  db::set_capacity(db, "jzp-0", 0, std::nullopt, kToday);
  EXPECT_EQ(db::free_places(db, "jzp-0", kToday), 0);
  ProviderNetwork network = db::read_network(db);
  db::apply_reservations(db, network, kToday);
  EXPECT_EQ(network.providers.at(0).locations.at(0).offerings.at(0).capacity.free, 0);
  // A re-import with free 1 again: the reservation keeps counting.
  db::import_network(db, parse(scarce_network(2, 1)), info("again.json"));
  EXPECT_EQ(db::free_places(db, "jzp-0", kToday), 0);
  EXPECT_EQ(db::free_places(db, "jzp-1", kToday), 1);
}

TEST_F(Reservations, ApplyReservationsLowersTheFreeCountsOfAReadNetwork) {
  db::Database db(path_, db::Database::Mode::read_write);
  reserve_now(db, "2026-FV-001", "jzp-1");
  ProviderNetwork network = db::read_network(db);
  db::apply_reservations(db, network, kToday);
  const auto& offerings = network.providers.at(0).locations.at(0).offerings;
  EXPECT_EQ(offerings.at(0).capacity.free, 1);
  EXPECT_EQ(offerings.at(1).capacity.free, 0);
}

// Runs in a child process: `attempts` reservations, each in its own immediate transaction,
// round-robin over the offerings. Exits with the number granted, or 200+ on an unexpected error.
[[noreturn]] void reserve_many(const std::string& path, int process, int attempts, int offerings) {
  int granted = 0;
  try {
    db::Database db(path, db::Database::Mode::read_write);
    for (int k = 0; k < attempts; ++k) {
      try {
        reserve_now(db, "2026-P" + std::to_string(process) + "-" + std::to_string(k), "jzp-" + std::to_string(k % offerings));
        ++granted;
      } catch (const Conflict&) {
      }
    }
  } catch (...) {
    _exit(200);
  }
  _exit(granted);
}

TEST_F(Reservations, TwoProcessesRacingForTenPlacesGetExactlyTen) {
  const std::string path = with_network(scarce_network(5, 2));  // 10 free places
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t children[2];
  for (int p = 0; p < 2; ++p) {
    children[p] = ::fork();
    ASSERT_GE(children[p], 0);
    if (children[p] == 0) {
      char go;
      ::close(ready[1]);
      if (::read(ready[0], &go, 1) < 0) _exit(201);  // start together: the parent closes the pipe
      reserve_many(path, p, 1000, 5);
    }
  }
  ::close(ready[0]);
  ::close(ready[1]);
  int total = 0;
  for (pid_t child : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_LT(WEXITSTATUS(status), 200) << "a child failed with an unexpected error";
    total += WEXITSTATUS(status);
  }
  EXPECT_EQ(total, 10);

  db::Database db(path, db::Database::Mode::read_write);
  EXPECT_EQ(count_rows(db), 10);
  for (int k = 0; k < 5; ++k) EXPECT_EQ(db::free_places(db, "jzp-" + std::to_string(k), kToday), 0);
  auto check = db.prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.column_text(0), "ok");
}

}  // namespace
}  // namespace passend::testing
