// Benchmark-only: exports the candidate facts of generated cases on a generated network as
// JSON, with what passend decided (tier, timeliness, exclusion codes) and how long passend took
// per candidate, for benchmarks/peers/run.sh to evaluate the same rules in other engines
// (benchmarks/national_facts.cpp does the same for one given case on a registry database).
//
//   export_facts [--offerings N] [--cases K] [--repetitions R] --out FILE
//
// passend runs the default rule set with only the rules the peers implement enabled
// (benchmarks/peers/passend_rules.json: care_form_asked, age_range, contracted_only,
// timely_first, tier_ladder), and, for reference, the whole default rule set.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/case_json.hpp"
#include "core/engine.hpp"
#include "providers/generator.hpp"
#include "plugins/lua_host.hpp"
#include "benchmarks/peer_facts.hpp"
#include "benchmarks/query_fixtures.hpp"

namespace {

using namespace passend;
using namespace passend::bench;
using json = nlohmann::ordered_json;

struct Options {
  int offerings = 20'000;
  int cases = 20;
  int repetitions = 7;
  std::string out;
};

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--offerings" && has_value) o.offerings = std::atoi(argv[++i]);
    else if (a == "--cases" && has_value) o.cases = std::atoi(argv[++i]);
    else if (a == "--repetitions" && has_value) o.repetitions = std::atoi(argv[++i]);
    else if (a == "--out" && has_value) o.out = argv[++i];
    else throw std::invalid_argument("usage: export_facts [--offerings N] [--cases K] [--repetitions R] --out FILE");
  }
  if (o.out.empty() || o.offerings <= 0 || o.cases <= 0 || o.repetitions <= 0)
    throw std::invalid_argument("usage: export_facts [--offerings N] [--cases K] [--repetitions R] --out FILE");
  return o;
}

// One case with the network its query reads (prefiltered like the registry's read).
struct Query {
  Case c;
  ProviderNetwork network;
};

std::vector<Query> make_queries(const Options& o, const RuleHost& rules) {
  const auto docs = generate_cases(regions(), vocabulary(), kCaseSeed, o.cases, reference_date());
  std::vector<Query> out;
  for (const auto& doc : docs) {
    Case c = parse_case_text(doc.dump());
    ProviderNetwork n = prefilter(generated_network(o.offerings), query_care_forms(c, rules));
    out.push_back({std::move(c), std::move(n)});
  }
  return out;
}

QueryResult run(const Query& q, RuleHost& rules) {
  return run_query(q.c, q.network, regions(), vocabulary(), rules, reference_date());
}

struct PerCandidate {
  double wall_ns = 0, cpu_ns = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Medians over repetitions of (all queries once) / the offerings those queries evaluated,
// wall-clock and process CPU time: the machine is shared, and CPU time is the steadier of the
// two there. The whole default rule set evaluates fewer offerings than the peers' rules when a
// case's plan A is timely (the bridging pool is read only when it is not), so each host's time
// is divided by its own count.
PerCandidate per_candidate(const std::vector<Query>& queries, RuleHost& rules, int repetitions) {
  std::vector<double> wall, cpu;
  std::size_t evaluated = 0;
  for (int rep = 0; rep < repetitions; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    for (const auto& q : queries) evaluated += run(q, rules).evaluated.size();
    cpu.push_back(static_cast<double>(std::clock() - cpu_start) * 1e9 / CLOCKS_PER_SEC);
    wall.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count());
  }
  const auto n = static_cast<double>(evaluated) / repetitions;
  return {median(wall) / n, median(cpu) / n};
}

nlohmann::ordered_json times_json(const PerCandidate& t) { return {{"wall", t.wall_ns}, {"cpu", t.cpu_ns}}; }

}  // namespace

int main(int argc, char** argv) try {
  const Options o = parse_options(argc, argv);
  auto peers = peer_rules();
  auto full = LuaRuleHost::load(default_rules_dir(), vocabulary());
  const auto queries = make_queries(o, *peers);
  auto cases = json::array();
  std::size_t candidates = 0;
  for (const auto& q : queries) {
    const auto r = run(q, *peers);
    candidates += r.evaluated.size();
    cases.push_back(case_facts_json(r));
  }
  const PerCandidate same = per_candidate(queries, *peers, o.repetitions);
  const PerCandidate all = per_candidate(queries, *full, o.repetitions);
  json doc = {{"offerings", o.offerings}, {"network_seed", kNetworkSeed}, {"case_seed", kCaseSeed},
              {"reference_date", reference_date().str()}, {"candidates", candidates},
              {"passend", {{"repetitions", o.repetitions},
                           {"ns_per_candidate_same_rules", times_json(same)},
                           {"ns_per_candidate_default_rules", times_json(all)}}},
              {"cases", cases}};
  std::ofstream(o.out) << doc.dump() << '\n';
  std::cerr << "exported " << queries.size() << " cases, " << candidates << " candidates; passend per candidate: "
            << same.cpu_ns << " ns CPU (same rules), " << all.cpu_ns << " ns CPU (default rules)\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "export_facts: " << e.what() << '\n';
  return 1;
}
