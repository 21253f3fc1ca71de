// Benchmark-only: one case on a registry database, for benchmarks/peers/national.sh (issue 17,
// "Measured side by side"). Reads the registry as `passend query` does (the offerings of the
// asked care forms, and those plus the bridging pool when the query asks for it), then
//   * exports the case's evaluated offerings as peer facts (benchmarks/peers/*.cjs read them),
//     decided by the rules the peers implement (benchmarks/peers/passend_rules.json);
//   * times passend in-process on the same read: run_query with the whole default rule set
//     (what the command runs), the same on the whole registry in memory (what `passend serve`
//     runs on its registry snapshot), run_query with the peers' rules only, the result JSON, and
//     the registry read from SQLite. Medians of wall-clock and process CPU time.
//
//   national_facts --db DB --case CASE.json [--date 2026-11-26] [--repetitions 31] --out FACTS.json
//
// Writes nothing to the database (opened read-only).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "benchmarks/peer_facts.hpp"
#include "benchmarks/query_fixtures.hpp"
#include "core/engine.hpp"
#include "plugins/lua_host.hpp"
#include "providers/registry.hpp"
#include "providers/schema.hpp"

namespace {

using namespace passend;
using namespace passend::bench;
using json = nlohmann::ordered_json;

constexpr const char* kUsage =
    "usage: national_facts --db DB --case CASE.json [--date YYYY-MM-DD] [--repetitions R] --out FACTS.json";

struct Options {
  std::string db, case_file, out;
  std::string date = "2026-11-26";
  int repetitions = 31;
};

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--db" && has_value) o.db = argv[++i];
    else if (a == "--case" && has_value) o.case_file = argv[++i];
    else if (a == "--date" && has_value) o.date = argv[++i];
    else if (a == "--repetitions" && has_value) o.repetitions = std::atoi(argv[++i]);
    else if (a == "--out" && has_value) o.out = argv[++i];
    else throw std::invalid_argument(kUsage);
  }
  if (o.db.empty() || o.case_file.empty() || o.out.empty() || o.repetitions <= 0) throw std::invalid_argument(kUsage);
  return o;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Medians over repetitions (after one warm-up call) of wall-clock and process CPU time, in ms.
