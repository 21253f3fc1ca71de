// The server answers queries from its registry snapshot in memory (docs/architecture.md,
// "Registry snapshot"), and every change to the registry shows in the next answer: made over
// HTTP, or by another process on the same database while the server runs.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include "tests/support/api_server.hpp"

namespace {
using nlohmann::json;
using passend::testing::ApiDatabase;
using passend::testing::ApiServerProcess;
using passend::testing::bearer;
using passend::testing::json_of;
using passend::testing::read_text;
using passend::testing::run_passend;

const std::string kDate = "2026-11-26";

class RegistrySnapshotApi : public ::testing::Test {
 protected:
  RegistrySnapshotApi()
      : server_(db_.path(), {"--quiet"}), case_(read_text(PASSEND_SOURCE_DIR + "/data/demo/cases/fv-042-kleinschalig.json")) {}

  json query() {
    auto r = server_.client().Post("/api/v1/query?date=" + kDate, bearer(db_.token("member")), case_, "application/json");
    if (!r || r->status != 200) throw std::runtime_error("query failed: " + (r ? r->body : std::string("no answer")));
    return json_of(r);
  }
  // The offering as the query answered it (its verdict through explain), or null when the
  // registry no longer holds it.
  json verdict(const std::string& offering) {
    auto r = server_.client().Post("/api/v1/explain?date=" + kDate + "&offering=" + offering, bearer(db_.token("member")),
                                   case_, "application/json");
    if (r && r->status == 400) return nullptr;
    if (!r || r->status != 200) throw std::runtime_error("explain failed: " + (r ? r->body : std::string("no answer")));
    return json_of(r)["verdict"];
  }
  void cli(const std::vector<std::string>& args) {
    const auto r = run_passend(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  ApiDatabase db_;
  ApiServerProcess server_;
  std::string case_;
};

// One row per change, in order, each building on the one before: who makes it, and the free
// places the next answer shows for the query's plan A.
TEST_F(RegistrySnapshotApi, EveryChangeToTheRegistryShowsInTheNextAnswer) {
  const json first = query();
  ASSERT_TRUE(first["plan_a"].is_object()) << first.dump();
  const std::string offering = first["plan_a"]["offering"];
  const int places = verdict(offering)["places"];
  ASSERT_GE(places, 2);
  std::int64_t reservation = 0;

  struct Row {
    const char* change;
    std::function<void()> make;
    int free;
  };
  const std::vector<Row> rows = {
      {"figures set over HTTP",
       [&] {
         auto r = server_.client().Put("/api/v1/offerings/" + offering + "/capacity", bearer(db_.token("admin")),
                                       json{{"free", places}, {"wait_weeks", 0}}.dump(), "application/json");
         ASSERT_EQ(r->status, 200) << r->body;
       },
       places},
      {"figures set by another process",
       [&] { cli({"capacity", "set", "--db", db_.path(), "--offering", offering, "--free", "1", "--date", kDate}); }, 1},
      {"figures set again over HTTP",
       [&] {
         auto r = server_.client().Put("/api/v1/offerings/" + offering + "/capacity", bearer(db_.token("admin")),
                                       json{{"free", 2}}.dump(), "application/json");
         ASSERT_EQ(r->status, 200) << r->body;
       },
       2},
      {"a place reserved over HTTP for another case",
       [&] {
         auto r = server_.client().Post("/api/v1/reservations?date=" + kDate, bearer(db_.token("coordinator")),
                                        json{{"case", "2026-XX-900"}, {"offering", offering}}.dump(), "application/json");
         ASSERT_EQ(r->status, 201) << r->body;
         reservation = json_of(r)["reservation"]["id"];
       },
       1},
      {"that place released over HTTP",
       [&] {
         auto r = server_.client().Delete("/api/v1/reservations/" + std::to_string(reservation) + "?date=" + kDate,
                                          bearer(db_.token("coordinator")));
         ASSERT_EQ(r->status, 200) << r->body;
       },
       2},
      {"a place reserved by another process",
       [&] { cli({"reserve", "--db", db_.path(), "--case", "2026-XX-901", "--offering", offering, "--date", kDate}); }, 1},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.change);
    row.make();
    if (HasFatalFailure()) return;
    EXPECT_EQ(verdict(offering)["free"], row.free);
  }
}

TEST_F(RegistrySnapshotApi, AnImportByAnotherProcessShowsInTheNextAnswer) {
  const json before = query();
  const std::string offering = before["plan_a"]["offering"];
  // The demo network without the plan A's offering.
  json network = json::parse(read_text(PASSEND_SOURCE_DIR + "/data/demo/network.json"));
  for (auto& p : network["providers"])
    for (auto& l : p["locations"]) {
      auto& list = l["offerings"];
      for (auto it = list.begin(); it != list.end();)
        it = (*it)["id"] == offering ? list.erase(it) : it + 1;
    }
  const std::string file = db_.dir().file("without-plan-a.json");
  std::ofstream(file) << network.dump();
  cli({"import", "--db", db_.path(), file});

  const json after = query();
  EXPECT_NE(after["plan_a"]["offering"], offering);
  for (const auto& list : {"candidates", "excluded"})
    for (const auto& x : after[list]) EXPECT_NE(x["offering"], offering) << list;
  EXPECT_TRUE(verdict(offering).is_null()) << "explain: the registry no longer holds it";
}

}  // namespace
