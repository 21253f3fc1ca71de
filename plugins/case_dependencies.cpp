#include "plugins/case_dependencies.hpp"

#include <algorithm>
#include <stdexcept>

namespace passend::lua {

namespace {
struct CaseFactSpec {
  const char* name;
  std::vector<std::string> fields;  // of the case table (plugins/lua_facts.cpp, push_case)
};

const std::vector<CaseFactSpec>& specs() {
  static const std::vector<CaseFactSpec> all = {
      {"age", {"age"}},
      {"municipality", {"municipality"}},
      {"region", {"region", "region_name"}},
      {"network", {"network"}},
      {"care_forms", {"care_forms", "care_form_set"}},
      {"expertise", {"expertise", "expertise_set"}},
      {"urgency", {"urgency"}},
      {"flags", {"flags", "flag_list"}},
      {"legal", {"legal"}},
      {"max_wait_weeks", {"max_wait_weeks", "max_wait_is_default"}},
      {"reference_date", {"reference_date"}},
  };
  return all;
}

void append_list(std::string& key, const std::vector<std::string>& words) {
  for (const auto& w : words) (key += w) += '\x1f';
}
}  // namespace

const std::vector<std::string>& case_fact_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& s : specs()) out.emplace_back(s.name);
    return out;
  }();
  return names;
}

std::vector<std::string> case_fields_of(std::string_view fact) {
  for (const auto& s : specs())
    if (fact == s.name) return s.fields;
  return {};
}

void append_case_fact_key(std::string& key, const CaseFacts& facts, std::string_view fact) {
  const Case& c = *facts.case_;
  if (fact == "age") key += std::to_string(c.age);
  else if (fact == "municipality") key += c.municipality;
  else if (fact == "region") key += facts.region;
  else if (fact == "network") key += facts.network;
  else if (fact == "care_forms") append_list(key, c.care_forms);
  else if (fact == "expertise") append_list(key, c.expertise);
  else if (fact == "urgency") key += c.urgency;
  else if (fact == "flags") append_list(key, c.flags);
  else if (fact == "legal") (key += c.legal.secure_authorisation ? "1:" : "0:") += c.legal.measure;
  else if (fact == "max_wait_weeks") (key += std::to_string(facts.max_wait_weeks)) += facts.max_wait_is_default ? ":d" : ":c";
  else if (fact == "reference_date") key += facts.reference_date.str();
  else throw std::logic_error("case_depends_on: unknown case fact '" + std::string(fact) + "'");
  key += '\x1e';
}

}  // namespace passend::lua
