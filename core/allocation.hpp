#pragma once
// Allocation of scarce supra-regional places (docs/formats.md, "Allocation of supra-regional places",
// docs/domain.md, principle 13). Given cases, places (an offering with its free count) and the eligible
// (case, place) pairs with a priority, find the assignment that
//   1. places as many cases as possible, then
//   2. has the highest total priority (priorities rounded to 0.01), then
//   3. breaks the remaining ties by ids: among equally good solutions the one that uses the
//      lowest-id places (smallest sum of place ranks in id order); then no unplaced case loses
//      a place to a case with the same priority there and a higher id.
// Pure: no Lua, no SQLite. Eligibility and priorities are decided by the rule set elsewhere.
//
// The model is a min-cost max-flow network: source -> case (capacity 1) -> place (capacity 1,
// cost maxPriority - priority) -> sink (capacity = free places). Two solvers share it:
// the default, a shortest-augmenting-path solver with lexicographic costs that explores only
// what each augmentation needs (fast for 2,000 x 500), and Boost.Graph's
// successive_shortest_path_nonnegative_weights, kept as the reference the tests compare with.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace passend {

struct AllocationPlace {
  std::string offering;  // unique
  std::string provider;
  int capacity = 0;      // free places now; 0 offers nothing
};

// One eligible (case, place) pair. At most one per pair.
struct AllocationEdge {
  std::size_t case_index = 0;   // into AllocationProblem::cases
  std::size_t place_index = 0;  // into AllocationProblem::places
  double priority = 0;          // finite, |priority| <= 1e9; rounded to 0.01 before optimising
};

struct AllocationProblem {
  std::vector<std::string> cases;  // case ids, unique
  std::vector<AllocationPlace> places;
  std::vector<AllocationEdge> edges;
};

struct Assignment {
  std::size_t case_index = 0;
  std::size_t place_index = 0;
  double priority = 0;  // rounded to 0.01
};

enum class UnassignedCode { no_eligible_place, outranked };
const char* unassigned_code_name(UnassignedCode code);

// Why a case got no place. For `outranked`: of the places the case was eligible for, the one
// where its own priority was highest (ties: lowest offering id), and of the cases holding that
// place the one with the lowest priority there (ties: lowest case id).
struct Unassigned {
  std::size_t case_index = 0;
  UnassignedCode code = UnassignedCode::no_eligible_place;
  std::optional<std::size_t> place_index;   // outranked only
  std::optional<std::size_t> outranked_by;  // case index; outranked only
  double priority = 0;                      // this case's priority for that place
  double outranked_priority = 0;            // the holder's priority for that place
};

struct AllocationResult {
  std::vector<Assignment> assignments;  // sorted by case id
  std::vector<Unassigned> unassigned;   // sorted by case id
  int placed = 0;
  std::int64_t objective_cents = 0;     // the sum of the assignments' priorities, in 0.01
  double objective() const { return static_cast<double>(objective_cents) / 100.0; }
};

enum class AllocationSolver {
  // Default. Exact on all three objectives.
  augmenting_paths,
  // Boost.Graph min-cost max-flow: exact on objectives 1 and 2 and on the case-id rule of 3,
  // places as the algorithm meets them. The reference for tests; too slow for large dense
  // instances (docs/allocation.md).
  boost_successive_shortest_path,
};

// Throws std::invalid_argument for a malformed problem (duplicate ids or pairs, an index out
// of range, a negative capacity, a priority that is not finite or out of range).
AllocationResult allocate(const AllocationProblem& problem,
                          AllocationSolver solver = AllocationSolver::augmenting_paths);

// A priority in hundredths, as the optimiser uses it (round half away from zero).
std::int64_t priority_cents(double priority);

// The Dutch explanation for an unassigned case (docs/formats.md: `text`).
std::string unassigned_text(const AllocationProblem& problem, const Unassigned& u);

}  // namespace passend
