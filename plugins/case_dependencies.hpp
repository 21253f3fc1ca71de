#pragma once
// The case facts a classify rule that writes `exempt` may declare in `case_depends_on`
// (docs/rules.md, "Prerequisites"): which fields of the case table each one covers, and its
// value as key text. With every such rule declaring them, the host remembers whether an
// offering is exempt care across queries (plugins/lua_host.cpp, classify_exempt): the answer
// depends only on the declared offering facts, the declared case facts and the rule set.
#include <string>
#include <string_view>
#include <vector>

#include "core/rule_host.hpp"

namespace passend::lua {

// What case_depends_on may name.
const std::vector<std::string>& case_fact_names();

// The fields of the case table a fact covers ("expertise": expertise and expertise_set); empty
// for a name case_fact_names() does not hold.
std::vector<std::string> case_fields_of(std::string_view fact);

// Appends the fact's value for this case as text: two cases get the same text exactly when
// the fields it covers hold the same values.
void append_case_fact_key(std::string& key, const CaseFacts& facts, std::string_view fact);

}  // namespace passend::lua
