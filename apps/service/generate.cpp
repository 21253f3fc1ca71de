#include "apps/service/generate.hpp"

#include "core/paths.hpp"
#include "core/regions.hpp"
#include "core/vocabulary.hpp"
#include "providers/generator.hpp"
#include "providers/network_json.hpp"

namespace passend::service {

nlohmann::ordered_json generate_network_document(std::uint64_t seed, int offerings, Date reference) {
  const std::string dir = data_dir();
  const RegionGraph regions(RegionData::load_bundled(dir));
  const Vocabulary vocabulary = Vocabulary::load(dir);
  return network_to_json(generate_network(regions, vocabulary, seed, offerings, reference));
}

nlohmann::ordered_json generate_case_documents(std::uint64_t seed, int count, Date reference) {
  const std::string dir = data_dir();
  const RegionGraph regions(RegionData::load_bundled(dir));
  const Vocabulary vocabulary = Vocabulary::load(dir);
  return generate_cases(regions, vocabulary, seed, count, reference);
}

}  // namespace passend::service
