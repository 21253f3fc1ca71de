// Rule evaluation: the default rule set in the Lua host against the same rules written in C++
// (native_rules.cpp), on 10,000 hand-generated candidates of one case. Before measuring, the
// two are checked to give identical verdicts (exclusions, lifts, reasons with texts, scores,
// order keys), so that the ratio compares equal work. Results: docs/performance.md.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "plugins/lua_host.hpp"
#include "benchmarks/native_rules.hpp"

namespace {

using namespace passend;

const Vocabulary& vocabulary() {
  static const Vocabulary v = Vocabulary::load(std::string(PASSEND_SOURCE_DIR "/data"));
  return v;
}

// A small deterministic generator (no <random>: the same data on every platform).
struct Lcg {
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))]; }
};

struct Workload {
  Case c;
  CaseFacts facts;
  std::vector<Provider> providers;  // complete before candidates point into it
  std::vector<CandidateFacts> candidates;
};

Offering make_offering(Lcg& g, const std::string& id, Date today) {
  static const std::vector<std::string> forms = {"small_scale_living", "small_scale_living", "family_home",
                                                 "secure_residential", "ambulant_intensive", "residential"};
  static const std::vector<std::string> expertise = {"autism", "trauma", "emotion_regulation", "forensic", "adhd",
                                                     "eating_disorder", "suicidality", "lvb"};
  static const std::vector<std::string> flags = {"aggression", "arson", "absconding", "active_addiction"};
  static const std::vector<std::string> identities = {"", "", "general", "protestant", "catholic"};
  Offering o;
  o.id = id;
  o.care_form = g.pick(forms);
  o.product_category = g.chance(3) ? "55" : "44";
  for (const auto& e : expertise)
    if (g.chance(35)) o.expertise.push_back(e);
  std::sort(o.expertise.begin(), o.expertise.end());
  o.age_min = g.chance(20) ? 16 : 0;
  o.age_max = g.chance(10) ? 12 : 23;
  for (const auto& f : flags)
    if (g.chance(10)) o.contraindications.push_back(f);
  std::sort(o.contraindications.begin(), o.contraindications.end());
  o.identity = g.pick(identities);
  o.capacity = {6, g.chance(40) ? 1 + g.below(3) : 0, g.below(30), today.plus_days(-g.below(60))};
  return o;
}

CandidateFacts make_facts(Lcg& g, const Provider& p, const Workload& w) {
  static const std::vector<ContractStatus> statuses = {
      ContractStatus::active, ContractStatus::active,  ContractStatus::active,    ContractStatus::active,
      ContractStatus::active, ContractStatus::expired, ContractStatus::wrong_lot, ContractStatus::none};
  const Offering& o = p.locations[0].offerings[0];
  CandidateFacts f;
  f.provider = &p;
  f.location = &p.locations[0];
  f.offering = &o;
  f.tier = static_cast<Tier>(g.below(4));
  f.region = f.tier == Tier::region ? "JZ21" : "JZ20";
  f.region_name = f.tier == Tier::region ? "Food Valley" : "Eemland";
  f.network = "EXN03";
  f.distance_km = 1.0 + g.below(2500) / 10.0;
  if (g.chance(50)) f.near_km = g.below(400) / 10.0;
  f.care_form_rank = vocabulary().care_form(o.care_form)->rank;
  f.lot = o.care_form == "ambulant_intensive" ? "ambulant" : "verblijf";
  f.contract = g.pick(statuses);
  f.contract_via = f.contract == ContractStatus::none ? "" : (g.chance(80) ? "region" : "network");
  f.timely = o.capacity.free > 0 || o.capacity.wait_weeks <= *w.c.max_wait_weeks;
  f.capacity_age_days = w.facts.reference_date - o.capacity.updated;
  f.bridging_pool = o.care_form == "ambulant_intensive";
  return f;
}

void fill_case(Workload& w, Date today) {
  w.c.id = "2026-FV-BENCH";
  w.c.age = 15;
  w.c.municipality = "GM0228";
  w.c.care_forms = {"small_scale_living", "family_home", "secure_residential", "residential"};
  w.c.expertise = {"autism"};
  w.c.max_wait_weeks = 4;
  w.c.flags = {"aggression", "absconding"};
  w.c.preferred_identity = "protestant";
  w.c.near_municipalities = {"GM0203"};
  w.c.rejected_by = {"p0007", "p0042", "p0311"};
  w.c.previous_providers = {"p0003", "p0150"};
  w.c.maatwerk = Maatwerk{"RET Food Valley", today, "zeer specialistische zorg", {"non_contracted"}};
  w.facts.case_ = &w.c;
  w.facts.region = "JZ21";
  w.facts.region_name = "Food Valley";
  w.facts.network = "EXN03";
  w.facts.reference_date = today;
}

