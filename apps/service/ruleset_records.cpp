#include "apps/service/ruleset_records.hpp"

#include <algorithm>
#include <set>

#include "core/errors.hpp"
#include "plugins/rule_host_factory.hpp"
#include "plugins/ruleset_files.hpp"

namespace passend::service::ruleset_detail {

std::string display_name(const std::string& ruleset, const std::string& version) { return ruleset + " " + version; }

std::unique_ptr<RuleHost> load_files(Context& ctx, const std::string& display, const std::map<std::string, std::string>& files) {
  return make_rule_host(rule_set_files_from(display, files), ctx.vocabulary);
}

std::unique_ptr<RuleHost> load_release(Context& ctx, const db::RuleSetRelease& r) {
  return load_files(ctx, display_name(r.ruleset, r.version), db::release_files(ctx.db, r.id));
}

db::RuleSetRelease release_or_throw(Context& ctx, std::int64_t id) {
  auto r = db::read_release(ctx.db, id);
  if (!r) throw std::runtime_error("rule-set version " + std::to_string(id) + " is missing");
  return *r;
}

std::string known_names(Context& ctx) {
  std::string out;
  for (const auto& n : db::ruleset_names(ctx.db)) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none (run passend init)" : out;
}

void require_ruleset(Context& ctx, const std::string& ruleset, const std::string& field) {
  if (db::list_releases(ctx.db, ruleset).empty())
    throw InvalidInput(field, "", "unknown rule set '" + ruleset + "'; stored: " + known_names(ctx));
}


void Comparison::mark_protected(const std::string& rule) {
  if (std::find(protected_changes.begin(), protected_changes.end(), rule) == protected_changes.end())
    protected_changes.push_back(rule);
}


namespace {
// ---- what changes between two versions ----

// A value for people: lists as "a, b", maps as "key value, …" with the declaration's Dutch words
// for the keys (or the words of the tiers and urgencies), numbers plain.
const std::map<std::string, std::string>& common_key_words() {
  static const std::map<std::string, std::string> words = {
      {"region", "eigen regio"}, {"adjacent", "buurregio"}, {"network", "bovenregionaal"}, {"national", "landelijk"},
      {"crisis", "crisis"},      {"high", "hoog"},          {"normal", "normaal"},        {"when", "wanneer"},
      {"tiers", "treden"}};
  return words;
}

std::string value_text(const nlohmann::json& v, const std::map<std::string, std::string>& key_labels = {}) {
  if (v.is_null()) return "(niet gezet)";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    if (v.empty()) return "(geen)";
    std::string out;
    for (const auto& e : v) out += (out.empty() ? "" : ", ") + value_text(e);
    return out;
  }
  if (v.is_object()) {
    if (v.empty()) return "(geen)";
    std::string out;
    for (const auto& [k, e] : v.items()) {
      const auto label = key_labels.find(k);
      const auto common = common_key_words().find(k);
      const std::string word = label != key_labels.end() ? label->second : common != common_key_words().end() ? common->second : k;
      out += (out.empty() ? "" : ", ") + word + (e.is_primitive() ? " " : ": ") + value_text(e);
    }
    return out;
  }
  return v.dump();
}

std::string setting_label(const std::string& key) {
  static const std::map<std::string, std::string> labels = {{"bridging_care_forms", "Zorgvormen voor overbrugging"},
                                                            {"bridging_pool", "Overbruggingspool"},
                                                            {"lot_overrides", "Afwijkende percelen"},
                                                            {"max_wait_weeks", "Standaard maximale wachttijd"}};
  const auto it = labels.find(key);
  return it == labels.end() ? key : it->second;
}


const RuleDescription* find_rule(const RuleSetDescription& d, const std::string& name) {
  for (const auto& r : d.rules)
    if (r.name == name) return &r;
  return nullptr;
}

const ParamDescription* find_param(const RuleDescription& r, const std::string& name) {
  for (const auto& p : r.params)
    if (p.name == name) return &p;
  return nullptr;
}

std::string rule_file_of(const RuleDescription& r) { return r.file.empty() ? "rules/" + r.name + ".lua" : r.file; }

void compare_rules(const RuleSetDescription& before, const RuleSetDescription& after,
                   const std::map<std::string, std::string>& files_before,
                   const std::map<std::string, std::string>& files_after, Comparison& out) {
  for (const auto& b : before.rules) {
    const RuleDescription* a = find_rule(after, b.name);
    if (!a) {
      out.changes.push_back({{"kind", "rule"}, {"rule", b.name}, {"label", b.label}, {"change", "removed"},
                             {"text", b.label + " (" + b.name + "): regel verwijderd"}});
      if (b.is_protected) out.mark_protected(b.name);
      continue;
    }
    if (b.disabled != a->disabled) {
      out.changes.push_back({{"kind", "rule"}, {"rule", b.name}, {"label", a->label},
                             {"change", a->disabled ? "disabled" : "enabled"},
                             {"text", a->label + " (" + b.name + "): " + (a->disabled ? "uitgeschakeld" : "weer ingeschakeld")}});
      if (b.is_protected && a->disabled) out.mark_protected(b.name);
    }
    if (b.is_protected && !a->is_protected) {
      out.changes.push_back({{"kind", "rule"}, {"rule", b.name}, {"label", a->label}, {"change", "unprotected"},
                             {"text", a->label + " (" + b.name + "): niet langer beschermd"}});
      out.mark_protected(b.name);
    }
    const auto fb = files_before.find(rule_file_of(b));
    const auto fa = files_after.find(rule_file_of(*a));
    if (fb != files_before.end() && fa != files_after.end() && fb->second != fa->second) {
      out.changes.push_back({{"kind", "rule"}, {"rule", b.name}, {"label", a->label}, {"change", "file"},
                             {"text", a->label + " (" + b.name + "): regelbestand " + rule_file_of(*a) + " gewijzigd"}});
      if (b.is_protected) out.mark_protected(b.name);
    }
    for (const auto& pb : b.params) {
      const ParamDescription* pa = find_param(*a, pb.name);
      const nlohmann::json after_value = pa ? pa->value : nlohmann::json(nullptr);
      if (after_value == pb.value) continue;
      const std::string label = pa ? pa->label : pb.label;
      out.changes.push_back({{"kind", "parameter"}, {"rule", b.name}, {"param", pb.name}, {"rule_label", a->label},
                             {"label", label}, {"before", pb.value}, {"after", after_value},
                             {"text", a->label + " — " + label + " (" + b.name + "." + pb.name + "): " +
                                          value_text(pb.value, pb.key_labels) + " → " + value_text(after_value, pb.key_labels)}});
      if (b.is_protected) out.mark_protected(b.name);
    }
    for (const auto& pa : a->params)
      if (!find_param(b, pa.name))
        out.changes.push_back({{"kind", "parameter"}, {"rule", b.name}, {"param", pa.name}, {"rule_label", a->label},
                               {"label", pa.label}, {"before", nullptr}, {"after", pa.value},
                               {"text", a->label + " — " + pa.label + " (" + b.name + "." + pa.name + "): nieuw, " +
                                            value_text(pa.value, pa.key_labels)}});
  }
  for (const auto& a : after.rules)
    if (!find_rule(before, a.name))
      out.changes.push_back({{"kind", "rule"}, {"rule", a.name}, {"label", a.label}, {"change", "added"},
                             {"text", a.label + " (" + a.name + "): nieuwe regel" + (a.disabled ? " (uitgeschakeld)" : "")}});
}

void compare_settings(const RuleSetDescription& before, const RuleSetDescription& after, Comparison& out) {
  std::set<std::string> keys;
  for (const auto& [k, v] : before.settings.items()) keys.insert(k);
  for (const auto& [k, v] : after.settings.items()) keys.insert(k);
  for (const auto& k : keys) {
    const ojson b = before.settings.contains(k) ? before.settings[k] : ojson(nullptr);
    const ojson a = after.settings.contains(k) ? after.settings[k] : ojson(nullptr);
    if (a == b) continue;
    out.changes.push_back({{"kind", "setting"}, {"setting", k}, {"label", setting_label(k)}, {"before", b}, {"after", a},
                           {"text", setting_label(k) + " (settings." + k + "): " + value_text(b) + " → " + value_text(a)}});
  }
}

// Files that are neither a rule nor the parameters: the libraries, the tests, ruleset.json. A
// library a protected rule may use counts for every protected rule.
void compare_other_files(const RuleSetDescription& before, const std::map<std::string, std::string>& files_before,
                         const std::map<std::string, std::string>& files_after, Comparison& out) {
  std::set<std::string> paths;
  for (const auto& [p, c] : files_before) paths.insert(p);
  for (const auto& [p, c] : files_after) paths.insert(p);
  for (const auto& p : paths) {
    if (p == "params.json" || p == "ruleset.json" || p.rfind("rules/", 0) == 0) continue;
    const auto b = files_before.find(p);
    const auto a = files_after.find(p);
    if (b != files_before.end() && a != files_after.end() && b->second == a->second) continue;
    const char* change = b == files_before.end() ? "added" : a == files_after.end() ? "removed" : "changed";
    const char* dutch = b == files_before.end() ? "toegevoegd" : a == files_after.end() ? "verwijderd" : "gewijzigd";
    out.changes.push_back({{"kind", "file"}, {"path", p}, {"change", change}, {"text", "bestand " + p + " " + dutch}});
    if (p.rfind("lib/", 0) == 0)
      for (const auto& r : before.rules)
        if (r.is_protected) out.mark_protected(r.name);
  }
}

}  // namespace

