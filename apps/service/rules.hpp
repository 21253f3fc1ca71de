#pragma once
// Rule sets as the commands and the server use them: loading one behind core's RuleHost
// interface (the Lua host of plugins/), `passend rules check|test`, and what the server shows of
// a rule set's declarations. Stored versions: ruleset_registry.hpp and ruleset_governance.hpp.
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "apps/service/workspace.hpp"
#include "core/rule_host.hpp"
#include "core/vocabulary.hpp"
#include "plugins/rule_tests.hpp"

namespace passend::service {

// Loads and checks a rule-set folder. RuleError (exit 3) for a failing or malformed rule,
// InvalidInput (exit 2) for a missing folder, ruleset.json or params.json problems.
std::unique_ptr<RuleHost> load_rules(const std::string& folder, const Vocabulary& vocabulary);

// `passend rules check`: loads the rule set, runs every phase once on a synthetic batch (so a
// runtime error shows now, not in the RET meeting), prints the rules and parameters on `out`
// and the warnings that do not stop it on `warnings`.
void check_rules(const std::string& folder, const Vocabulary& vocabulary, std::ostream& out, std::ostream& warnings);

// `passend rules test`: the rule set's scenario tables through the engine, on the bundled
// vocabulary and regions; a line per table on `out`, ending in "N passed, M failed".
ScenarioSummary test_rules(const std::string& folder, std::ostream& out);

// `passend rules test` on a rule set held in memory (a version about to be stored).
ScenarioSummary test_rule_files(const std::string& display, const std::map<std::string, std::string>& files,
                                std::ostream& out);

// The rule set's own account of itself (RuleHost::describe(); GET /api/v1/rulesets/{name}/rules):
// identity, description, the rules with their Dutch labels, explanations and declared
// parameters (type, range, values in force), which rules are protected, the settings, and
// `order_steps`: the ordering steps that come before the score, in their order.
nlohmann::ordered_json declared_rules_json(const RuleHost& host);

}  // namespace passend::service
