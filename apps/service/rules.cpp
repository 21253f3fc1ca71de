#include "apps/service/rules.hpp"

#include <stdexcept>

#include "apps/service/audit.hpp"
#include "core/paths.hpp"
#include "core/regions.hpp"
#include "plugins/rule_host_factory.hpp"
#include "plugins/ruleset_files.hpp"
#include "providers/network_json.hpp"

namespace passend::service {

namespace {
using ojson = nlohmann::ordered_json;

ojson param_json(const ParamDescription& d) {
  ojson j = {{"name", d.name},
             {"label", d.label},
             {"type", d.type},
             {"description", d.description},
             {"explanation", d.explanation},
             {"default", d.default_value},
             {"value", d.value},
             {"overridden", d.overridden}};
  if (!d.one_of.empty()) j["one_of"] = d.one_of;
  if (!d.vocabulary.empty()) j["vocabulary"] = d.vocabulary;
  if (!d.keys.empty()) j["keys"] = d.keys;
  if (!d.key_vocabulary.empty()) j["key_vocabulary"] = d.key_vocabulary;
  if (!d.key_labels.empty()) j["key_labels"] = d.key_labels;
  if (d.min) j["min"] = *d.min;
  if (d.max) j["max"] = *d.max;
  return j;
}

ojson rule_json(const RuleDescription& r) {
  auto params = ojson::array();
  for (const auto& p : r.params) params.push_back(param_json(p));
  return {{"name", r.name},         {"label", r.label},       {"description", r.description},
          {"explanation", r.explanation}, {"phase", r.phase}, {"priority", r.priority},
          {"version", r.version},   {"file", r.file},         {"disabled", r.disabled},
          {"protected", r.is_protected}, {"params", params}};
}
}  // namespace

std::unique_ptr<RuleHost> load_rules(const std::string& folder, const Vocabulary& vocabulary) {
  return make_rule_host(folder, vocabulary);
}

void check_rules(const std::string& folder, const Vocabulary& vocabulary, std::ostream& out, std::ostream& warnings) {
  check_rule_set(read_rule_set_files(folder), vocabulary, &out, &warnings);
}

namespace {
ScenarioSummary run_tests(const RuleSetFiles& files, std::ostream& out) {
  const std::string data = data_dir();
  const Vocabulary vocabulary = Vocabulary::load(data);
  const RegionGraph regions(RegionData::load_bundled(data));
  auto parse_network = [&](const nlohmann::json& doc, const std::string& file) {
    return parse_network_json(doc, file, vocabulary, regions);
  };
  return run_scenario_tests(files, vocabulary, regions, parse_network, out);
}
}  // namespace

ScenarioSummary test_rules(const std::string& folder, std::ostream& out) { return run_tests(read_rule_set_files(folder), out); }

ScenarioSummary test_rule_files(const std::string& display, const std::map<std::string, std::string>& files,
                                std::ostream& out) {
  return run_tests(rule_set_files_from(display, files), out);
}

ojson declared_rules_json(const RuleHost& host) {
  const RuleSetDescription d = host.describe();
  if (d.rules.empty()) throw std::runtime_error("the rule host does not describe its rules");
  ojson out;
  out["ruleset"] = {{"name", d.identity.name}, {"version", d.identity.version}, {"hash", d.identity.hash}};
  out["description"] = d.description;
  auto rules = ojson::array();
  auto steps = ojson::array();
  for (const auto& r : d.rules) {
    rules.push_back(rule_json(r));
    if (r.phase == "order" && !r.disabled) steps.push_back({{"step", steps.size() + 1}, {"rule", r.name}, {"label", r.label}});
  }
  out["rules"] = std::move(rules);
  out["order_steps"] = std::move(steps);
  out["settings"] = d.settings;
  return out;
}

}  // namespace passend::service
