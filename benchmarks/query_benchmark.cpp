// Query latency (issue 9): run_query against network size (1,000 to 100,000 generated
// offerings) and rule-set size (the default rules, plus 25 or 50 generated score rules), with
// the Lua rules and with the native C++ baseline of the same rules (native_host.hpp); and the
// service path (SQLite read + query, and the whole advice with its audit record) at 20,000.
// Counters: candidates evaluated, peak RSS of the process so far (getrusage), Lua memory peak.
// Before anything is measured, the Lua and native hosts must give the same result JSON.
#include <benchmark/benchmark.h>

#include <iostream>
#include <map>
#include <memory>

#include "apps/service/advice.hpp"
#include "core/engine.hpp"
#include "providers/generator.hpp"
#include "plugins/lua_host.hpp"
#include "benchmarks/native_host.hpp"
#include "benchmarks/query_fixtures.hpp"
#include "providers/region_store.hpp"
#include "providers/registry.hpp"
#include "providers/schema.hpp"

namespace {

using namespace passend;
using namespace passend::bench;

constexpr int kServiceOfferings = 20'000;

const Case& fixed_case() {
  static const Case c = parse_case_text(fixed_case_json());
  return c;
}

const Case& broad_case() {
  static const Case c = parse_case_text(broad_case_json());
  return c;
}

LuaRuleHost& lua_rules(int extra) {
  static std::map<int, std::unique_ptr<LuaRuleHost>> hosts;
  auto& h = hosts[extra];
  if (!h) h = LuaRuleHost::load(rules_with_extra_score_rules(extra), vocabulary());
  return *h;
}

NativeRuleHost& native_rules() {
  static NativeRuleHost host(vocabulary());
  return host;
}

// What a query of the fixed case reads, prefiltered like the registry's reads in
// service::advise: the asked care forms, and (only when the engine asks) those plus the pool.
struct CaseNetworks {
  ProviderNetwork asked, with_pool;
};

const CaseNetworks& case_network(int offerings) {
  static std::map<int, CaseNetworks> cache;
  auto it = cache.find(offerings);
  if (it == cache.end()) {
    const ProviderNetwork& all = generated_network(offerings);
    it = cache.emplace(offerings, CaseNetworks{prefilter(all, fixed_case().care_forms),
                                               prefilter(all, query_care_forms(fixed_case(), lua_rules(0)))})
             .first;
  }
  return it->second;
}

// Both cases ask for the same care forms, so they read the same prefiltered networks.
QueryResult query(const CaseNetworks& networks, RuleHost& rules, const Case& c = fixed_case()) {
  const NetworkLoader read = [&](bool pool) -> const ProviderNetwork& { return pool ? networks.with_pool : networks.asked; };
  return run_query(c, read, regions(), vocabulary(), rules, reference_date(), HeldPlaces{});
}

QueryResult query(const ProviderNetwork& network, RuleHost& rules, const Case& c = fixed_case()) {
  return run_query(c, network, regions(), vocabulary(), rules, reference_date());
}

void set_counters(benchmark::State& state, const QueryResult& r) {
  state.counters["candidates"] = static_cast<double>(r.evaluated.size());
  state.counters["admitted"] = static_cast<double>(r.candidates.size());
  state.counters["peak_rss_MiB"] = peak_rss_mib();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(r.evaluated.size()));
}

// The result without the rule set's identity, which differs between the two hosts by design.
std::string comparable(const QueryResult& r) {
  auto j = result_to_json(r, vocabulary());
  j.erase("ruleset");
  return j.dump();
}

// The two hosts must agree before their speeds mean anything: checked at start-up on 1,000
// offerings, and by BM_Query_Native at each size it measures.
bool check_hosts_agree(int offerings) {
  const auto& network = case_network(offerings);
  for (const Case* c : {&fixed_case(), &broad_case()}) {
    const auto lua = query(network, lua_rules(0), *c);
    const auto native = query(network, native_rules(), *c);
    if (comparable(lua) != comparable(native)) {
      std::cerr << "the Lua and native hosts differ for case " << c->id << " at " << offerings << " offerings\n";
      return false;
    }
    std::cerr << "verified " << c->id << " at " << offerings << " offerings: identical results ("
              << lua.evaluated.size() << " evaluated, " << lua.candidates.size() << " candidates)\n";
  }
  return true;
}

bool hosts_agree(int offerings) {
  static std::map<int, bool> checked;
  auto it = checked.find(offerings);
  if (it == checked.end()) it = checked.emplace(offerings, check_hosts_agree(offerings)).first;
  return it->second;
}

// run_query on the prefiltered in-memory network: facts, rules, ranking, plan.
void BM_Query_Lua(benchmark::State& state) {
  const auto& network = case_network(static_cast<int>(state.range(0)));
  LuaRuleHost& rules = lua_rules(0);
  QueryResult r;
  for (auto _ : state) {
    r = query(network, rules);
    benchmark::DoNotOptimize(r);
  }
  set_counters(state, r);
  state.counters["lua_peak_MiB"] = static_cast<double>(rules.memory_peak()) / (1 << 20);
}

void BM_Query_Native(benchmark::State& state) {
  const auto& network = case_network(static_cast<int>(state.range(0)));
  if (!hosts_agree(static_cast<int>(state.range(0)))) return state.SkipWithError("Lua and native results differ");
  QueryResult r;
  for (auto _ : state) {
    r = query(network, native_rules());
    benchmark::DoNotOptimize(r);
  }
  set_counters(state, r);
}

