#pragma once
// Rule sets as the commands and the server use them: loading one behind core's RuleHost
// interface (the Lua host of plugins/), `passend rules check|test`, what the server shows of a
// rule set's declarations, and the stored versions that parameter changes make.
#include <cstdint>
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
#include "providers/ruleset_store.hpp"

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

// The rule set's own account of itself (GET /api/v1/rulesets/current/rules): identity,
// description, the rules with their declared parameters, and the settings. std::runtime_error
// for a rule host that declares nothing (not a Lua rule set).
nlohmann::ordered_json declared_rules_json(const RuleHost& host);

// ---- stored versions: each parameter change is one (providers/ruleset_store.hpp) ----

using RuleSetVersion = db::RuleSetVersion;

// Oldest first.
std::vector<RuleSetVersion> list_versions(Context& ctx, const std::string& ruleset_name);
std::optional<RuleSetVersion> read_version(Context& ctx, std::int64_t id);
std::optional<RuleSetVersion> latest_version(Context& ctx, const std::string& ruleset_name);
std::int64_t next_version_id(Context& ctx);
// "1.0.0" -> "1.0.0+p3"; "1.0.0+build" -> "1.0.0+build.p3" (semver allows one '+').
std::string versioned(const std::string& base_version, std::int64_t id);
// Stores a parameter change (v.id as given; sets v.at) with its audit record
// ("ruleset_parameters", by v.author, with the new parameters) in one transaction.
void record_parameter_change(Context& ctx, RuleSetVersion& v, const nlohmann::json& params);

}  // namespace passend::service
