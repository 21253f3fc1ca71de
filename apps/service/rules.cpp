#include "apps/service/rules.hpp"

#include <stdexcept>

#include "apps/service/audit.hpp"
#include "core/paths.hpp"
#include "core/regions.hpp"
#include "plugins/lua_host.hpp"
#include "plugins/rule_check.hpp"
#include "providers/network_json.hpp"

namespace passend::service {

namespace {
using ojson = nlohmann::ordered_json;

ojson param_json(const RuleParam& p) {
  const auto& d = p.decl;
  ojson j = {{"name", d.name},       {"type", param_type_name(d.type)}, {"description", d.description},
             {"default", d.default_value}, {"value", p.value},          {"overridden", p.overridden}};
  if (!d.one_of.empty()) j["one_of"] = d.one_of;
  if (!d.vocabulary.empty()) j["vocabulary"] = d.vocabulary;
  if (!d.keys.empty()) j["keys"] = d.keys;
  if (!d.key_vocabulary.empty()) j["key_vocabulary"] = d.key_vocabulary;
  return j;
}

ojson rule_json(const RuleInfo& r) {
  auto params = ojson::array();
  for (const auto& p : r.params) params.push_back(param_json(p));
  return {{"name", r.name},         {"description", r.description}, {"phase", r.phase},
          {"priority", r.priority}, {"version", r.version},         {"file", r.file},
          {"disabled", r.disabled}, {"params", params}};
}

ojson settings_json(const RuleSetSettings& settings) {
  nlohmann::json pool_tiers = nlohmann::json::array();
  for (Tier t : settings.bridging_pool.tiers) pool_tiers.push_back(tier_name(t));
  if (pool_tiers.empty())  // every tier
    for (Tier t : {Tier::region, Tier::adjacent, Tier::network, Tier::national}) pool_tiers.push_back(tier_name(t));
  return {{"bridging_care_forms", settings.bridging_care_forms},
          {"bridging_pool",
           {{"when", settings.bridging_pool.only_when_plan_a_not_timely ? "plan_a_not_timely" : "always"},
            {"tiers", pool_tiers}}},
          {"lot_overrides", settings.lot_overrides},
          {"max_wait_weeks",
           {{"crisis", settings.max_wait_weeks.crisis},
            {"high", settings.max_wait_weeks.high},
            {"normal", settings.max_wait_weeks.normal}}}};
}
}  // namespace

std::unique_ptr<RuleHost> load_rules(const std::string& folder, const Vocabulary& vocabulary) {
  return LuaRuleHost::load(folder, vocabulary);
}

void check_rules(const std::string& folder, const Vocabulary& vocabulary, std::ostream& out, std::ostream& warnings) {
  auto host = LuaRuleHost::load(folder, vocabulary);
  dry_run(*host);
  print_rule_set(*host, out);
  print_rule_warnings(*host, warnings);
}

ScenarioSummary test_rules(const std::string& folder, std::ostream& out) {
  const std::string data = data_dir();
  const Vocabulary vocabulary = Vocabulary::load(data);
  const RegionGraph regions(RegionData::load_bundled(data));
  auto parse_network = [&](const nlohmann::json& doc, const std::string& file) {
    return parse_network_json(doc, file, vocabulary, regions);
  };
  return run_scenario_tests(folder, vocabulary, regions, parse_network, out);
}

ojson declared_rules_json(const RuleHost& host) {
  const auto* lua = dynamic_cast<const LuaRuleHost*>(&host);
  if (!lua) throw std::runtime_error("the rule host does not declare its parameters (not a Lua rule set)");
  const auto& info = lua->info();
  ojson out;
  out["ruleset"] = {{"name", info.identity.name}, {"version", info.identity.version}, {"hash", info.identity.hash}};
  out["description"] = info.description;
  auto rules = ojson::array();
  for (const auto& r : info.rules) rules.push_back(rule_json(r));
  out["rules"] = std::move(rules);
  out["settings"] = settings_json(info.settings);
  return out;
}

std::vector<RuleSetVersion> list_versions(Context& ctx, const std::string& ruleset_name) {
  return db::list_versions(ctx.db, ruleset_name);
}

std::optional<RuleSetVersion> read_version(Context& ctx, std::int64_t id) { return db::read_version(ctx.db, id); }

std::optional<RuleSetVersion> latest_version(Context& ctx, const std::string& ruleset_name) {
  return db::latest_version(ctx.db, ruleset_name);
}

std::int64_t next_version_id(Context& ctx) { return db::next_version_id(ctx.db); }

std::string versioned(const std::string& base_version, std::int64_t id) { return db::versioned(base_version, id); }

void record_parameter_change(Context& ctx, RuleSetVersion& v, const nlohmann::json& params) {
  const ojson result = {{"ruleset_version", v.id}, {"name", v.ruleset_name}, {"version", v.version},
                        {"hash", v.hash},          {"comment", v.comment},    {"params", params}};
  db::Transaction tx(ctx.db);
  db::insert_version(ctx.db, v);
  record_event(ctx, {v.author, {v.ruleset_name, v.version, v.hash}, v.scope}, "ruleset_parameters", "", result);
  tx.commit();
}

}  // namespace passend::service
