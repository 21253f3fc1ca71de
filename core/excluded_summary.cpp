#include "core/excluded_summary.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace passend {

std::vector<ExcludedSummaryRow> excluded_summary(const QueryResult& r) {
  using Key = std::tuple<int, const std::string*, const std::string*, const std::string*>;
  auto less = [](const Key& a, const Key& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) < std::get<0>(b);
    return std::tie(*std::get<1>(a), *std::get<2>(a), *std::get<3>(a)) <
           std::tie(*std::get<1>(b), *std::get<2>(b), *std::get<3>(b));
  };
  std::map<Key, std::size_t, decltype(less)> counts(less);
  for (std::size_t i : r.excluded) {
    const auto& e = r.evaluated[i];
    if (listed_one_by_one(e)) continue;
    const Exclusion& x = e.verdict.exclusions.front();
    ++counts[Key{static_cast<int>(e.facts.tier), &x.rule, &x.code, &x.text}];
  }
  std::vector<ExcludedSummaryRow> rows;
  rows.reserve(counts.size());
  for (const auto& [key, count] : counts)
    rows.push_back({static_cast<Tier>(std::get<0>(key)), std::get<1>(key), std::get<2>(key), std::get<3>(key), count});
  std::stable_sort(rows.begin(), rows.end(), [](const ExcludedSummaryRow& a, const ExcludedSummaryRow& b) {
    if (a.tier != b.tier) return static_cast<int>(a.tier) < static_cast<int>(b.tier);
    return a.count > b.count;
  });
  return rows;
}

}  // namespace passend
