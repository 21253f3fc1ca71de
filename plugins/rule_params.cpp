#include "plugins/rule_params.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

#include "core/json_pointer.hpp"

namespace passend {

using json = nlohmann::json;

namespace {

// The kind of a scalar or list, as rules declare types: used to infer element and value types
// from a default (a list of numbers stays a list of numbers).
enum class Kind { number, string, boolean, list, other };

Kind kind_of(const json& v) {
  if (v.is_number()) return Kind::number;
  if (v.is_string()) return Kind::string;
  if (v.is_boolean()) return Kind::boolean;
  if (v.is_array()) return Kind::list;
  return Kind::other;
}

const char* kind_expectation(Kind k) {
  switch (k) {
    case Kind::number: return "a number";
    case Kind::string: return "a string";
    case Kind::boolean: return "true or false";
    case Kind::list: return "a list";
    case Kind::other: break;
  }
  return "a value";
}

// The one kind shared by every element (list) or value (map) of a default, if there is one.
std::optional<Kind> uniform_kind(const json& container) {
  std::optional<Kind> kind;
  for (const auto& v : container) {
    Kind k = kind_of(v);
    if (kind && *kind != k) return std::nullopt;
    kind = k;
  }
  return kind;
}

bool in_vocabulary(const std::string& name, const std::string& word, const Vocabulary& v) {
  auto in_terms = [&](const std::vector<Term>& terms) {
    return std::any_of(terms.begin(), terms.end(), [&](const Term& t) { return t.id == word; });
  };
  if (name == "care_form") return v.is_care_form(word);
  if (name == "expertise") return v.is_expertise(word);
  if (name == "flag") return v.is_flag(word);
  if (name == "identity") return v.is_identity(word);
  if (name == "lot") return v.is_lot(word);
  if (name == "product_category") return v.is_product_category(word);
  if (name == "urgency") return v.is_urgency(word);
  if (name == "tier") return in_terms(v.tiers());
  return false;
}

// "" when `v` is an allowed value of the declaration (one_of / vocabulary), else the complaint.
std::string check_allowed(const ParamDecl& d, const json& v, const Vocabulary& vocabulary) {
  if (!d.one_of.empty() && std::find(d.one_of.begin(), d.one_of.end(), v) == d.one_of.end()) {
    std::string list;
    for (const auto& o : d.one_of) list += (list.empty() ? "" : ", ") + o.dump();
    return "expected one of " + list + ", got " + describe_json(v);
  }
  if (!d.vocabulary.empty() && !(v.is_string() && in_vocabulary(d.vocabulary, v.get<std::string>(), vocabulary)))
    return "expected a " + d.vocabulary + " word, got " + describe_json(v);
  return "";
}

std::string check_key(const ParamDecl& d, const std::string& key, const Vocabulary& vocabulary) {
  if (!d.keys.empty() && std::find(d.keys.begin(), d.keys.end(), key) == d.keys.end())
    return "unknown key '" + key + "'; expected one of " + join(d.keys);
  if (!d.key_vocabulary.empty() && !in_vocabulary(d.key_vocabulary, key, vocabulary))
    return "unknown key '" + key + "'; expected a " + d.key_vocabulary + " word";
  return "";
}

// "" when a number lies in the declared range (min/max), else what is wrong: the range and the
// parameter's label, so a contract manager sees which value was refused and why.
std::string check_range(const ParamDecl& d, const json& v) {
  if (!v.is_number() || (!d.min && !d.max)) return "";
  const double x = v.get<double>();
  if ((d.min && x < *d.min) || (d.max && x > *d.max)) {
    const auto number = [](double n) { return json(n == std::floor(n) ? json(static_cast<long long>(n)) : json(n)).dump(); };
    std::string range = d.min && d.max ? "from " + number(*d.min) + " to " + number(*d.max)
                        : d.min        ? "at least " + number(*d.min)
                                       : "at most " + number(*d.max);
    return "parameter " + d.name + (d.label.empty() ? "" : " (" + d.label + ")") + " must be " + range + ", got " + v.dump();
  }
  return "";
}

// An element of a list, or a value of a map: the kind of the default's elements, and allowed.
std::string check_member(const ParamDecl& d, const json& v, std::optional<Kind> kind, const Vocabulary& vocabulary) {
  Kind k = kind_of(v);
  if (k == Kind::other) return "expected a number, string, true/false or list, got " + describe_json(v);
  if (kind && *kind != k) return std::string("expected ") + kind_expectation(*kind) + ", got " + describe_json(v);
  if (k == Kind::list) {
    for (const auto& e : v) {
      if (kind_of(e) == Kind::list || kind_of(e) == Kind::other) return "expected a list of plain values, got a nested " + describe_json(e);
      if (auto range = check_range(d, e); !range.empty()) return range;
    }
    return "";
  }
  if (auto range = check_range(d, v); !range.empty()) return range;
  return check_allowed(d, v, vocabulary);
}

std::string check_scalar(const ParamDecl& d, const json& v, const Vocabulary& vocabulary) {
  switch (d.type) {
    case ParamType::number:
      if (!v.is_number()) return "expected a number, got " + describe_json(v);
      break;
    case ParamType::integer:
      if (!v.is_number_integer() && !(v.is_number_float() && std::floor(v.get<double>()) == v.get<double>()))
        return "expected a whole number, got " + describe_json(v);
      break;
    case ParamType::boolean:
      if (!v.is_boolean()) return "expected true or false, got " + describe_json(v);
      break;
    case ParamType::string:
      if (!v.is_string()) return "expected a string, got " + describe_json(v);
      break;
    default: break;
  }
  if (auto range = check_range(d, v); !range.empty()) return range;
  return check_allowed(d, v, vocabulary);
}

std::string check_list(const ParamDecl& d, const json& v, const Vocabulary& vocabulary, std::string& where) {
  if (!v.is_array()) return "expected a list, got " + describe_json(v);
  const auto kind = uniform_kind(d.default_value);
  for (std::size_t i = 0; i < v.size(); ++i) {
    std::string problem = check_member(d, v[i], kind, vocabulary);
    if (!problem.empty()) {
      where = "/" + std::to_string(i);
      return problem;
    }
  }
  return "";
}

std::string check_map(const ParamDecl& d, const json& v, const Vocabulary& vocabulary, std::string& where) {
  if (!v.is_object()) return "expected an object (a map of names to values), got " + describe_json(v);
  const auto kind = d.default_value.is_object() ? uniform_kind(d.default_value) : std::nullopt;
  for (const auto& [key, value] : v.items()) {
    where = "/" + key;
    std::string problem = check_key(d, key, vocabulary);
    if (problem.empty()) problem = check_member(d, value, kind, vocabulary);
    if (!problem.empty()) return problem;
  }
  where.clear();
  return "";
}

void read_rules_section(const json& rules, const std::string& p, const std::map<std::string, std::vector<ParamDecl>>& declared,
                        const Vocabulary& vocabulary, IssueList& issues, ParamsFile& out) {
  if (!rules.is_object()) {
    issues.add(p, "expected an object of rule names, got " + describe_json(rules));
    return;
  }
  for (const auto& [rule, params] : rules.items()) {
    const std::string rp = child_pointer(p, rule);
    auto decls = declared.find(rule);
    if (decls == declared.end()) {
      issues.add(rp, "unknown rule '" + rule + "'");
      continue;
    }
    if (!params.is_object()) {
      issues.add(rp, "expected an object of parameters, got " + describe_json(params));
      continue;
    }
    for (const auto& [name, value] : params.items()) {
      const std::string& wanted = name;  // clang 14 cannot capture a structured binding
      auto d = std::find_if(decls->second.begin(), decls->second.end(), [&](const ParamDecl& x) { return x.name == wanted; });
      if (d == decls->second.end()) {
        std::vector<std::string> known;
        for (const auto& x : decls->second) known.push_back(x.name);
        issues.add(child_pointer(rp, name), "unknown parameter '" + name + "' of rule '" + rule + "'" +
                                        (known.empty() ? " (it has none)" : "; it has: " + join(known)));
        continue;
      }
      std::string where;
      std::string problem = check_param_value(*d, value, vocabulary, where);
      if (!problem.empty()) issues.add(child_pointer(rp, name) + where, problem);
      else out.rules[rule][name] = value;
    }
  }
}

void read_disabled(const json& v, const std::string& p, const std::map<std::string, std::vector<ParamDecl>>& declared,
                   IssueList& issues, ParamsFile& out) {
  if (!v.is_array()) {
    issues.add(p, "expected a list of rule names, got " + describe_json(v));
    return;
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) issues.add(p + "/" + std::to_string(i), "expected a rule name, got " + describe_json(v[i]));
    else if (!declared.count(v[i].get<std::string>()))
      issues.add(p + "/" + std::to_string(i), "unknown rule '" + v[i].get<std::string>() + "'");
    else out.disabled.push_back(v[i].get<std::string>());
  }
}

void read_lot_overrides(const json& v, const std::string& p, const Vocabulary& vocabulary, IssueList& issues,
                        RuleSetSettings& out) {
  static const std::regex region_code("JZ[0-9]{2}");
  if (!v.is_object()) {
    issues.add(p, "expected an object of region codes, got " + describe_json(v));
    return;
  }
  for (const auto& [region, forms] : v.items()) {
    const std::string rp = child_pointer(p, region);
    if (!std::regex_match(region, region_code)) issues.add(rp, "expected a region code JZnn, got \"" + region + "\"");
    if (!forms.is_object()) {
      issues.add(rp, "expected an object of care form -> lot, got " + describe_json(forms));
      continue;
    }
    for (const auto& [form, lot] : forms.items()) {
      if (!vocabulary.is_care_form(form)) issues.add(child_pointer(rp, form), "unknown care form '" + form + "'");
      else if (!lot.is_string() || !vocabulary.is_lot(lot.get<std::string>()))
        issues.add(child_pointer(rp, form), "expected a lot (" + join(vocabulary.lots()) + "), got " + describe_json(lot));
      else out.lot_overrides[region][form] = lot.get<std::string>();
    }
  }
}

// "bridging_pool": {"when": "always" | "plan_a_not_timely", "tiers": ["region", ...]}; both
// fields optional (always, every tier).
void read_bridging_pool(const json& v, const std::string& p, IssueList& issues, BridgingPoolPolicy& out) {
  if (!v.is_object()) {
    issues.add(p, "expected an object with when and tiers, got " + describe_json(v));
    return;
  }
  for (const auto& [key, value] : v.items()) {
    const std::string kp = child_pointer(p, key);
    if (key == "when") {
      if (value == "always") out.only_when_plan_a_not_timely = false;
      else if (value == "plan_a_not_timely") out.only_when_plan_a_not_timely = true;
      else issues.add(kp, "expected \"always\" or \"plan_a_not_timely\", got " + describe_json(value));
    } else if (key == "tiers") {
      if (!value.is_array()) {
        issues.add(kp, "expected a list of tiers (region, adjacent, network, national), got " + describe_json(value));
        continue;
      }
      if (value.empty()) issues.add(kp, "the list is empty; name at least one tier (region, adjacent, network, national)");
      for (std::size_t i = 0; i < value.size(); ++i) {
        std::optional<Tier> t = value[i].is_string() ? parse_tier(value[i].get<std::string>()) : std::nullopt;
        if (t) out.tiers.push_back(*t);
        else issues.add(kp + "/" + std::to_string(i), "expected a tier (region, adjacent, network, national), got " + describe_json(value[i]));
      }
    } else {
      issues.add(kp, "unknown field '" + key + "'; expected when or tiers");
    }
  }
}

// "max_wait_weeks": how long a case without its own max_wait_weeks can wait for plan A, per
// urgency; urgencies left out keep their default (crisis 0, high 2, normal 6).
void read_max_wait_weeks(const json& v, const std::string& p, IssueList& issues, DefaultMaxWait& out) {
  if (!v.is_object()) {
    issues.add(p, "expected an object of urgency -> weeks (crisis, high, normal), got " + describe_json(v));
    return;
  }
  for (const auto& [urgency, weeks] : v.items()) {
    const std::string up = child_pointer(p, urgency);
    int* slot = urgency == "crisis" ? &out.crisis : urgency == "high" ? &out.high : urgency == "normal" ? &out.normal : nullptr;
    if (!slot) issues.add(up, "unknown urgency '" + urgency + "'; expected crisis, high or normal");
    else if (!weeks.is_number_integer() || weeks.get<long long>() < 0 || weeks.get<long long>() > 520)
      issues.add(up, "expected a whole number of weeks from 0 to 520, got " + describe_json(weeks));
    else *slot = weeks.get<int>();
  }
}

void read_settings(const json& v, const std::string& p, const Vocabulary& vocabulary, IssueList& issues, RuleSetSettings& out) {
  if (!v.is_object()) {
    issues.add(p, "expected an object, got " + describe_json(v));
    return;
  }
  for (const auto& [key, value] : v.items()) {
    if (key == "bridging_care_forms") {
      if (!value.is_array()) {
        issues.add(child_pointer(p, key), "expected a list of care forms, got " + describe_json(value));
        continue;
      }
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i].is_string() && vocabulary.is_care_form(value[i].get<std::string>()))
          out.bridging_care_forms.push_back(value[i].get<std::string>());
        else issues.add(child_pointer(p, key) + "/" + std::to_string(i), "expected a care form, got " + describe_json(value[i]));
      }
    } else if (key == "bridging_pool") {
      read_bridging_pool(value, child_pointer(p, key), issues, out.bridging_pool);
    } else if (key == "lot_overrides") {
      read_lot_overrides(value, child_pointer(p, key), vocabulary, issues, out);
    } else if (key == "max_wait_weeks") {
      read_max_wait_weeks(value, child_pointer(p, key), issues, out.max_wait_weeks);
    } else {
      issues.add(child_pointer(p, key),
                 "unknown setting '" + key + "'; expected bridging_care_forms, bridging_pool, lot_overrides or max_wait_weeks");
    }
  }
}

}  // namespace

