// Concurrency through the real programs: queries while imports replace the network (every
// answer comes from one version of it), queries while a second contract manager approves new
// rule parameters (every answer is exactly the old or exactly the new rule set's), and several
// `passend reserve` processes racing for the same places (never double-booked).
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "tests/support/api_server.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/ruleset_fixtures.hpp"

namespace passend::testing {
namespace {

using nlohmann::json;
const char* kDate = "2026-11-26";

std::string demo(const std::string& name) { return std::string(PASSEND_SOURCE_DIR + "/data/demo/") + name; }
std::string query_path() { return std::string("/api/v1/query?date=") + kDate; }

// The demo network with every offering id marked with its version ("...@v1"), so that an
// answer shows which version of the registry it was computed from.
std::string marked_network(const TempDir& dir, const std::string& version) {
  json network = json::parse(read_text(demo("network.json")));
  for (auto& provider : network["providers"])
    for (auto& location : provider["locations"])
      for (auto& offering : location["offerings"]) offering["id"] = offering["id"].get<std::string>() + "." + version;
  const std::string path = dir.file("network-" + version + ".json");
  write_text(path, network.dump());
  return path;
}

// The versions named by the offering ids of one answer (candidates, exclusions, plans).
std::set<std::string> versions_in(const json& result) {
  std::set<std::string> out;
  auto add = [&](const json& offering) {
    if (!offering.is_string()) return;
    const std::string id = offering.get<std::string>();
    out.insert(id.substr(id.rfind('.') + 1));
  };
  for (const auto& c : result["candidates"]) add(c["offering"]);
  for (const auto& e : result["excluded"]) add(e["offering"]);
  for (const char* plan : {"plan_a", "plan_b", "bridging"})
    if (result[plan].is_object()) add(result[plan]["offering"]);
  return out;
}

// Runs `body(client)` on `threads` threads until `stop` is set.
template <class Body>
std::vector<std::thread> clients(const ApiServerProcess& server, int threads, const std::atomic<bool>& stop, Body body) {
  std::vector<std::thread> out;
  for (int t = 0; t < threads; ++t)
    out.emplace_back([&server, &stop, body] {
      auto c = server.client();
      while (!stop) body(c);
    });
  return out;
}

void join(std::vector<std::thread>& threads) {
  for (auto& t : threads) t.join();
}

TEST(Concurrency, QueriesDuringImportsEachSeeOneVersionOfTheNetwork) {
  ApiDatabase db;
  const std::string v1 = marked_network(db.dir(), "v1"), v2 = marked_network(db.dir(), "v2");
  ASSERT_EQ(run_passend({"import", "--db", db.path(), v1}).exit_code, 0);
  ApiServerProcess server(db.path(), {"--workers", "2", "--quiet"});
  const std::string case_doc = read_text(demo("cases/fv-042-kleinschalig.json"));

  std::atomic<bool> stop{false};
  std::atomic<int> answers{0}, failures{0}, mixed{0};
  std::mutex seen_mutex;
  std::map<std::string, int> seen;
  auto threads = clients(server, 3, stop, [&](httplib::Client& c) {
    auto r = c.Post(query_path().c_str(), bearer(db.token("member")), case_doc, "application/json");
    if (!r || r->status != 200) {
      ++failures;
      return;
    }
    const auto versions = versions_in(json::parse(r->body));
    if (versions.size() != 1) {
      ++mixed;
      return;
    }
    std::lock_guard lock(seen_mutex);
    ++seen[*versions.begin()];
    ++answers;
  });
  for (int k = 0; k < 8; ++k) {
    auto r = run_passend({"import", "--db", db.path(), k % 2 == 0 ? v2 : v1});
    EXPECT_EQ(r.exit_code, 0) << r.err;
  }
  while (answers < 40 && failures == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  stop = true;
  join(threads);
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(mixed, 0) << "an answer combined offerings of two versions of the network";
  EXPECT_EQ(seen.size(), 2u) << "queries ran while both versions were current";
}

json points_params(int region_points) { return {{"rules", {{"in_region_first", {{"points", {{"region", region_points}}}}}}}}; }

// Every answer while a new rule-set version is activated is byte for byte the answer of the
// old or of the new version: never a result of one version labelled with the other's hash,
// never a mixture of their parameters.
TEST(Concurrency, QueriesWhileRulesChangeAnswerWithExactlyOneVersion) {
  ApiDatabase db;
  const std::string second = db.create_token("contract_manager", "contractmanager-2");
  ApiServerProcess server(db.path(), {"--workers", "2", "--quiet"});
  const std::string case_doc = read_text(demo("cases/fv-042-kleinschalig.json"));
  auto query = [&](httplib::Client& c) {
    return c.Post(query_path().c_str(), bearer(db.token("member")), case_doc, "application/json");
  };
  auto main_client = server.client();
  const std::string before = query(main_client)->body;

  std::atomic<bool> stop{false};
  std::atomic<int> answers{0}, failures{0};
  std::mutex bodies_mutex;
  std::set<std::string> bodies;
  auto threads = clients(server, 4, stop, [&](httplib::Client& c) {
    auto r = query(c);
    if (!r || r->status != 200) {
      ++failures;
      return;
    }
    std::lock_guard lock(bodies_mutex);
    bodies.insert(r->body);
    ++answers;
  });
  while (answers < 10) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // A proposal by one contract manager, approved by a second while the queries run.
  auto proposed = main_client.Post(
      "/api/v1/rulesets/default/proposals", bearer(db.token("contract_manager")),
      json{{"params", points_params(75)}, {"base", bundled_version()}, {"comment", "onder belasting"}}.dump(), "application/json");
  ASSERT_TRUE(proposed && proposed->status == 201) << (proposed ? proposed->body : "no answer");
  auto put = main_client.Post(("/api/v1/proposals/" + json::parse(proposed->body)["proposal"].get<std::string>() + "/approve").c_str(),
                              bearer(second), R"({"from": "2026-01-01"})", "application/json");
  ASSERT_TRUE(put && put->status == 200) << (put ? put->body : "no answer");
  const int at_swap = answers;
  while (answers < at_swap + 10) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  stop = true;
  join(threads);
  const std::string after = query(main_client)->body;

  EXPECT_EQ(failures, 0);
  EXPECT_NE(json::parse(before)["ruleset"]["hash"], json::parse(after)["ruleset"]["hash"]);
  EXPECT_NE(json::parse(before)["candidates"], json::parse(after)["candidates"]) << "the new parameters change the scores";
  EXPECT_EQ(bodies, (std::set<std::string>{before, after}));
}

// Six processes ask at once for the two free places of one offering: two get one, four are
// told it is taken (exit 4), and the registry agrees.
TEST(Concurrency, ReservingProcessesNeverDoubleBook) {
  ApiDatabase db;
  const std::string offering = "prov-001-ede-kw";
  ASSERT_EQ(run_passend({"capacity", "set", "--db", db.path(), "--offering", offering, "--free", "2", "--date", kDate})
                .exit_code,
            0);
  std::vector<std::thread> racers;
  std::atomic<int> granted{0}, refused{0}, other{0};
  for (int k = 0; k < 6; ++k)
    racers.emplace_back([&, k] {
      auto r = run_passend({"reserve", "--db", db.path(), "--case", "2026-RACE-" + std::to_string(k), "--offering",
                            offering, "--date", kDate});
      (r.exit_code == 0 ? granted : r.exit_code == 4 ? refused : other)++;
    });
  for (auto& t : racers) t.join();
  EXPECT_EQ(granted, 2);
  EXPECT_EQ(refused, 4);
  EXPECT_EQ(other, 0);
}

}  // namespace
}  // namespace passend::testing