const Workload& workload() {
  static const Workload w = [] {
    Workload w;
    const Date today = *Date::parse("2026-11-26");
    fill_case(w, today);
    Lcg g;
    constexpr int kCandidates = 10'000;
    w.providers.reserve(kCandidates);
    for (int i = 0; i < kCandidates; ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "p%04d", i % 2000);  // 2,000 providers with 5 offerings each
      Provider p;
      p.id = id;
      p.name = std::string("Aanbieder ") + id;
      p.in_network = !g.chance(5);
      p.locations.push_back({p.id + "-loc", "GM0228", {make_offering(g, p.id + "-o" + std::to_string(i), today)}});
      w.providers.push_back(std::move(p));
    }
    for (const auto& p : w.providers) w.candidates.push_back(make_facts(g, p, w));
    return w;
  }();
  return w;
}

// PASSEND_BENCH_NO_DEADLINE=1 lifts the wall-clock deadline, for runs under valgrind (callgrind
// counts instructions, which does not depend on the load of a shared machine; it runs ~50x slower).
LuaLimits bench_limits() {
  LuaLimits limits;
  if (std::getenv("PASSEND_BENCH_NO_DEADLINE")) limits.call_time = std::chrono::hours(1);
  return limits;
}

LuaRuleHost& lua_host() {
  static auto host = LuaRuleHost::load(std::string(PASSEND_SOURCE_DIR "/rules/default"), vocabulary(), bench_limits());
  return *host;
}

// The two must agree on everything before their speed means anything.
bool same(const Verdict& a, const Verdict& b, std::string& why) {
  auto codes = [](const std::vector<Exclusion>& xs) {
    std::string s;
    for (const auto& x : xs) s += x.rule + "/" + x.code + "/" + x.text + ";";
    return s;
  };
  auto reasons = [](const Verdict& v) {
    std::string s;
    for (const auto& r : v.reasons) s += r.rule + "/" + std::to_string(r.effect) + "/" + r.text + ";";
    for (const auto& l : v.lifted) s += "lift:" + l.exclusion.code + "/" + l.by_rule + "/" + l.text + ";";
    return s;
  };
  if (codes(a.exclusions) != codes(b.exclusions)) why = codes(a.exclusions) + " vs " + codes(b.exclusions);
  else if (reasons(a) != reasons(b)) why = reasons(a) + " vs " + reasons(b);
  else if (a.score != b.score || a.stale != b.stale || a.exempt != b.exempt || a.order_keys != b.order_keys)
    why = "score, stale, exempt or order keys differ";
  return why.empty();
}

bool verify() {
  const Workload& w = workload();
  auto lua = lua_host().evaluate(w.facts, w.candidates);
  auto native = bench::native_evaluate(w.facts, w.candidates, vocabulary());
  std::size_t admitted = 0;
  for (std::size_t i = 0; i < lua.size(); ++i) {
    std::string why;
    if (!same(lua[i], native[i], why)) {
      std::cerr << "verdicts differ for " << w.candidates[i].offering->id << ": " << why << '\n';
      return false;
    }
    admitted += !lua[i].excluded();
  }
  std::cerr << "verified: " << lua.size() << " identical verdicts (" << admitted << " admitted)\n";
  return true;
}

void BM_Lua_Evaluate(benchmark::State& state) {
  const Workload& w = workload();
  LuaRuleHost& host = lua_host();
  for (auto _ : state) benchmark::DoNotOptimize(host.evaluate(w.facts, w.candidates));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(w.candidates.size()));
  state.counters["lua_peak_MiB"] = static_cast<double>(host.memory_peak()) / (1 << 20);
}

void BM_Native_Evaluate(benchmark::State& state) {
  const Workload& w = workload();
  for (auto _ : state) benchmark::DoNotOptimize(bench::native_evaluate(w.facts, w.candidates, vocabulary()));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(w.candidates.size()));
}

// The fixed cost of a batch: building the case and candidate tables, one trivial rule, reading back.
void BM_Lua_Evaluate_FixedCost(benchmark::State& state) {
  const Workload& w = workload();
  static auto host = LuaRuleHost::load(std::string(PASSEND_SOURCE_DIR "/tests/rulesets/minimal"), vocabulary(), bench_limits());
  for (auto _ : state) benchmark::DoNotOptimize(host->evaluate(w.facts, w.candidates));
}

// The plan phase on the same batch (the tables evaluate() built are reused).
void BM_Lua_Plan(benchmark::State& state) {
  const Workload& w = workload();
  LuaRuleHost& host = lua_host();
  auto verdicts = host.evaluate(w.facts, w.candidates);
  std::vector<std::size_t> ranked;
  for (std::size_t i = 0; i < verdicts.size(); ++i)
    if (!verdicts[i].excluded()) ranked.push_back(i);
  for (auto _ : state) benchmark::DoNotOptimize(host.plan(w.facts, w.candidates, verdicts, ranked));
}

BENCHMARK(BM_Lua_Evaluate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Native_Evaluate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lua_Evaluate_FixedCost)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Lua_Plan)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (!verify()) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