std::optional<ParamType> parse_param_type(std::string_view name) {
  for (ParamType t : {ParamType::number, ParamType::integer, ParamType::boolean, ParamType::string, ParamType::list,
                      ParamType::map})
    if (name == param_type_name(t)) return t;
  return std::nullopt;
}

const char* param_type_name(ParamType t) {
  switch (t) {
    case ParamType::number: return "number";
    case ParamType::integer: return "integer";
    case ParamType::boolean: return "boolean";
    case ParamType::string: return "string";
    case ParamType::list: return "list";
    case ParamType::map: return "map";
  }
  return "number";
}

bool is_vocabulary_name(const std::string& name) {
  for (const char* n : {"care_form", "expertise", "flag", "tier", "identity", "lot", "product_category", "urgency"})
    if (name == n) return true;
  return false;
}

std::string describe_json(const json& v) {
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return v.dump();
}

std::string check_param_value(const ParamDecl& decl, const json& value, const Vocabulary& vocabulary, std::string& where) {
  where.clear();
  if (value.is_number_float() && !std::isfinite(value.get<double>())) return "expected a finite number";
  switch (decl.type) {
    case ParamType::list: return check_list(decl, value, vocabulary, where);
    case ParamType::map: return check_map(decl, value, vocabulary, where);
    default: return check_scalar(decl, value, vocabulary);
  }
}

json effective_value(const ParamDecl& decl, const json& given) {
  if (decl.type != ParamType::map || !decl.default_value.is_object()) return given;
  json merged = decl.default_value;
  for (const auto& [key, value] : given.items()) merged[key] = value;
  return merged;
}

ParamsFile read_params(const json& doc, const std::string& file, const std::string& pointer,
                       const std::map<std::string, std::vector<ParamDecl>>& declared, const Vocabulary& vocabulary) {
  IssueList issues(file);
  ParamsFile out;
  if (!doc.is_object()) {
    issues.add(pointer, "expected an object with rules, disabled and settings, got " + describe_json(doc));
    issues.throw_if_any();
  }
  for (const auto& [key, value] : doc.items()) {
    const std::string p = child_pointer(pointer, key);
    if (key == "rules") read_rules_section(value, p, declared, vocabulary, issues, out);
    else if (key == "disabled") read_disabled(value, p, declared, issues, out);
    else if (key == "settings") read_settings(value, p, vocabulary, issues, out.settings);
    else issues.add(p, "unknown field '" + key + "'; expected rules, disabled or settings");
  }
  issues.throw_if_any();
  return out;
}

}  // namespace passend
