// The optimiser of supra-regional places at the size of issue 6: 2,000 cases over 500 places
// with 1-2 free each. Eligibility density and the spread of priorities vary, because both
// decide how much of the network each augmentation has to search (docs/allocation.md).
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>

#include "core/allocation.hpp"

namespace {

using passend::AllocationProblem;

enum class Priorities { policy, five_levels };

// Priorities shaped like the default `priority` rule: an urgency weight, points per week
// waited, half the fit score, minus a tenth of the distance; or, as the worst case for ties,
// only five distinct values.
AllocationProblem make_problem(int cases, int places, double density, Priorities kind, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> unit(0, 1);
  AllocationProblem p;
  std::vector<double> base;
  for (int i = 0; i < cases; ++i) {
    p.cases.push_back("2026-XX-" + std::to_string(10000 + i));
    const double u = unit(rng);
    const double urgency = u < 0.1 ? 60 : u < 0.5 ? 30 : 0;
    base.push_back(urgency + std::floor(unit(rng) * 53));
  }
  for (int j = 0; j < places; ++j)
    p.places.push_back({"off-" + std::to_string(10000 + j), "prov-" + std::to_string(j / 3), 1 + static_cast<int>(rng() % 2)});
  for (int i = 0; i < cases; ++i)
    for (int j = 0; j < places; ++j) {
      if (unit(rng) >= density) continue;
      const double priority = kind == Priorities::policy
                                  ? base[i] + 0.5 * std::round(unit(rng) * 200) / 2 - 0.1 * std::round(unit(rng) * 2500) / 10
                                  : std::floor(unit(rng) * 5) * 10;
      p.edges.push_back({static_cast<std::size_t>(i), static_cast<std::size_t>(j), priority});
    }
  return p;
}

void run(benchmark::State& state, Priorities kind, passend::AllocationSolver solver) {
  const double density = static_cast<double>(state.range(0)) / 100.0;
  const auto problem = make_problem(2000, 500, density, kind, 20261126);
  int placed = 0;
  for (auto _ : state) {
    auto result = passend::allocate(problem, solver);
    placed = result.placed;
    benchmark::DoNotOptimize(result);
  }
  state.counters["edges"] = static_cast<double>(problem.edges.size());
  state.counters["placed"] = placed;
}

void BM_Allocate_Policy(benchmark::State& state) {
  run(state, Priorities::policy, passend::AllocationSolver::augmenting_paths);
}
void BM_Allocate_FiveLevels(benchmark::State& state) {
  run(state, Priorities::five_levels, passend::AllocationSolver::augmenting_paths);
}
// The Boost.Graph reference, to show why it is not the default.
void BM_Allocate_BoostReference(benchmark::State& state) {
  run(state, Priorities::policy, passend::AllocationSolver::boost_successive_shortest_path);
}

// Arguments: eligibility density in percent of all (case, place) pairs.
BENCHMARK(BM_Allocate_Policy)->Arg(5)->Arg(15)->Arg(30)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Allocate_FiveLevels)->Arg(15)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Allocate_BoostReference)->Arg(5)->Arg(15)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