// The broad case (maatwerk, thousands admitted): the worst case for the score and order rules.
void BM_Query_Lua_Broad(benchmark::State& state) {
  const auto& network = case_network(static_cast<int>(state.range(0)));
  LuaRuleHost& rules = lua_rules(0);
  QueryResult r;
  for (auto _ : state) {
    r = query(network, rules, broad_case());
    benchmark::DoNotOptimize(r);
  }
  set_counters(state, r);
}

void BM_Query_Native_Broad(benchmark::State& state) {
  const auto& network = case_network(static_cast<int>(state.range(0)));
  if (!hosts_agree(static_cast<int>(state.range(0)))) return state.SkipWithError("Lua and native results differ");
  QueryResult r;
  for (auto _ : state) {
    r = query(network, native_rules(), broad_case());
    benchmark::DoNotOptimize(r);
  }
  set_counters(state, r);
}

// 50 generated cases (generate_cases, seed kCaseSeed: the RET handbooks' mix of care forms,
// ages, urgencies) against the whole generated network; one iteration asks all 50 once.
const std::vector<Case>& generated_cases() {
  static const std::vector<Case> cases = [] {
    std::vector<Case> out;
    for (const auto& doc : generate_cases(regions(), vocabulary(), kCaseSeed, 50, reference_date()))
      out.push_back(parse_case_text(doc.dump()));
    return out;
  }();
  return cases;
}

void run_generated_cases(benchmark::State& state, RuleHost& rules) {
  const ProviderNetwork& network = generated_network(static_cast<int>(state.range(0)));
  const auto& cases = generated_cases();
  std::size_t evaluated = 0;
  for (auto _ : state) {
    evaluated = 0;
    for (const auto& c : cases) evaluated += query(network, rules, c).evaluated.size();
  }
  state.counters["queries"] = static_cast<double>(cases.size());
  state.counters["candidates_per_query"] = static_cast<double>(evaluated) / static_cast<double>(cases.size());
  state.counters["peak_rss_MiB"] = peak_rss_mib();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(cases.size()));
}

void BM_Query_Lua_GeneratedCases(benchmark::State& state) { run_generated_cases(state, lua_rules(0)); }
void BM_Query_Native_GeneratedCases(benchmark::State& state) { run_generated_cases(state, native_rules()); }

// Rule-set size at 20,000 offerings: the default set plus `extra` generated score rules, on the
// broad case (score rules run only for admitted candidates; the typical case admits 23).
void BM_Query_Lua_ExtraRules(benchmark::State& state) {
  const auto& network = case_network(kServiceOfferings);
  LuaRuleHost& rules = lua_rules(static_cast<int>(state.range(0)));
  QueryResult r;
  for (auto _ : state) {
    r = query(network, rules, broad_case());
    benchmark::DoNotOptimize(r);
  }
  set_counters(state, r);
  state.counters["rules"] = static_cast<double>(rules.info().rules.size());
}

// A registry in SQLite with the generated network imported, as `passend import` leaves it.
struct Registry {
  ScratchDir dir{"passend-query-bench"};
  std::unique_ptr<db::Database> db;
  explicit Registry(int offerings) {
    const std::string path = (dir.path() / "registry.db").string();
    db::initialise(path, region_data(), vocabulary());
    db = std::make_unique<db::Database>(db::open_existing(path));
    db::import_network(*db, generated_network(offerings), {"generated", "-", "json", "benchmark"});
  }
};

service::Context registry() {
  static Registry r(kServiceOfferings);
  return {*r.db, vocabulary(), regions()};
}

// The service path without the audit write (service::compute_advice): one read transaction,
// the query and its result JSON.
void BM_Service_ReadAndQuery(benchmark::State& state) {
  service::Context ctx = registry();
  LuaRuleHost& rules = lua_rules(0);
  for (auto _ : state) {
    auto advice = service::compute_advice(ctx, rules, fixed_case(), reference_date());
    benchmark::DoNotOptimize(advice);
  }
  // The counters of the same query on the same network read in memory (the service keeps its
  // QueryResult to itself).
  set_counters(state, query(case_network(kServiceOfferings), rules));
}

// What `passend query` does after start-up: parse and validate the case, read, query, the
// result JSON, and the audit record with the gap signal in one transaction.
void BM_Service_Advise(benchmark::State& state) {
  service::Context ctx = registry();
  LuaRuleHost& rules = lua_rules(0);
  for (auto _ : state) {
    auto advice = service::advise(ctx, rules, {fixed_case_json(), "case"}, reference_date(), "bench");
    benchmark::DoNotOptimize(advice);
  }
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

BENCHMARK(BM_Query_Lua)->Arg(1'000)->Arg(5'000)->Arg(20'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Query_Native)->Arg(1'000)->Arg(5'000)->Arg(20'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Query_Lua_Broad)->Arg(20'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Query_Native_Broad)->Arg(20'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Query_Lua_GeneratedCases)->Arg(20'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Query_Native_GeneratedCases)->Arg(20'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Query_Lua_ExtraRules)->Arg(0)->Arg(25)->Arg(50)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Service_ReadAndQuery)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Service_Advise)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (!hosts_agree(1'000)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
