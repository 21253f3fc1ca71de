// LuaRuleHost::describe(): the rule set's account of itself for people — every rule and
// parameter with its Dutch label and explanation, declared types and ranges, the values in
// force, which rules are protected, and the settings (docs/rules.md).
#include "plugins/lua_host_impl.hpp"

namespace passend {

namespace {
ParamDescription param_description(const RuleParam& p) {
  const ParamDecl& d = p.decl;
  ParamDescription out;
  out.name = d.name;
  out.label = d.label.empty() ? d.name : d.label;
  out.description = d.description;
  out.explanation = d.explanation;
  out.type = param_type_name(d.type);
  out.default_value = d.default_value;
  out.value = p.value;
  out.overridden = p.overridden;
  out.one_of = d.one_of;
  out.vocabulary = d.vocabulary;
  out.key_vocabulary = d.key_vocabulary;
  out.keys = d.keys;
  out.key_labels = d.key_labels;
  out.min = d.min;
  out.max = d.max;
  return out;
}

nlohmann::ordered_json settings_json(const RuleSetSettings& settings) {
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

RuleSetDescription LuaRuleHost::describe() const {
  const RuleSetInfo& info = impl_->info;
  RuleSetDescription out;
  out.identity = info.identity;
  out.description = info.description;
  for (const RuleInfo& r : info.rules) {
    RuleDescription d;
    d.name = r.name;
    d.label = r.label.empty() ? r.name : r.label;
    d.description = r.description;
    d.explanation = r.explanation;
    d.version = r.version;
    d.phase = r.phase;
    d.file = r.file;
    d.priority = r.priority;
    d.disabled = r.disabled;
    d.is_protected = r.is_protected;
    for (const auto& p : r.params) d.params.push_back(param_description(p));
    out.rules.push_back(std::move(d));
  }
  out.settings = settings_json(info.settings);
  return out;
}

}  // namespace passend
