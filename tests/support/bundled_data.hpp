#pragma once
// The bundled vocabulary and regions (data/), loaded once per test program: what tests of the
// engine, the registry and the result share.
#include <string>

#include "core/regions.hpp"
#include "core/vocabulary.hpp"
#include "tests/support/paths.hpp"

namespace passend::testing {

inline std::string data_path() { return std::string(PASSEND_SOURCE_DIR + "/data"); }

inline const Vocabulary& vocabulary() {
  static const Vocabulary v = Vocabulary::load(data_path());
  return v;
}

inline const RegionData& region_data() {
  static const RegionData d = RegionData::load_bundled(data_path());
  return d;
}

inline const RegionGraph& regions() {
  static const RegionGraph g(region_data());
  return g;
}

}  // namespace passend::testing