struct Times {
  double wall_ms = 0, cpu_ms = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

Times timed(int repetitions, const std::function<void()>& run) {
  run();
  std::vector<double> wall, cpu;
  for (int rep = 0; rep < repetitions; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    run();
    cpu.push_back(static_cast<double>(std::clock() - cpu_start) * 1e3 / CLOCKS_PER_SEC);
    wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return {median(wall), median(cpu)};
}

json times_json(const Times& t) { return {{"wall_ms", t.wall_ms}, {"cpu_ms", t.cpu_ms}}; }

json counts_json(const QueryResult& r) {
  std::size_t pool = 0;
  for (const auto& e : r.evaluated) pool += e.facts.bridging_pool ? 1 : 0;
  return {{"evaluated", r.evaluated.size()}, {"bridging_pool", pool}, {"by_rules", r.by_rules},
          {"candidates", r.candidates.size()}, {"exclusions", r.evaluated.size() - r.candidates.size()}};
}

std::set<std::string> offering_ids(const QueryResult& r) {
  std::set<std::string> ids;
  for (const auto& e : r.evaluated) ids.insert(e.facts.offering->id);
  return ids;
}

std::size_t offerings_in(const ProviderNetwork& n) {
  std::size_t count = 0;
  for (const auto& p : n.providers)
    for (const auto& l : p.locations) count += l.offerings.size();
  return count;
}

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parse_options(argc, argv);
  const auto date = Date::parse(o.date);
  if (!date) throw std::invalid_argument("not a date: " + o.date);
  const Case c = parse_case_text(read_text(o.case_file));
  auto full = LuaRuleHost::load(default_rules_dir(), vocabulary());
  auto peers = peer_rules();

  db::Database db = db::open_existing(o.db, db::Database::Mode::read_only);
  const ProviderNetwork registry = db::read_network(db);
  const std::size_t registry_offerings = offerings_in(registry);
  // The registry read of service::advise: the asked care forms; those plus the bridging pool
  // only when the query asks for it (read once here: the in-process figures exclude SQLite).
  const ProviderNetwork asked = db::read_network(db, c.care_forms);
  const ProviderNetwork with_pool = db::read_network(db, query_care_forms(c, *full));
  bool read_asked = false, read_pool = false;  // which reads the default rules asked for
  const NetworkLoader read = [&](bool pool) -> const ProviderNetwork& {
    (pool ? read_pool : read_asked) = true;
    return pool ? with_pool : asked;
  };
  // A fresh registry holds no places for anyone.
  auto query = [&](RuleHost& rules) { return run_query(c, read, regions(), vocabulary(), rules, *date, HeldPlaces{}); };
  // What `passend serve` does with its registry snapshot: the whole registry in memory, no read.
  auto query_whole = [&](RuleHost& rules) { return run_query(c, registry, regions(), vocabulary(), rules, *date); };

  const QueryResult by_peers = query(*peers);
  read_asked = read_pool = false;
  const QueryResult by_default = query(*full);
  const bool reads_asked = read_asked, reads_pool = read_pool;
  const std::size_t on_whole_registry = query_whole(*full).evaluated.size();
  const bool same_offerings = offering_ids(by_default) == offering_ids(by_peers) &&
                              offering_ids(by_default) == offering_ids(query_whole(*full));
  if (!same_offerings)
    std::cerr << "national_facts: warning: the default rules evaluated " << by_default.evaluated.size()
              << " offerings (" << on_whole_registry << " on the whole registry in memory) and the peers' rules "
              << by_peers.evaluated.size()
              << "; the bridging pool is read only when plan A is not timely: choose a case whose plan A is not\n";

  // Each timed call leaves something here, so that nothing can be optimised away.
  std::size_t sink = 0;
  const int r = o.repetitions;
  const Times query_default = timed(r, [&] { sink += query(*full).evaluated.size(); });
  const Times query_whole_registry = timed(r, [&] { sink += query_whole(*full).evaluated.size(); });
  const Times query_peers = timed(r, [&] { sink += query(*peers).evaluated.size(); });
  const Times result_json = timed(r, [&] { sink += result_to_json(by_default, vocabulary()).dump().size(); });
  // What service::advise reads for this case: the asked care forms, and the pool too when asked.
  const Times read_sqlite = timed(std::max(3, r / 4), [&] {
    if (reads_asked) sink += db::read_network(db, c.care_forms).providers.size();
    if (reads_pool) sink += db::read_network(db, query_care_forms(c, *full)).providers.size();
  });

  json doc = {{"registry_offerings", registry_offerings}, {"reference_date", o.date}, {"case_file", o.case_file},
              {"passend", {{"repetitions", r},
                           {"same_offerings_as_peers", same_offerings},
                           {"reads", {{"asked", reads_asked}, {"bridging_pool", reads_pool}}},
                           {"default_rules", counts_json(by_default)},
                           {"peer_rules", counts_json(by_peers)},
                           {"result_json_bytes", result_to_json(by_default, vocabulary()).dump().size()},
                           {"query_default_rules", times_json(query_default)},
                           {"query_whole_registry", times_json(query_whole_registry)},
                           {"query_peer_rules", times_json(query_peers)},
                           {"result_json", times_json(result_json)},
                           {"registry_read_sqlite", times_json(read_sqlite)},
                           {"peak_rss_mib", peak_rss_mib()}}},
              {"cases", json::array({case_facts_json(by_peers)})}};
  std::ofstream out(o.out);
  out << doc.dump() << '\n';
  if (!out) throw std::runtime_error("cannot write " + o.out);
  std::cerr << "national_facts: " << by_default.evaluated.size() << " offerings evaluated ("
            << by_default.candidates.size() << " candidates) of " << registry_offerings << "; run_query "
            << query_default.wall_ms << " ms wall, " << query_default.cpu_ms << " ms CPU (median of " << r
            << (sink == 0 ? ", nothing evaluated" : "") << ")\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "national_facts: " << e.what() << '\n';
  return 1;
}
