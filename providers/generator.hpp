#pragma once
// A synthetic national inkoopnetwerk and synthetic cases, for load tests, demos and
// benchmarks. Deterministic: the same seed, size and reference date give the same output on
// every platform (std::mt19937_64 is fully specified; the distributions are our own, because
// the standard library's differ between implementations).
#include <cstdint>
#include <nlohmann/json_fwd.hpp>

#include "core/date.hpp"
#include "core/model.hpp"
#include "core/regions.hpp"
#include "core/vocabulary.hpp"

namespace passend {

// Exactly `offerings` offerings. Providers are spread over all 42 regions (one at least per
// region when there are enough), the rest in proportion to municipal population; each has
// contracts with its home region, some with neighbouring regions or the whole network, a few
// suspended, ended or expired; a few providers are outside the inkoopnetwerk. Capacity mixes
// free places and long waits; about a quarter of the capacity dates are stale on `reference`.
ProviderNetwork generate_network(const RegionGraph& regions, const Vocabulary& vocabulary, std::uint64_t seed,
                                 int offerings, Date reference);

// `count` CASE.json documents (a JSON array): municipalities by population, ages and needs in
// the proportions of the RET handbooks (most questions are about residential care).
nlohmann::ordered_json generate_cases(const RegionGraph& regions, const Vocabulary& vocabulary, std::uint64_t seed,
                                      int count, Date reference);

}  // namespace passend
