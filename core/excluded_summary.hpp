#pragma once
// The excluded offerings a query result does not list one by one (core/engine.hpp,
// listed_one_by_one), counted per tier and first exclusion: the rows of the result's
// `excluded_summary`, for the tree (core/result_json.cpp) and the streamed text
// (core/result_stream.cpp) alike.
#include <cstddef>
#include <string>
#include <vector>

#include "core/engine.hpp"

namespace passend {

struct ExcludedSummaryRow {
  Tier tier = Tier::national;
  const std::string* rule = nullptr;  // point into the result's verdicts
  const std::string* code = nullptr;
  const std::string* text = nullptr;
  std::size_t count = 0;
};

// Nearest tier first, then the largest count, then rule, code and text.
std::vector<ExcludedSummaryRow> excluded_summary(const QueryResult& r);

}  // namespace passend
