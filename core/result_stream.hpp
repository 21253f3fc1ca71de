#pragma once
// The query result written straight into compact JSON text: the same bytes as
// result_to_json(r, vocabulary).dump() (core/engine.hpp), without building the document tree
// first. What the query path stores in the audit record and sends as the HTTP answer; the tree
// stays for what reads the result (the text advice, explain, dry runs).
#include <string>

#include "core/engine.hpp"
#include "core/vocabulary.hpp"

namespace passend {

std::string result_to_json_text(const QueryResult& r, const Vocabulary& vocabulary);

}  // namespace passend
