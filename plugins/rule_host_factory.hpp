#pragma once
// Making rule hosts: the one door from the rest of passend to the Lua host. Callers get a
// RuleHost (core/rule_host.hpp) for a folder or for files held in memory (a version stored in
// the database), checked exactly as `passend rules check` checks a folder.
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "core/rule_host.hpp"
#include "core/vocabulary.hpp"
#include "plugins/ruleset_files.hpp"

namespace passend {

// Loads and checks a rule set. RuleError (exit 3) for a failing or malformed rule, InvalidInput
// (exit 2) for ruleset.json or params.json problems (pointers into the named file).
std::unique_ptr<RuleHost> make_rule_host(const std::string& folder, const Vocabulary& vocabulary);
std::unique_ptr<RuleHost> make_rule_host(RuleSetFiles files, const Vocabulary& vocabulary);

// `passend rules check` on a loaded set: runs every phase once on a synthetic batch (RuleError
// when a phase function fails), then prints the rules and parameters on `out` and the warnings
// that do not stop it on `warnings` (either may be null).
std::unique_ptr<RuleHost> check_rule_set(RuleSetFiles files, const Vocabulary& vocabulary, std::ostream* out,
                                         std::ostream* warnings);

// ruleset.json with another version (the version of a parameter change, "2.0.0+p3"): the file's
// other fields as they were, so the hash of the result covers the new version name.
std::string with_version(const std::string& ruleset_json, const std::string& version);

}  // namespace passend
