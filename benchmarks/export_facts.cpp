// Benchmark-only: exports the candidate facts of generated cases on a generated network as
// JSON, with what passend decided (tier, timeliness, exclusion codes) and how long passend took
// per candidate, for benchmarks/peers/run.sh to evaluate the same rules in other engines.
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

std::unique_ptr<LuaRuleHost> peer_rules() {
  const std::string file = std::string(PASSEND_SOURCE_DIR "/benchmarks/peers/passend_rules.json");
  std::ifstream in(file);
  ParamsOverlay overlay{nlohmann::json::parse(in), file, ""};
  return LuaRuleHost::load(default_rules_dir(), vocabulary(), {}, overlay);
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

json candidate_json(const CandidateResult& e) {
  const CandidateFacts& f = e.facts;
  const Offering& o = *f.offering;
  auto codes = json::array();
  for (const auto& x : e.verdict.exclusions) codes.push_back(x.code);
  for (const auto& l : e.verdict.lifted) codes.push_back(l.exclusion.code);
  return {{"offering", o.id}, {"provider", f.provider->id}, {"care_form", o.care_form},
          {"bridging_pool", f.bridging_pool}, {"age_min", o.age_min}, {"age_max", o.age_max},
          {"in_network", f.provider->in_network}, {"contract", contract_status_name(f.contract)},
          {"region", f.region}, {"network", f.network}, {"free", o.capacity.free},
          {"wait_weeks", o.capacity.wait_weeks},
          {"passend", {{"tier", tier_name(f.tier)}, {"timely", f.timely}, {"exclusions", codes}}}};
}

json case_json(const QueryResult& r) {
  const Case& c = *r.case_facts.case_;
  auto adjacent = json::array();
  for (const auto& region : region_data().regions)
    if (region.code != r.case_facts.region && regions().adjacent(r.case_facts.region, region.code))
      adjacent.push_back(region.code);
  auto candidates = json::array();
  for (const auto& e : r.evaluated) candidates.push_back(candidate_json(e));
  return {{"id", c.id}, {"age", c.age}, {"region", r.case_facts.region}, {"network", r.case_facts.network},
          {"adjacent", adjacent}, {"care_forms", c.care_forms},
          {"max_wait_weeks", c.max_wait_weeks ? json(*c.max_wait_weeks) : json(nullptr)}, {"candidates", candidates}};
}

struct PerCandidate {
  double wall_ns = 0, cpu_ns = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Medians over repetitions of (all queries once) / candidates, wall-clock and process CPU time:
// the machine is shared, and CPU time is the steadier of the two there.
PerCandidate per_candidate(const std::vector<Query>& queries, RuleHost& rules, int repetitions, std::size_t candidates) {
  std::vector<double> wall, cpu;
  std::size_t evaluated = 0;
  for (int rep = 0; rep < repetitions; ++rep) {
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    for (const auto& q : queries) evaluated += run(q, rules).evaluated.size();
    cpu.push_back(static_cast<double>(std::clock() - cpu_start) * 1e9 / CLOCKS_PER_SEC);
    wall.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count());
  }
  if (evaluated != candidates * static_cast<std::size_t>(repetitions)) throw std::logic_error("batch sizes changed");
  const auto n = static_cast<double>(candidates);
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
    cases.push_back(case_json(r));
  }
  const PerCandidate same = per_candidate(queries, *peers, o.repetitions, candidates);
  const PerCandidate all = per_candidate(queries, *full, o.repetitions, candidates);
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
