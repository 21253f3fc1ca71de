#pragma once
// Rule parameters: what a rule declares (type, default, description, allowed values) and the
// rule set's params.json that contract managers edit without touching Lua:
//
//   {"rules":    {"<rule>": {"<param>": value}},
//    "disabled": ["<rule>", ...],
//    "settings": {"bridging_care_forms": [...],
//                 "bridging_pool": {"when": "plan_a_not_timely", "tiers": ["region", "adjacent", "network"]},
//                 "lot_overrides": {"JZ21": {"crisis": "crisis"}},
//                 "max_wait_weeks": {"crisis": 0, "high": 2, "normal": 6}}}
//
// Every problem is InvalidInput (exit 2) naming the file and the JSON pointer.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/rule_host.hpp"
#include "core/vocabulary.hpp"

namespace passend {

enum class ParamType { number, integer, boolean, string, list, map };
std::optional<ParamType> parse_param_type(std::string_view name);
const char* param_type_name(ParamType t);

struct ParamDecl {
  std::string name;
  ParamType type = ParamType::number;
  nlohmann::json default_value;
  std::string description;
  // Allowed values of a string, of the elements of a list, of the values of a map: either listed
  // (one_of) or a vocabulary ("care_form", "expertise", "flag", "tier", "identity", "lot",
  // "product_category", "urgency").
  std::vector<nlohmann::json> one_of;
  std::string vocabulary;
  // Allowed keys of a map: listed, or a vocabulary.
  std::vector<std::string> keys;
  std::string key_vocabulary;
  // For people (optional in the rule file): a Dutch label, an explanation, Dutch words for the
  // keys of a map. For numbers: the declared range, checked like the type (exit 2 / 400).
  std::string label;
  std::string explanation;
  std::map<std::string, std::string> key_labels;
  std::optional<double> min, max;
};

struct RuleParam {
  ParamDecl decl;
  nlohmann::json value;     // the effective value: default, or params.json merged over it
  bool overridden = false;  // set in params.json
};

// Checks a value against a declaration. Returns "" when it fits, else what is wrong; `where`
// then gets the JSON pointer below the value ("", "/2", "/region").
std::string check_param_value(const ParamDecl& decl, const nlohmann::json& value, const Vocabulary& vocabulary,
                              std::string& where);
// Whether a vocabulary name is known (for checking declarations).
bool is_vocabulary_name(const std::string& name);

// A value for messages: strings quoted, lists and objects named.
std::string describe_json(const nlohmann::json& v);

struct RuleSetSettings {
  std::vector<std::string> bridging_care_forms;
  BridgingPoolPolicy bridging_pool;  // "bridging_pool": {"when": ..., "tiers": [...]}
  std::map<std::string, std::map<std::string, std::string>> lot_overrides;  // region -> care form -> lot
  DefaultMaxWait max_wait_weeks;  // "max_wait_weeks": {"crisis": 0, "high": 2, "normal": 6}
};

struct ParamsFile {
  std::map<std::string, std::map<std::string, nlohmann::json>> rules;  // rule -> param -> value as given
  std::vector<std::string> disabled;
  RuleSetSettings settings;
};

// Reads a params document (params.json, or a test table's "params" overlay at `pointer`)
// against the declared rules and their parameters. Throws InvalidInput listing every issue.
ParamsFile read_params(const nlohmann::json& doc, const std::string& file, const std::string& pointer,
                       const std::map<std::string, std::vector<ParamDecl>>& declared, const Vocabulary& vocabulary);

// The effective value: maps are merged key by key over the default (changing one weight keeps
// the others); every other type is replaced.
nlohmann::json effective_value(const ParamDecl& decl, const nlohmann::json& given);

}  // namespace passend
