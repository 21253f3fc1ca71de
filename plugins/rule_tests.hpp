#pragma once
// `passend rules test`: runs the scenario tables in <rules>/tests/*.json through the real
// matching engine. One file holds one behaviour: a small network (NETWORK.json), a case
// template (CASE.json) and rows, each a variation of the case (and optionally of the network)
// with what the advice must show. The format is described in docs/rules.md:
//
//   {"title": "...", "principle": 1, "source": "FoodValley handboek 2.2",
//    "rules": ["in_region_first", "tier_ladder"], "reference_date": "2026-11-26",
//    "params": {"rules": {...}},                      (optional: overlay on params.json)
//    "network": {"providers": [...]}, "case": {...},
//    "rows": [{"name": "...", "case": {...merge patch...},
//              "network": {"offerings": {"<id>": {...patch...}}, "providers": {"<id>": {...}}},
//              "expect": {"plan_a": "<offering>"|null, "plan_b": ..., "bridging": ..., "gap": "absent"|...|null,
//                         "candidates": [...], "rank": {...}, "tier": {...}, "excluded": {"<offering>": ["code"]},
//                         "lifted": {...}, "exclusion_text": {...}, "reasons": {"<offering>": {"<rule>": 30}},
//                         "stale": {...}, "exempt": {...}, "notes": [...], "priority": {...},
//                         "error": "invalid_input"|"rule_error"}}]}
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <ostream>
#include <string>

#include "core/model.hpp"
#include "core/regions.hpp"
#include "core/vocabulary.hpp"
#include "plugins/ruleset_files.hpp"

namespace passend {

// Reads a network document (NETWORK.json) or throws InvalidInput; the caller supplies the
// registry's parser, so that this folder needs nothing but core.
using NetworkParser = std::function<ProviderNetwork(const nlohmann::json& doc, const std::string& file)>;

struct ScenarioSummary {
  int passed = 0;  // rows
  int failed = 0;
};

// Runs every table, prints a line per file, expected and actual side by side for each failing
// row, and ends with exactly "N passed, M failed". A malformed table is InvalidInput (exit 2).
ScenarioSummary run_scenario_tests(const std::string& rules_dir, const Vocabulary& vocabulary, const RegionGraph& regions,
                                   const NetworkParser& parse_network, std::ostream& out);
// The same on a rule set held in memory (a version about to be stored).
ScenarioSummary run_scenario_tests(const RuleSetFiles& files, const Vocabulary& vocabulary, const RegionGraph& regions,
                                   const NetworkParser& parse_network, std::ostream& out);

}  // namespace passend
