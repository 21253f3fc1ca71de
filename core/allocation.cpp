#include "core/allocation.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
#include <cmath>
#include <compare>
#include <cstdio>
#include <limits>
#include <set>
#include <stdexcept>
#include <utility>
#include "core/dutch_number.hpp"

namespace passend {

namespace {

// Large enough for any policy, small enough that sums of cents stay far from int64 limits.
constexpr double kMaxAbsPriority = 1e9;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// The problem with cases and places renumbered by id, so that every solver and every tie rule
// sees the same order whatever the order of the input.
struct Prepared {
  std::vector<std::size_t> case_at;   // rank -> input index
  std::vector<std::size_t> place_at;  // rank -> input index
  std::vector<int> capacity;          // by place rank
  // The eligible pairs twice: by place rank (case rank, cents) sorted by case rank, and by case
  // rank (place rank, cents) sorted by place rank.
  std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> edges, by_case;
  std::int64_t max_cents = 0;
  std::size_t cases() const { return case_at.size(); }
  std::size_t places() const { return place_at.size(); }
};

// A matching: for every case rank, the place rank it holds (kNone when unplaced).
using Matching = std::vector<std::size_t>;

std::vector<std::size_t> order_by(const std::vector<std::string>& ids) {
  std::vector<std::size_t> order(ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ids[a] < ids[b]; });
  for (std::size_t k = 1; k < order.size(); ++k)
    if (ids[order[k]] == ids[order[k - 1]]) throw std::invalid_argument("allocation: duplicate id '" + ids[order[k]] + "'");
  return order;
}

std::vector<std::size_t> inverse(const std::vector<std::size_t>& order) {
  std::vector<std::size_t> rank(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
  return rank;
}

void check_edge(const AllocationProblem& p, const AllocationEdge& e) {
  if (e.case_index >= p.cases.size() || e.place_index >= p.places.size())
    throw std::invalid_argument("allocation: edge index out of range");
  if (!std::isfinite(e.priority) || std::fabs(e.priority) > kMaxAbsPriority)
    throw std::invalid_argument("allocation: priority of case '" + p.cases[e.case_index] + "' for '" +
                                p.places[e.place_index].offering + "' is not a finite number within +-1e9");
}

Prepared prepare(const AllocationProblem& p) {
  Prepared out;
  out.case_at = order_by(p.cases);
  std::vector<std::string> offerings;
  for (const auto& place : p.places) {
    if (place.capacity < 0) throw std::invalid_argument("allocation: negative capacity for '" + place.offering + "'");
    offerings.push_back(place.offering);
  }
  out.place_at = order_by(offerings);
  const auto case_rank = inverse(out.case_at);
  const auto place_rank = inverse(out.place_at);
  out.capacity.resize(out.places());
  for (std::size_t j = 0; j < out.places(); ++j) out.capacity[j] = p.places[out.place_at[j]].capacity;

  out.edges.resize(out.places());
  out.by_case.resize(out.cases());
  {
    std::vector<std::size_t> per_place(out.places()), per_case(out.cases());
    for (const auto& e : p.edges) {
      check_edge(p, e);
      ++per_place[place_rank[e.place_index]];
      ++per_case[case_rank[e.case_index]];
    }
    for (std::size_t j = 0; j < out.places(); ++j) out.edges[j].reserve(per_place[j]);
    for (std::size_t c = 0; c < out.cases(); ++c) out.by_case[c].reserve(per_case[c]);
  }
  bool first = true;
  for (const auto& e : p.edges) {
    const std::int64_t cents = priority_cents(e.priority);
    out.edges[place_rank[e.place_index]].emplace_back(case_rank[e.case_index], cents);
    out.max_cents = first ? cents : std::max(out.max_cents, cents);
    first = false;
  }
  for (std::size_t j = 0; j < out.places(); ++j) {
    auto& list = out.edges[j];
    if (!std::is_sorted(list.begin(), list.end())) std::sort(list.begin(), list.end());
    for (std::size_t k = 1; k < list.size(); ++k)
      if (list[k].first == list[k - 1].first) throw std::invalid_argument("allocation: duplicate (case, place) pair");
    for (const auto& [c, cents] : list) out.by_case[c].emplace_back(j, cents);  // in place order
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The default solver: shortest augmenting paths (Hungarian method, Jonker-Volgenant style).
//
// Each free place is split into slots (rows); cases are columns. Rows are added one at a time;
// for each, a Dijkstra search on reduced costs finds the cheapest way to give it a case: a free
// case, a chain of re-assignments ending at a free case, or leaving one row of the chain empty
// ("unplaced", cost H). Because the new row is the only new supply, the search stops as soon as
// the sink is reached and touches only the few rows and cases the augmentation needs, instead of
// the whole graph as successive_shortest_path_nonnegative_weights does on every augmentation.
//
// Costs are lexicographic vectors, so no weighting constant can overflow or be too small:
// (unplaced, priority loss = maxPriority - priority, place rank). The place rank fills
// lower-id places first among equal solutions; ties between cases are settled afterwards by
// prefer_lower_case_ids (a case-rank cost term here would make every row compete for the same
// low-id cases: measured 6 s instead of 0.13 s on 2,000 x 500 with five priority levels).
// ---------------------------------------------------------------------------------------------

struct Cost {
  std::int64_t unplaced = 0;   // rows left empty: fewer is better, before anything else
  std::int64_t loss = 0;       // max_cents - cents: minimal total loss = maximal total priority
  std::int64_t place_tie = 0;  // place rank: among equal solutions, lower-id places first
  friend auto operator<=>(const Cost&, const Cost&) = default;
  friend Cost operator+(const Cost& a, const Cost& b) {
    return {a.unplaced + b.unplaced, a.loss + b.loss, a.place_tie + b.place_tie};
  }
  friend Cost operator-(const Cost& a, const Cost& b) {
    return {a.unplaced - b.unplaced, a.loss - b.loss, a.place_tie - b.place_tie};
  }
};

class AugmentingPaths {
 public:
  explicit AugmentingPaths(const Prepared& p) : p_(p) {
    for (std::size_t j = 0; j < p.places(); ++j) {
      // A place cannot use more slots than it has eligible cases.
      const std::size_t slots = std::min<std::size_t>(static_cast<std::size_t>(p.capacity[j]), p.edges[j].size());
      for (std::size_t k = 0; k < slots; ++k) row_place_.push_back(j);
    }
    rows_ = row_place_.size();
    prune_and_sort_edges();
    sink_ = rows_ + p.cases();
    const std::size_t nodes = sink_ + 1;
    match_row_.assign(rows_, kUnprocessed);
    match_cost_.assign(rows_, Cost{});
    match_col_.assign(p.cases(), kNone);
    pi_.assign(nodes, Cost{});
    dist_.assign(nodes, Cost{});
    pred_.assign(nodes, kNone);
    pred_cost_.assign(nodes, Cost{});
    seen_.assign(nodes, 0);
    settled_.assign(nodes, 0);
  }

  Matching solve() {
    for (std::size_t r = 0; r < rows_; ++r) add_row(r);
    Matching m(p_.cases(), kNone);
    for (std::size_t r = 0; r < rows_; ++r)
      if (match_row_[r] < p_.cases()) m[match_row_[r]] = row_place_[r];
    return m;
  }

 private:
  // Each place keeps only its `rows_` best cases, best first. Exact: if an optimum placed a
  // case i outside a place's best `rows_`, one of those best cases is unplaced (at most
  // rows_ - 1 others are placed), and giving it i's place keeps the number placed and does not
  // lower the total. Best-first order lets expand_row stop at the first edge that cannot help.
  void prune_and_sort_edges() {
    edges_.resize(p_.places());
    const auto better = [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    };
    for (std::size_t j = 0; j < p_.places(); ++j) {
      auto& list = edges_[j];
      list = p_.edges[j];
      if (list.size() > rows_) {
        std::nth_element(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(rows_), list.end(), better);
        list.resize(rows_);
      }
      std::sort(list.begin(), list.end(), better);
    }
  }

  static constexpr std::size_t kUnprocessed = kNone;
  static constexpr std::size_t kEmpty = kNone - 1;  // the row is left unplaced for good
  const Cost kUnplaced{1, 0, 0};

  Cost edge_cost(std::size_t row, std::int64_t cents) const {
    return {0, p_.max_cents - cents, static_cast<std::int64_t>(row_place_[row])};
  }

  void add_row(std::size_t r) {
    // Potential of the new row: every residual edge out of it gets a reduced cost >= 0.
    Cost pi = pi_[sink_] - kUnplaced;
    for (const auto& [c, cents] : edges_[row_place_[r]]) pi = std::max(pi, pi_[rows_ + c] - edge_cost(r, cents));
    pi_[r] = pi;
    search(r);
    const Cost d = dist_[sink_];
    // Only settled nodes move (by dist - d); all others implicitly moved by 0 after shifting
    // everything by -d. This keeps every reduced cost >= 0 without touching the whole graph.
    for (std::size_t v : settled_list_) pi_[v] = pi_[v] + (dist_[v] - d);
    augment(r);
  }

  void relax(std::size_t v, const Cost& d, std::size_t from, const Cost& raw) {
    if (seen_[v] == stamp_ && !(d < dist_[v])) return;
    seen_[v] = stamp_;
    dist_[v] = d;
    pred_[v] = from;
    pred_cost_[v] = raw;
    // A free case leads straight to the sink: relax that edge now rather than when the case is
    // settled, so that the sink can be settled before a plateau of equally distant alternatives
    // (common when priorities tie). Still exact: the sink is settled only at the minimum key.
    if (v >= rows_ && v < sink_ && match_col_[v - rows_] == kNone) relax(sink_, d + pi_[v] - pi_[sink_], v, Cost{});
    // Among equal distances the sink comes first, for the same reason.
    heap_.push_back({d, v == sink_ ? 0 : v + 1});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
  }

  // Dijkstra from row r until the sink is settled.
  void search(std::size_t r) {
    ++stamp_;
    heap_.clear();
    settled_list_.clear();
    relax(r, Cost{}, kNone, Cost{});
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
      const auto [d, key] = heap_.back();
      const std::size_t v = key == 0 ? sink_ : key - 1;
      heap_.pop_back();
      if (settled_[v] == stamp_ || d != dist_[v]) continue;
      settled_[v] = stamp_;
      settled_list_.push_back(v);
      if (v == sink_) return;
      if (v < rows_) expand_row(v, d);
      else expand_case(v, d);
    }
  }

  void expand_row(std::size_t x, const Cost& d) {
    relax(sink_, d + kUnplaced + pi_[x] - pi_[sink_], x, kUnplaced);
    // Potentials of cases never rise above 0 (they only move by dist - d <= 0), so
    // d + raw + pi(x) bounds every later edge from below; edges come best first.
    const Cost base = d + pi_[x];
    for (const auto& [c, cents] : edges_[row_place_[x]]) {
      const Cost raw = edge_cost(x, cents);
      if (seen_[sink_] == stamp_ && !(base + raw < dist_[sink_])) break;
      if (match_row_[x] == c) continue;  // the edge it holds is saturated
      relax(rows_ + c, d + raw + pi_[x] - pi_[rows_ + c], x, raw);
    }
  }

  void expand_case(std::size_t v, const Cost& d) {
    const std::size_t holder = match_col_[v - rows_];
    if (holder == kNone) return;  // its edge to the sink was relaxed with its distance
    // Taking the case away from its holder gives back the holder's edge cost.
    relax(holder, d - match_cost_[holder] + pi_[v] - pi_[holder], v, Cost{});
  }

  // Walks the predecessors back from the sink to r, re-assigning along the way.
  void augment(std::size_t r) {
    std::size_t v = pred_[sink_];
    if (v < rows_) {  // the path ends by leaving row v empty
      const std::size_t freed = match_row_[v];
      match_row_[v] = kEmpty;
      if (v == r) return;
      v = rows_ + freed;
    }
    while (true) {
      const std::size_t c = v - rows_;
      const std::size_t x = pred_[v];
      const std::size_t previous = match_row_[x];
      match_row_[x] = c;
      match_cost_[x] = pred_cost_[v];
      match_col_[c] = x;
      if (x == r) return;
      v = rows_ + previous;
    }
  }

  const Prepared& p_;
  std::vector<std::vector<std::pair<std::size_t, std::int64_t>>> edges_;  // by place: (case rank, cents)
  std::vector<std::size_t> row_place_;
  std::size_t rows_ = 0, sink_ = 0;
  std::vector<std::size_t> match_row_;  // row -> case rank, kUnprocessed or kEmpty
  std::vector<Cost> match_cost_;        // row -> cost of the edge it holds
  std::vector<std::size_t> match_col_;  // case rank -> row or kNone
  std::vector<Cost> pi_, dist_, pred_cost_;
  std::vector<std::size_t> pred_;
  std::vector<std::uint32_t> seen_, settled_;  // == stamp_: valid in the current search
  std::uint32_t stamp_ = 0;
  std::vector<std::pair<Cost, std::size_t>> heap_;
  std::vector<std::size_t> settled_list_;
};

// ---------------------------------------------------------------------------------------------
// The reference solver: Boost.Graph min-cost max-flow on source -> case -> place -> sink.
// ---------------------------------------------------------------------------------------------

using FlowTraits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
// Costs are doubles holding integers (exact below 2^53): Boost adds an unreached vertex's
// infinite distance to its potential, which is inf for a double but signed overflow for an int.
using FlowGraph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, long,
                    boost::property<boost::edge_residual_capacity_t, long,
                                    boost::property<boost::edge_reverse_t, FlowTraits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, double>>>>>;

Matching solve_with_boost(const Prepared& p) {
  const std::size_t s = 0, t = 1, first_case = 2, first_place = 2 + p.cases();
  FlowGraph g(first_place + p.places());
  auto capacity = boost::get(boost::edge_capacity, g);
  auto reverse = boost::get(boost::edge_reverse, g);
  auto weight = boost::get(boost::edge_weight, g);
  auto residual = boost::get(boost::edge_residual_capacity, g);
  auto add = [&](std::size_t a, std::size_t b, long cap, double cost) {
    auto e = boost::add_edge(a, b, g).first;
    auto back = boost::add_edge(b, a, g).first;
    capacity[e] = cap;
    capacity[back] = 0;
    reverse[e] = back;
    reverse[back] = e;
    weight[e] = cost;
    weight[back] = -cost;
    return e;
  };
  for (std::size_t c = 0; c < p.cases(); ++c) add(s, first_case + c, 1, 0);
  std::vector<std::pair<std::size_t, FlowGraph::edge_descriptor>> pair_edges;  // (place, edge)
  for (std::size_t j = 0; j < p.places(); ++j) {
    add(first_place + j, t, p.capacity[j], 0);
    for (const auto& [c, cents] : p.edges[j])
      pair_edges.emplace_back(j, add(first_case + c, first_place + j, 1, static_cast<double>(p.max_cents - cents)));
  }
  boost::successive_shortest_path_nonnegative_weights(g, s, t);
  Matching m(p.cases(), kNone);
  for (const auto& [j, e] : pair_edges)
    if (residual[e] == 0) m[boost::source(e, g) - first_case] = j;
  return m;
}

// ---------------------------------------------------------------------------------------------
// From a matching to the result with reasons.
// ---------------------------------------------------------------------------------------------

std::int64_t cents_of(const Prepared& p, std::size_t case_rank, std::size_t place_rank) {
  const auto& list = p.edges[place_rank];
  auto it = std::lower_bound(list.begin(), list.end(), std::make_pair(case_rank, std::numeric_limits<std::int64_t>::min()));
  return it->second;  // the matching only uses existing pairs
}

// By place rank: the cases holding it, in case-rank order, with their priority there.
struct Holder {
  std::size_t case_rank;
  std::int64_t cents;
};
using Holders = std::vector<std::vector<Holder>>;

Holders holders_of(const Prepared& p, const Matching& m) {
  Holders holders(p.places());
  for (std::size_t c = 0; c < p.cases(); ++c)
    if (m[c] != kNone) holders[m[c]].push_back({c, cents_of(p, c, m[c])});
  return holders;
}

// The id rule between cases: no unplaced case loses a place to a case with the same priority
// there and a higher id. Each swap keeps the number placed, the total priority and the places
// used, and lowers the sum of the placed cases' ranks, so the passes end.
void prefer_lower_case_ids(const Prepared& p, Matching& m) {
  auto holders = holders_of(p, m);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t c = 0; c < p.cases(); ++c) {
      if (m[c] != kNone) continue;
      for (const auto& [j, cents] : p.by_case[c]) {  // places in id order: the lowest id first
        Holder* swap = nullptr;
        for (auto& h : holders[j])
          if (h.case_rank > c && h.cents == cents && (!swap || h.case_rank > swap->case_rank)) swap = &h;
        if (!swap) continue;
        m[swap->case_rank] = kNone;
        m[c] = j;
        swap->case_rank = c;  // same priority there: cents stay
        changed = true;
        break;
      }
    }
  }
}

// The outranked rule of allocation.hpp: the case's best place (own priority, then offering id),
// and its weakest holder there (priority, then case id). Nothing when it has no usable place.
std::optional<Unassigned> outranked(const Prepared& p, const Holders& holders, std::size_t case_rank) {
  std::optional<Unassigned> best;
  std::int64_t best_own = 0;
  for (const auto& [j, own] : p.by_case[case_rank]) {
    if (holders[j].empty()) continue;
    if (best && own <= best_own) continue;  // places come in id order: the first wins ties
    Holder weakest = holders[j].front();
    for (const Holder& h : holders[j])
      if (h.cents < weakest.cents || (h.cents == weakest.cents && h.case_rank < weakest.case_rank)) weakest = h;
    best_own = own;
    Unassigned u;
    u.code = UnassignedCode::outranked;
    u.place_index = p.place_at[j];
    u.outranked_by = p.case_at[weakest.case_rank];
    u.priority = static_cast<double>(own) / 100.0;
    u.outranked_priority = static_cast<double>(weakest.cents) / 100.0;
    best = u;
  }
  return best;
}

AllocationResult explain(const Prepared& p, const Matching& m) {
  AllocationResult out;
  const Holders holders = holders_of(p, m);
  for (std::size_t c = 0; c < p.cases(); ++c) {
    if (m[c] != kNone) {
      const std::int64_t cents = cents_of(p, c, m[c]);
      out.assignments.push_back({p.case_at[c], p.place_at[m[c]], static_cast<double>(cents) / 100.0});
      out.objective_cents += cents;
      continue;
    }
    std::optional<Unassigned> u = outranked(p, holders, c);
    if (!u) u = Unassigned{};
    u->case_index = p.case_at[c];
    out.unassigned.push_back(*u);
  }
  out.placed = static_cast<int>(out.assignments.size());
  return out;
}

}  // namespace

