#include "plugins/rule_check.hpp"

#include <algorithm>
#include <iomanip>

namespace passend {

namespace {

// Pads to a width in characters, not bytes: descriptions are Dutch (ë, ï).
std::string pad(const std::string& s, std::size_t width) {
  std::size_t chars = 0;
  for (unsigned char ch : s)
    if ((ch & 0xC0) != 0x80) ++chars;
  return chars >= width ? s + " " : s + std::string(width - chars, ' ');
}

std::string priority_text(const RuleInfo& r) { return r.phase == "priority" ? "-" : std::to_string(r.priority); }

void print_rules(const RuleSetInfo& info, std::ostream& out) {
  std::size_t name_width = 4;
  for (const auto& r : info.rules) name_width = std::max(name_width, r.name.size());
  out << pad("phase", 10) << pad("prio", 6) << pad("name", name_width + 1) << pad("version", 9) << "description\n";
  for (const auto& r : info.rules) {
    out << pad(r.phase, 10) << pad(priority_text(r), 6) << pad(r.name, name_width + 1) << pad(r.version, 9)
        << r.description << (r.is_protected ? "  [beschermd]" : "") << (r.disabled ? "  [uitgeschakeld]" : "") << '\n';
  }
  for (const auto& r : info.rules)
    if (!r.depends_on.empty())
      out << "prerequisite " << r.name << ": depends on " << join(r.depends_on)
          << " (applied first; settles the offerings it excludes unless the case has maatwerk)\n";
}

std::string number_text(double n) {
  const auto whole = static_cast<long long>(n);
  return static_cast<double>(whole) == n ? std::to_string(whole) : nlohmann::json(n).dump();
}

// " (van 0 tot en met 50)", " (minstens 1)", "" when the declaration gives no range.
std::string range_text(const ParamDecl& d) {
  if (d.min && d.max) return " (van " + number_text(*d.min) + " tot en met " + number_text(*d.max) + ")";
  if (d.min) return " (minstens " + number_text(*d.min) + ")";
  if (d.max) return " (hoogstens " + number_text(*d.max) + ")";
  return "";
}

void print_params(const RuleSetInfo& info, std::ostream& out) {
  out << "\nparameters (* = set in params.json)\n";
  std::size_t width = 0;
  for (const auto& r : info.rules)
    for (const auto& p : r.params) width = std::max(width, r.name.size() + 1 + p.decl.name.size());
  bool any = false;
  for (const auto& r : info.rules)
    for (const auto& p : r.params) {
      any = true;
      out << (p.overridden ? "* " : "  ") << pad(r.name + "." + p.decl.name, width + 1)
          << pad(param_type_name(p.decl.type), 8) << p.value.dump() << "\n      "
          << (p.decl.label.empty() || p.decl.label == p.decl.description ? "" : p.decl.label + ": ") << p.decl.description
          << range_text(p.decl) << '\n';
    }
  if (!any) out << "  (none)\n";
}

void print_settings(const RuleSetInfo& info, std::ostream& out) {
  out << "\nsettings\n  bridging_care_forms: "
      << (info.settings.bridging_care_forms.empty() ? "(none)" : join(info.settings.bridging_care_forms)) << '\n';
  const BridgingPoolPolicy& pool = info.settings.bridging_pool;
  std::vector<std::string> tiers;
  for (Tier t : pool.tiers) tiers.push_back(tier_name(t));
  out << "  bridging_pool: " << (pool.only_when_plan_a_not_timely ? "when plan A is not timely" : "always") << ", tiers "
      << (tiers.empty() ? "all" : join(tiers)) << '\n';
  const DefaultMaxWait& wait = info.settings.max_wait_weeks;
  out << "  max_wait_weeks (when a case gives none): crisis " << wait.crisis << ", high " << wait.high << ", normal "
      << wait.normal << '\n';
  out << "  lot_overrides:" << (info.settings.lot_overrides.empty() ? " (none)" : "") << '\n';
  for (const auto& [region, forms] : info.settings.lot_overrides)
    for (const auto& [form, lot] : forms) out << "    " << region << ": " << form << " -> " << lot << '\n';
  std::vector<std::string> disabled;
  for (const auto& r : info.rules)
    if (r.disabled) disabled.push_back(r.name);
  out << "disabled: " << (disabled.empty() ? "(none)" : join(disabled)) << '\n';
}

// A sample the dry run evaluates: plain data, no database and no region graph.
struct Sample {
  Case c;
  std::vector<Provider> providers;  // filled completely before candidates point into it
  CaseFacts facts;
  std::vector<CandidateFacts> candidates;
};

struct SampleOffering {
  const char* id;
  const char* offering;
  const char* care_form;
  Tier tier;
  ContractStatus contract;
  bool in_network;
  int free, wait_weeks, capacity_age_days, age_min, age_max;
  std::vector<std::string> expertise;
  const char* product_category;
};

Provider sample_provider(const SampleOffering& s, Date today) {
  Offering o;
  o.id = s.offering;
  o.care_form = s.care_form;
  o.product_category = s.product_category;
  o.expertise = s.expertise;
  o.age_min = s.age_min;
  o.age_max = s.age_max;
  o.contraindications = {"arson"};
  o.identity = "protestant";
  o.capacity = {6, s.free, s.wait_weeks, today.plus_days(-s.capacity_age_days)};
  Provider p;
  p.id = s.id;
  p.name = std::string("Controle-aanbieder ") + s.id;
  p.in_network = s.in_network;
  p.locations.push_back({std::string(s.id) + "-loc", "GM0228", {o}});
  return p;
}

CandidateFacts sample_facts(const Provider& p, const SampleOffering& s, int care_form_rank) {
  CandidateFacts f;
  f.provider = &p;
  f.location = &p.locations.front();
  f.offering = &p.locations.front().offerings.front();
  f.region = s.tier == Tier::region ? "JZ21" : "JZ20";
  f.region_name = s.tier == Tier::region ? "Food Valley" : "Controleregio";
  f.network = s.tier == Tier::national ? "EXN01" : "EXN03";
  f.tier = s.tier;
  f.distance_km = 10.0 * static_cast<int>(s.tier);
  f.near_km = 5.0;
  f.care_form_rank = care_form_rank;
  f.lot = "verblijf";
  f.contract = s.contract;
  f.contract_via = s.contract == ContractStatus::none ? "" : "region";
  f.wait_unknown = s.free <= 0 && s.wait_weeks <= 0;
  f.timely = s.free > 0 || (!f.wait_unknown && s.wait_weeks <= 4);
  f.identity_mismatch = s.tier == Tier::network;  // the sample case asks protestant; one other identity
  f.capacity_age_days = s.capacity_age_days;
  return f;
}

void fill_sample(Sample& s, Date today) {
  s.c.id = "rules-check";
  s.c.age = 15;
  s.c.municipality = "GM0228";
  s.c.care_forms = {"small_scale_living", "secure_residential"};
  s.c.expertise = {"autism"};
  s.c.urgency = "high";
  s.c.max_wait_weeks = 4;
  s.c.flags = {"aggression"};
  s.c.preferred_identity = "protestant";
  s.c.near_municipalities = {"GM0203"};
  s.c.rejected_by = {"check-p3"};
  s.c.previous_providers = {"check-p1"};
  s.c.breakdowns = {"check-p6"};
  s.c.legal = Legal{false, "ots"};
  s.c.maatwerk = Maatwerk{"RET (controle)", today, "controle van de regelset", {"non_contracted"}};
  s.c.registered = today.plus_days(-30);
  s.facts.case_ = &s.c;
  s.facts.region = "JZ21";
  s.facts.region_name = "Food Valley";
  s.facts.network = "EXN03";
  s.facts.reference_date = today;
  s.facts.weeks_waiting = 4;
  s.facts.max_wait_weeks = 4;
}

// Ranks like the engine: order keys, then score (high first), then position.
std::vector<std::size_t> rank_admitted(const std::vector<Verdict>& verdicts) {
  std::vector<std::size_t> ranked;
  for (std::size_t i = 0; i < verdicts.size(); ++i)
    if (!verdicts[i].excluded()) ranked.push_back(i);
  std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
    if (verdicts[a].order_keys != verdicts[b].order_keys) return verdicts[a].order_keys < verdicts[b].order_keys;
    return verdicts[a].score > verdicts[b].score;
  });
  return ranked;
}

}  // namespace

