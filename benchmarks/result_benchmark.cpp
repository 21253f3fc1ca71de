// The query result from the engine's QueryResult to the bytes of the answer and the audit
// record (issue 17, "lean paths"), for the issue's national question: 20,000 generated
// offerings, a case asking family_home, small_scale_living and residential (age 15, Food
// Valley), the default Lua rules. Before: a document tree built, dumped for the audit record,
// dumped again for the HTTP body and freed. Now: the result streamed once into a string.
// The two are compared byte for byte before anything is measured.
#include <benchmark/benchmark.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "benchmarks/query_fixtures.hpp"
#include "core/engine.hpp"
#include "core/result_stream.hpp"
#include "plugins/lua_host.hpp"

namespace {

using namespace passend;
using namespace passend::bench;

constexpr int kOfferings = 20'000;

const char* const kNationalCase = R"({"id": "2026-FV-100", "age": 15, "municipality": "GM0228",
  "need": {"care_forms": ["family_home", "small_scale_living", "residential"], "urgency": "normal"}})";

struct Fixture {
  std::unique_ptr<LuaRuleHost> rules = LuaRuleHost::load(default_rules_dir(), vocabulary());
  Case c = parse_case_text(kNationalCase);
  const ProviderNetwork& network = generated_network(kOfferings);
  QueryResult result = run_query(c, network, regions(), vocabulary(), *rules, reference_date());
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

bool same_bytes() {
  const auto& r = fixture().result;
  const std::string tree = result_to_json(r, vocabulary()).dump();
  const std::string streamed = result_to_json_text(r, vocabulary());
  std::cerr << "national result: " << r.evaluated.size() << " evaluated, " << r.candidates.size() << " candidates, "
            << tree.size() << " bytes; streamed " << (tree == streamed ? "identical" : "DIFFERENT") << "\n";
  return tree == streamed;
}

void set_counters(benchmark::State& state, std::size_t bytes) {
  state.counters["bytes"] = static_cast<double>(bytes);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}

// The path before: the tree, its dump for the audit record, its dump for the HTTP body, freed.
void BM_Result_TreeDumpedTwice(benchmark::State& state) {
  const auto& r = fixture().result;
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto tree = result_to_json(r, vocabulary());
    std::string audit = tree.dump();
    std::string body = tree.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    bytes = body.size();
    benchmark::DoNotOptimize(audit.data());
    benchmark::DoNotOptimize(body.data());
  }
  set_counters(state, bytes);
}

// The tree built and dumped once (what a caller that needs the tree as well pays).
void BM_Result_TreeDumpedOnce(benchmark::State& state) {
  const auto& r = fixture().result;
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string text = result_to_json(r, vocabulary()).dump();
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  set_counters(state, bytes);
}

// The path now: streamed once; the same string is the audit record and the HTTP body.
void BM_Result_Streamed(benchmark::State& state) {
  const auto& r = fixture().result;
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string text = result_to_json_text(r, vocabulary());
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  set_counters(state, bytes);
}

BENCHMARK(BM_Result_TreeDumpedTwice)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Result_TreeDumpedOnce)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Result_Streamed)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (!same_bytes()) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
