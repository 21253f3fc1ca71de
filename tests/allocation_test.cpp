// The optimiser of scarce supra-regional places: hand-made cases for each rule, then property
// tests against an exhaustive search and against the Boost.Graph reference solver.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <random>
#include <stdexcept>

#include "core/allocation.hpp"

namespace passend {
namespace {

AllocationProblem problem(std::vector<std::string> cases, std::vector<AllocationPlace> places,
                          std::vector<AllocationEdge> edges) {
  return {std::move(cases), std::move(places), std::move(edges)};
}

// "case -> offering" for every assignment, for readable expectations.
std::map<std::string, std::string> placed_map(const AllocationProblem& p, const AllocationResult& r) {
  std::map<std::string, std::string> out;
  for (const auto& a : r.assignments) out[p.cases[a.case_index]] = p.places[a.place_index].offering;
  return out;
}

const AllocationSolver kSolvers[] = {AllocationSolver::augmenting_paths, AllocationSolver::boost_successive_shortest_path};

TEST(Allocation, EmptyProblemPlacesNobody) {
  for (auto solver : kSolvers) {
    const auto r = allocate({}, solver);
    EXPECT_EQ(r.placed, 0);
    EXPECT_TRUE(r.assignments.empty());
    EXPECT_TRUE(r.unassigned.empty());
  }
}

TEST(Allocation, PlacesAsManyCasesAsPossibleBeforePriority) {
  // A prefers X strongly, but only A can also go to Y: both placed beats A alone in X.
  const auto p = problem({"A", "B"}, {{"X", "p1", 1}, {"Y", "p2", 1}},
                         {{0, 0, 90}, {0, 1, 10}, {1, 0, 20}});
  for (auto solver : kSolvers) {
    const auto r = allocate(p, solver);
    EXPECT_EQ(r.placed, 2);
    EXPECT_EQ(placed_map(p, r), (std::map<std::string, std::string>{{"A", "Y"}, {"B", "X"}}));
    EXPECT_DOUBLE_EQ(r.objective(), 30.0);
  }
}

TEST(Allocation, HighestTotalPriorityAmongMaximalPlacements) {
  const auto p = problem({"A", "B", "C"}, {{"X", "p1", 1}, {"Y", "p2", 1}},
                         {{0, 0, 50}, {0, 1, 40}, {1, 0, 45}, {2, 1, 60}});
  for (auto solver : kSolvers) {
    const auto r = allocate(p, solver);
    EXPECT_EQ(r.placed, 2);
    EXPECT_EQ(placed_map(p, r), (std::map<std::string, std::string>{{"A", "X"}, {"C", "Y"}}));
    EXPECT_DOUBLE_EQ(r.objective(), 110.0);
  }
}

TEST(Allocation, CapacityTwoTakesTwoCases) {
  const auto p = problem({"A", "B", "C"}, {{"X", "p1", 2}}, {{0, 0, 10}, {1, 0, 30}, {2, 0, 20}});
  const auto r = allocate(p);
  EXPECT_EQ(placed_map(p, r), (std::map<std::string, std::string>{{"B", "X"}, {"C", "X"}}));
  ASSERT_EQ(r.unassigned.size(), 1u);
  EXPECT_EQ(p.cases[r.unassigned[0].case_index], "A");
  EXPECT_EQ(r.unassigned[0].code, UnassignedCode::outranked);
  // The weakest holder of the place is named.
  EXPECT_EQ(p.cases[*r.unassigned[0].outranked_by], "C");
  EXPECT_DOUBLE_EQ(r.unassigned[0].outranked_priority, 20.0);
  EXPECT_DOUBLE_EQ(r.unassigned[0].priority, 10.0);
}

TEST(Allocation, EqualPrioritiesGoToTheLowerCaseIdWhateverTheInputOrder) {
  const auto forward = problem({"2026-A", "2026-B"}, {{"X", "p1", 1}}, {{0, 0, 50}, {1, 0, 50}});
  const auto backward = problem({"2026-B", "2026-A"}, {{"X", "p1", 1}}, {{0, 0, 50}, {1, 0, 50}});
  for (const auto& p : {forward, backward}) {
    const auto r = allocate(p);
    EXPECT_EQ(placed_map(p, r), (std::map<std::string, std::string>{{"2026-A", "X"}}));
  }
}

TEST(Allocation, EqualPrioritiesForPlacesTakeTheLowerIdPlace) {
  const auto single = problem({"A"}, {{"Y", "p2", 1}, {"X", "p1", 1}}, {{0, 0, 50}, {0, 1, 50}});
  EXPECT_EQ(placed_map(single, allocate(single)), (std::map<std::string, std::string>{{"A", "X"}}));
  // Two cases, three equal places: the two lowest-id places are used.
  const auto two = problem({"B", "A"}, {{"Z", "p3", 1}, {"Y", "p2", 1}, {"X", "p1", 1}},
                           {{0, 0, 50}, {0, 1, 50}, {0, 2, 50}, {1, 0, 50}, {1, 1, 50}, {1, 2, 50}});
  std::map<std::string, int> used;
  for (const auto& [c, o] : placed_map(two, allocate(two))) ++used[o];
  EXPECT_EQ(used, (std::map<std::string, int>{{"X", 1}, {"Y", 1}}));
}

TEST(Allocation, TheLowerIdWinsAChainOfEqualPriorities) {
  // Every way of placing two of A, B, C totals 70. A ties with B on X, B with C on Y: the
  // lower id wins each tie, so A and B are placed and C is outranked by B.
  const auto p = problem({"C", "B", "A"}, {{"X", "p1", 1}, {"Y", "p2", 1}},
                         {{0, 1, 30}, {1, 0, 40}, {1, 1, 30}, {2, 0, 40}});
  const auto r = allocate(p);
  EXPECT_EQ(placed_map(p, r), (std::map<std::string, std::string>{{"A", "X"}, {"B", "Y"}}));
  ASSERT_EQ(r.unassigned.size(), 1u);
  EXPECT_EQ(p.cases[*r.unassigned[0].outranked_by], "B");
}

TEST(Allocation, ResultsAreSortedByCaseId) {
  const auto p = problem({"C", "A", "B", "D"}, {{"X", "p1", 1}, {"Y", "p2", 1}},
                         {{0, 0, 10}, {1, 1, 10}, {2, 0, 5}});
  const auto r = allocate(p);
  ASSERT_EQ(r.assignments.size(), 2u);
  EXPECT_EQ(p.cases[r.assignments[0].case_index], "A");
  EXPECT_EQ(p.cases[r.assignments[1].case_index], "C");
  ASSERT_EQ(r.unassigned.size(), 2u);
  EXPECT_EQ(p.cases[r.unassigned[0].case_index], "B");
  EXPECT_EQ(r.unassigned[0].code, UnassignedCode::outranked);
  EXPECT_EQ(p.cases[r.unassigned[1].case_index], "D");
  EXPECT_EQ(r.unassigned[1].code, UnassignedCode::no_eligible_place);
  EXPECT_FALSE(r.unassigned[1].outranked_by.has_value());
}

TEST(Allocation, OutrankedNamesTheHolderOfTheCasesBestPlace) {
  // D is eligible for X (own 30) and Y (own 70); Y is its best place, held by B (80).
  const auto p = problem({"A", "B", "D"}, {{"X", "p1", 1}, {"Y", "p2", 1}},
                         {{0, 0, 90}, {1, 1, 80}, {2, 0, 30}, {2, 1, 70}});
  const auto r = allocate(p);
  ASSERT_EQ(r.unassigned.size(), 1u);
  const auto& u = r.unassigned[0];
  EXPECT_EQ(p.cases[u.case_index], "D");
  EXPECT_EQ(p.places[*u.place_index].offering, "Y");
  EXPECT_EQ(p.cases[*u.outranked_by], "B");
  EXPECT_DOUBLE_EQ(u.priority, 70.0);
  EXPECT_DOUBLE_EQ(u.outranked_priority, 80.0);
  const std::string text = unassigned_text(p, u);
  EXPECT_NE(text.find("casus B (prioriteit 80,00)"), std::string::npos) << text;
  EXPECT_EQ(text.find("gelijke prioriteit"), std::string::npos) << text;
}

TEST(Allocation, AChainOfMovesCanPlaceMoreCases) {
  // G fits X only; H fits X (70) and Y (5); I fits Y (30) and Z (1); J fits Z only. Three places,
  // four cases: the best of the placements of three is H-X, I-Y, J-Z (150); G is outranked by H.
  const auto p = problem({"G", "H", "I", "J"}, {{"X", "p1", 1}, {"Y", "p2", 1}, {"Z", "p3", 1}},
                         {{0, 0, 60}, {1, 0, 70}, {1, 1, 5}, {2, 1, 30}, {2, 2, 1}, {3, 2, 50}});
  for (auto solver : kSolvers) {
    const auto r = allocate(p, solver);
    EXPECT_EQ(placed_map(p, r), (std::map<std::string, std::string>{{"H", "X"}, {"I", "Y"}, {"J", "Z"}}));
    ASSERT_EQ(r.unassigned.size(), 1u);
    EXPECT_EQ(p.cases[*r.unassigned[0].outranked_by], "H");
    EXPECT_DOUBLE_EQ(r.objective(), 150.0);
  }
  // W scores 90 on X but takes Z (5), so that Y2 can take X as well: two placed beat one.
  const auto q = problem({"W", "Y1", "Y2"}, {{"X", "p1", 1}, {"Z", "p3", 1}},
                         {{0, 0, 90}, {0, 1, 5}, {1, 0, 10}, {2, 0, 50}});
  const auto r = allocate(q);
  EXPECT_EQ(placed_map(q, r), (std::map<std::string, std::string>{{"W", "Z"}, {"Y2", "X"}}));
  ASSERT_EQ(r.unassigned.size(), 1u);
  EXPECT_EQ(q.cases[*r.unassigned[0].outranked_by], "Y2");
  EXPECT_DOUBLE_EQ(r.objective(), 55.0);
}

TEST(Allocation, EqualPriorityTextNamesTheIdRule) {
  const auto p = problem({"B", "A"}, {{"X", "p1", 1}}, {{0, 0, 50}, {1, 0, 50}});
  const auto r = allocate(p);
  ASSERT_EQ(r.unassigned.size(), 1u);
  const std::string text = unassigned_text(p, r.unassigned[0]);
  EXPECT_NE(text.find("X (prioriteit hier 50,00) ging naar casus A (prioriteit 50,00)"), std::string::npos) << text;
  EXPECT_NE(text.find("gelijke prioriteit"), std::string::npos) << text;
}

TEST(Allocation, PlacesWithoutCapacityOfferNothing) {
  const auto p = problem({"A"}, {{"X", "p1", 0}}, {{0, 0, 50}});
  for (auto solver : kSolvers) {
    const auto r = allocate(p, solver);
    EXPECT_EQ(r.placed, 0);
    ASSERT_EQ(r.unassigned.size(), 1u);
    EXPECT_EQ(r.unassigned[0].code, UnassignedCode::no_eligible_place);
  }
}

TEST(Allocation, PrioritiesAreRoundedToHundredths) {
  EXPECT_EQ(priority_cents(91.004), 9100);
  EXPECT_EQ(priority_cents(91.006), 9101);
  EXPECT_EQ(priority_cents(-0.015), -2);
  // 0.004 apart is a tie after rounding: the lower id wins.
  const auto p = problem({"B", "A"}, {{"X", "p1", 1}}, {{0, 0, 50.004}, {1, 0, 50.0}});
  const auto r = allocate(p);
  EXPECT_EQ(placed_map(p, r), (std::map<std::string, std::string>{{"A", "X"}}));
  EXPECT_DOUBLE_EQ(r.assignments[0].priority, 50.0);
}

TEST(Allocation, NegativePrioritiesStillPlaceCases) {
  const auto p = problem({"A", "B"}, {{"X", "p1", 1}, {"Y", "p2", 1}}, {{0, 0, -20}, {1, 1, -5}, {1, 0, 3}});
  const auto r = allocate(p);
  EXPECT_EQ(r.placed, 2);
  EXPECT_DOUBLE_EQ(r.objective(), -25.0);
}

TEST(Allocation, MalformedProblemsAreRefused) {
  EXPECT_THROW(allocate(problem({"A", "A"}, {}, {})), std::invalid_argument);
  EXPECT_THROW(allocate(problem({"A"}, {{"X", "p", 1}, {"X", "q", 1}}, {})), std::invalid_argument);
  EXPECT_THROW(allocate(problem({"A"}, {{"X", "p", -1}}, {})), std::invalid_argument);
  EXPECT_THROW(allocate(problem({"A"}, {{"X", "p", 1}}, {{1, 0, 1}})), std::invalid_argument);
  EXPECT_THROW(allocate(problem({"A"}, {{"X", "p", 1}}, {{0, 0, 1}, {0, 0, 2}})), std::invalid_argument);
  EXPECT_THROW(allocate(problem({"A"}, {{"X", "p", 1}}, {{0, 0, std::nan("")}})), std::invalid_argument);
  EXPECT_THROW(allocate(problem({"A"}, {{"X", "p", 1}}, {{0, 0, 2e9}})), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------
// Property tests.
// ---------------------------------------------------------------------------------------------

// The objective of docs/allocation.md that a search can compare: placed (more first), total
// priority (higher first), then the sum of the used places' indices (lower first; ids are
// generated in index order, so index == rank).
struct Score {
  int placed = 0;
  std::int64_t cents = 0;
  std::int64_t place_sum = 0;
  bool better_than(const Score& o) const {
    if (placed != o.placed) return placed > o.placed;
    if (cents != o.cents) return cents > o.cents;
    return place_sum < o.place_sum;
  }
};

Score score_of(const AllocationProblem& p, const std::vector<int>& place_of_case) {
  Score s;
  for (const auto& e : p.edges) {
    if (place_of_case[e.case_index] != static_cast<int>(e.place_index)) continue;
    ++s.placed;
    s.cents += priority_cents(e.priority);
    s.place_sum += static_cast<std::int64_t>(e.place_index);
  }
  return s;
}

Score exhaustive_best(const AllocationProblem& p) {
  std::vector<std::vector<std::size_t>> options(p.cases.size());
  for (const auto& e : p.edges) options[e.case_index].push_back(e.place_index);
  std::vector<int> left;
  for (const auto& place : p.places) left.push_back(place.capacity);
  std::vector<int> current(p.cases.size(), -1);
  Score best;
  bool have = false;
  std::function<void(std::size_t)> walk = [&](std::size_t c) {
    if (c == p.cases.size()) {
      Score s = score_of(p, current);
      if (!have || s.better_than(best)) best = s, have = true;
      return;
    }
    current[c] = -1;
    walk(c + 1);
    for (std::size_t j : options[c]) {
      if (left[j] == 0) continue;
      --left[j];
      current[c] = static_cast<int>(j);
      walk(c + 1);
      ++left[j];
      current[c] = -1;
    }
  };
  walk(0);
  return best;
}

std::vector<int> places_of(const AllocationProblem& p, const AllocationResult& r) {
  std::vector<int> out(p.cases.size(), -1);
  for (const auto& a : r.assignments) out[a.case_index] = static_cast<int>(a.place_index);
  return out;
}

// Random instance with ids in index order; coarse priorities make ties common.
AllocationProblem random_problem(std::mt19937& rng, int max_cases, int max_places, int max_free, bool coarse) {
  std::uniform_int_distribution<int> n_cases(0, max_cases), n_places(1, max_places), free(1, max_free);
  std::uniform_real_distribution<double> unit(0, 1);
  AllocationProblem p;
  const int n = n_cases(rng), m = n_places(rng);
  char id[16];
  for (int i = 0; i < n; ++i) {
    std::snprintf(id, sizeof id, "c%02d", i);
    p.cases.push_back(id);
  }
  for (int j = 0; j < m; ++j) {
    std::snprintf(id, sizeof id, "o%02d", j);
    p.places.push_back({id, "p", free(rng)});
  }
  const double density = 0.2 + 0.7 * unit(rng);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < m; ++j)
      if (unit(rng) < density) {
        const double priority = coarse ? std::floor(unit(rng) * 4) * 10 : std::round(unit(rng) * 20000 - 5000) / 100;
        p.edges.push_back({static_cast<std::size_t>(i), static_cast<std::size_t>(j), priority});
      }
  return p;
}

void check_result_consistency(const AllocationProblem& p, const AllocationResult& r) {
  std::vector<int> used(p.places.size(), 0);
  std::vector<int> seen(p.cases.size(), 0);
  for (const auto& a : r.assignments) {
    ++used[a.place_index];
    ++seen[a.case_index];
  }
  for (const auto& u : r.unassigned) ++seen[u.case_index];
  for (std::size_t j = 0; j < p.places.size(); ++j) ASSERT_LE(used[j], p.places[j].capacity);
  for (int s : seen) ASSERT_EQ(s, 1);
  ASSERT_EQ(r.placed, static_cast<int>(r.assignments.size()));
  for (const auto& u : r.unassigned) {
    bool eligible = false;
    for (const auto& e : p.edges)
      if (e.case_index == u.case_index && p.places[e.place_index].capacity > 0) eligible = true;
    ASSERT_EQ(u.code == UnassignedCode::outranked, eligible);
    if (u.code == UnassignedCode::outranked) {
      // The named holder really holds the named place.
      bool holds = false;
      for (const auto& a : r.assignments)
        if (a.case_index == *u.outranked_by && a.place_index == *u.place_index) holds = true;
      ASSERT_TRUE(holds);
      // Otherwise swapping the two would raise the total at the same number placed.
      ASSERT_GE(u.outranked_priority, u.priority);
      // The id rule: on equal priority the holder has the lower id.
      if (priority_cents(u.outranked_priority) == priority_cents(u.priority)) {
        ASSERT_LT(p.cases[*u.outranked_by], p.cases[u.case_index]);
      }
    }
  }
}

TEST(AllocationProperty, MatchesExhaustiveSearchOnSmallInstances) {
  for (unsigned seed = 1; seed <= 600; ++seed) {
    std::mt19937 rng(seed);
    const auto p = random_problem(rng, 8, 4, 2, seed % 2 == 0);
    const Score best = exhaustive_best(p);
    for (auto solver : kSolvers) {
      const auto r = allocate(p, solver);
      check_result_consistency(p, r);
      const Score got = score_of(p, places_of(p, r));
      ASSERT_EQ(got.placed, best.placed) << "seed " << seed;
      ASSERT_EQ(got.cents, best.cents) << "seed " << seed;
      ASSERT_EQ(r.objective_cents, best.cents) << "seed " << seed;
      // The default solver also uses the lowest-id places exactly.
      if (solver == AllocationSolver::augmenting_paths) {
        ASSERT_EQ(got.place_sum, best.place_sum) << "seed " << seed;
      }
    }
  }
}

TEST(AllocationProperty, MatchesTheBoostReferenceOnMediumInstances) {
  for (unsigned seed = 1; seed <= 150; ++seed) {
    std::mt19937 rng(seed * 7919u);
    const auto p = random_problem(rng, 80, 25, 4, seed % 3 == 0);
    const auto fast = allocate(p, AllocationSolver::augmenting_paths);
    const auto reference = allocate(p, AllocationSolver::boost_successive_shortest_path);
    check_result_consistency(p, fast);
    ASSERT_EQ(fast.placed, reference.placed) << "seed " << seed;
    ASSERT_EQ(fast.objective_cents, reference.objective_cents) << "seed " << seed;
  }
}

TEST(AllocationProperty, InputOrderDoesNotChangeTheResult) {
  for (unsigned seed = 1; seed <= 100; ++seed) {
    std::mt19937 rng(seed);
    const auto p = random_problem(rng, 12, 5, 2, true);
    // Reverse cases and places, and shuffle the edges.
    AllocationProblem q;
    q.cases.assign(p.cases.rbegin(), p.cases.rend());
    q.places.assign(p.places.rbegin(), p.places.rend());
    for (const auto& e : p.edges)
      q.edges.push_back({p.cases.size() - 1 - e.case_index, p.places.size() - 1 - e.place_index, e.priority});
    std::shuffle(q.edges.begin(), q.edges.end(), rng);
    const auto a = allocate(p), b = allocate(q);
    ASSERT_EQ(placed_map(p, a), placed_map(q, b)) << "seed " << seed;
    ASSERT_EQ(a.unassigned.size(), b.unassigned.size());
    for (std::size_t k = 0; k < a.unassigned.size(); ++k) {
      ASSERT_EQ(p.cases[a.unassigned[k].case_index], q.cases[b.unassigned[k].case_index]);
      ASSERT_EQ(unassigned_text(p, a.unassigned[k]), unassigned_text(q, b.unassigned[k]));
    }
  }
}

TEST(AllocationProperty, LargeInstanceIsConsistent) {
  std::mt19937 rng(42);
  AllocationProblem p;
  for (int i = 0; i < 400; ++i) p.cases.push_back("case-" + std::to_string(1000 + i));
  for (int j = 0; j < 100; ++j) p.places.push_back({"off-" + std::to_string(1000 + j), "p", 1 + j % 2});
  std::uniform_real_distribution<double> unit(0, 1);
  for (std::size_t i = 0; i < p.cases.size(); ++i)
    for (std::size_t j = 0; j < p.places.size(); ++j)
      if (unit(rng) < 0.15) p.edges.push_back({i, j, std::round(unit(rng) * 10000) / 100});
  const auto fast = allocate(p);
  const auto reference = allocate(p, AllocationSolver::boost_successive_shortest_path);
  check_result_consistency(p, fast);
  EXPECT_EQ(fast.placed, reference.placed);
  EXPECT_EQ(fast.objective_cents, reference.objective_cents);
}

}  // namespace
}  // namespace passend