void dry_run(LuaRuleHost& host) {
  const Date today = *Date::parse("2026-11-26");
  const std::vector<SampleOffering> offerings = {
      {"check-p1", "check-region-kw", "small_scale_living", Tier::region, ContractStatus::active, true, 1, 0, 5, 12, 18, {"autism", "emotion_regulation"}, "44"},
      {"check-p2", "check-adjacent-kw", "small_scale_living", Tier::adjacent, ContractStatus::active, true, 0, 10, 60, 12, 18, {"autism"}, "44"},
      {"check-p3", "check-network-kw", "small_scale_living", Tier::network, ContractStatus::suspended, true, 1, 0, 1, 12, 18, {"autism"}, "44"},
      {"check-p4", "check-national-jzplus", "secure_residential", Tier::national, ContractStatus::none, false, 1, 0, 1, 12, 18, {"autism"}, "55"},
      {"check-p5", "check-region-amb", "ambulant", Tier::region, ContractStatus::active, true, 3, 0, 1, 0, 23, {"autism"}, "45"},
      {"check-p6", "check-network-res", "residential", Tier::network, ContractStatus::expired, true, 0, 30, 90, 0, 11, {"trauma"}, "43"},
  };
  Sample s;
  fill_sample(s, today);
  for (const auto& o : offerings) s.providers.push_back(sample_provider(o, today));
  for (std::size_t i = 0; i < offerings.size(); ++i)
    s.candidates.push_back(sample_facts(s.providers[i], offerings[i], static_cast<int>(i)));
  s.candidates[4].bridging_pool = true;  // ambulant, not asked: the bridging pool
  host.prefilter(s.facts, s.candidates);    // prerequisites on their views (depends_on)
  host.classify_exempt(s.facts, s.candidates);  // exempt rules on theirs (depends_on, case_depends_on)
  const std::vector<Verdict> verdicts = host.evaluate(s.facts, s.candidates);
  host.plan(s.facts, s.candidates, verdicts, rank_admitted(verdicts));
  host.priorities(s.facts, s.candidates, verdicts);
}

void print_rule_set(const LuaRuleHost& host, std::ostream& out) {
  const RuleSetInfo& info = host.info();
  out << "rule set " << info.identity.name << ' ' << info.identity.version << "  api_version " << info.api_version << '\n'
      << info.description << '\n'
      << "folder " << info.dir << "  " << info.identity.hash << '\n'
      << info.rules.size() << " rules, " << info.files.size() << " files\n\n";
  print_rules(info, out);
  print_params(info, out);
  print_settings(info, out);
  out << "\nOK: every rule loaded, every parameter valid\n";
}

void print_rule_warnings(const LuaRuleHost& host, std::ostream& err) {
  for (const auto& w : host.info().warnings) err << "warning: " << w << '\n';
}

}  // namespace passend
