#pragma once
// `passend generate`: a synthetic national inkoopnetwerk or synthetic cases on the bundled
// regions and vocabulary, for load tests and demos. Deterministic: the same seed, size and
// reference date give the same documents (providers/generator.hpp).
#include <cstdint>
#include <nlohmann/json.hpp>

#include "core/date.hpp"

namespace passend::service {

// A NETWORK.json document with exactly `offerings` offerings.
nlohmann::ordered_json generate_network_document(std::uint64_t seed, int offerings, Date reference);
// A JSON array of `count` CASE.json documents.
nlohmann::ordered_json generate_case_documents(std::uint64_t seed, int count, Date reference);

}  // namespace passend::service
