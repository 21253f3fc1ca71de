#include "plugins/rule_host_factory.hpp"

#include "core/case_json.hpp"
#include "plugins/lua_host.hpp"
#include "plugins/rule_check.hpp"

namespace passend {

std::unique_ptr<RuleHost> make_rule_host(const std::string& folder, const Vocabulary& vocabulary) {
  return LuaRuleHost::load(folder, vocabulary);
}

std::unique_ptr<RuleHost> make_rule_host(RuleSetFiles files, const Vocabulary& vocabulary) {
  return LuaRuleHost::load(std::move(files), vocabulary);
}

std::unique_ptr<RuleHost> check_rule_set(RuleSetFiles files, const Vocabulary& vocabulary, std::ostream* out,
                                         std::ostream* warnings) {
  auto host = LuaRuleHost::load(std::move(files), vocabulary);
  dry_run(*host);
  if (out) print_rule_set(*host, *out);
  if (warnings) print_rule_warnings(*host, *warnings);
  return host;
}

std::string with_version(const std::string& ruleset_json, const std::string& version) {
  auto manifest = nlohmann::ordered_json::parse(ruleset_json, nullptr, false);
  if (!manifest.is_object()) throw InvalidInput("ruleset.json", "", "expected an object");
  manifest["version"] = version;
  return manifest.dump(2) + "\n";
}

}  // namespace passend