const char* unassigned_code_name(UnassignedCode code) {
  switch (code) {
    case UnassignedCode::no_eligible_place: return "no_eligible_place";
    case UnassignedCode::outranked: return "outranked";
  }
  return "no_eligible_place";
}

std::int64_t priority_cents(double priority) { return std::llround(priority * 100.0); }

AllocationResult allocate(const AllocationProblem& problem, AllocationSolver solver) {
  const Prepared p = prepare(problem);
  Matching m = solver == AllocationSolver::augmenting_paths ? AugmentingPaths(p).solve() : solve_with_boost(p);
  prefer_lower_case_ids(p, m);
  return explain(p, m);
}

std::string unassigned_text(const AllocationProblem& problem, const Unassigned& u) {
  if (u.code == UnassignedCode::no_eligible_place || !u.place_index || !u.outranked_by)
    return "geen vrije bovenregionale plek waarvoor deze casus volgens de regels in aanmerking komt";
  std::string text = "de plekken waarvoor deze casus in aanmerking kwam zijn vergeven; " +
                     problem.places[*u.place_index].offering + " (prioriteit hier " + dutch_number(u.priority) +
                     ") ging naar casus " + problem.cases[*u.outranked_by] + " (prioriteit " +
                     dutch_number(u.outranked_priority) + ")";
  // In an optimum the holder's priority is never lower: swapping would raise the total.
  if (priority_cents(u.outranked_priority) == priority_cents(u.priority))
    text += "; bij gelijke prioriteit gaat de casus met de lagere id voor";
  return text;
}

}  // namespace passend