Comparison compare(RuleHost& before, RuleHost& after, const std::map<std::string, std::string>& files_before,
                   const std::map<std::string, std::string>& files_after) {
  const RuleSetDescription b = before.describe();
  const RuleSetDescription a = after.describe();
  Comparison out;
  compare_rules(b, a, files_before, files_after, out);
  compare_settings(b, a, out);
  compare_other_files(b, files_before, files_after, out);
  return out;
}

ojson dry_run_summary(const ojson& dry_run) {
  if (!dry_run.is_object() || !dry_run.contains("replayed")) return {{"advices", 0}, {"changed", 0}};
  return {{"advices", dry_run["replayed"]},
          {"changed", dry_run["changed_count"]},
          {"considered", dry_run["considered"]},
          {"skipped", dry_run["skipped"].size()},
          {"regions", dry_run["regions"].is_array() ? dry_run["regions"].size() : 0}};
}

ojson parse_stored(const std::string& text, ojson fallback) {
  auto j = ojson::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}


std::optional<Head> read_head(Context& ctx, const std::string& ruleset) {
  const auto a = db::head_activation(ctx.db, ruleset);
  if (!a) return std::nullopt;
  return Head{*a, release_or_throw(ctx, a->release), *db::read_proposal(ctx.db, a->proposal)};
}


}  // namespace passend::service::ruleset_detail
