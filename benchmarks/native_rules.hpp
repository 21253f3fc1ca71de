#pragma once
// Benchmark-only: the default rule set's classify, filter, exception, score and order rules
// (rules/default/rules/*.lua with the default parameters) written directly in C++, as the
// baseline the Lua host is measured against. It produces the same verdicts, texts included;
// rules_bench.cpp checks that before it measures anything.
#include <vector>

#include "core/rule_host.hpp"
#include "core/vocabulary.hpp"

namespace passend::bench {

// The prerequisite of the default set (contracted_only declares depends_on): its exclusions per
// candidate, empty when it passes.
std::vector<std::vector<Exclusion>> native_prerequisites(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates);

std::vector<Verdict> native_evaluate(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates,
                                     const Vocabulary& vocabulary);

}  // namespace passend::bench
