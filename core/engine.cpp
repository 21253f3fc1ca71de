#include "core/engine.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <memory>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/errors.hpp"

namespace passend {

namespace {

// The contract lot of a care form in a region: the rule set's parameters win over the
// registry's regional cut, which wins over the national default of the vocabulary.
std::string lot_of(const std::string& care_form, const std::string& region, const ProviderNetwork& network,
                   const Vocabulary& vocabulary, const RuleHost& rules) {
  if (auto lot = rules.lot_override(region, care_form)) return *lot;
  for (const auto& o : network.lot_overrides)
    if (o.region == region && o.care_form == care_form) return o.lot;
  const CareFormTerm* term = vocabulary.care_form(care_form);
  return term ? term->lot : std::string();
}

// Better statuses first: the one shown is the best a provider has for this region and lot.
int status_strength(ContractStatus s) {
  switch (s) {
    case ContractStatus::active: return 0;
    case ContractStatus::not_started: return 1;
    case ContractStatus::expired: return 2;
    case ContractStatus::suspended: return 3;
    case ContractStatus::ended: return 4;
    case ContractStatus::wrong_lot: return 5;
    case ContractStatus::none: return 6;
  }
  return 6;
}

ContractStatus status_of(const Contract& k, Date on) {
  if (k.status == "suspended") return ContractStatus::suspended;
  if (k.status == "ended") return ContractStatus::ended;
  if (on < k.from) return ContractStatus::not_started;
  if (on > k.until) return ContractStatus::expired;
  return ContractStatus::active;
}

// A provider's contract status for a lot, and whether it holds via the region or its network.
struct ContractOf {
  ContractStatus status = ContractStatus::none;
  std::string via;  // "region" | "network" | "" (none)
};

// A contract counts for the case's region directly, or through the region's network.
ContractOf contract_of(const Provider& p, const std::string& lot, const CaseFacts& cf) {
  ContractOf best;
  for (const auto& k : p.contracts) {
    const bool for_region = k.region == cf.region;
    const bool for_network = !cf.network.empty() && k.region == cf.network;
    if (!for_region && !for_network) continue;
    ContractStatus s = k.lot == lot ? status_of(k, cf.reference_date) : ContractStatus::wrong_lot;
    const char* via = for_region ? "region" : "network";
    bool better = status_strength(s) < status_strength(best.status) ||
                  (s == best.status && s != ContractStatus::none && for_region && best.via == "network");
    if (better) best = {s, via};
  }
  return best;
}

std::optional<double> nearest_preferred_km(const Case& c, const std::string& municipality, const RegionGraph& g) {
  std::optional<double> best;
  for (const auto& m : c.near_municipalities) {
    double d = g.distance_km(m, municipality);
    if (!best || d < *best) best = d;
  }
  return best;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

struct Batch {
  std::vector<CandidateFacts> facts;
  std::vector<std::string> municipality_names;
  std::vector<Verdict> verdicts;  // only for offerings settled by a prerequisite
  // Offerings where other cases hold places, with the free count this query sees: the facts of
  // those offerings point here (a deque keeps them in place), the registry stays untouched.
  std::shared_ptr<std::deque<Offering>> held_elsewhere;
};

// The offering as this query sees it: the registry's, or a copy with the places that other
// cases hold taken off its free count (never below zero).
const Offering& as_seen(const Offering& o, const HeldPlaces& held, Batch& batch) {
  if (held.by_other_cases.empty()) return o;
  const auto it = held.by_other_cases.find(o.id);
  if (it == held.by_other_cases.end()) return o;
  if (!batch.held_elsewhere) batch.held_elsewhere = std::make_shared<std::deque<Offering>>();
  Offering& copy = batch.held_elsewhere->emplace_back(o);
  copy.capacity.free = std::max(0, o.capacity.free - it->second);
  return copy;
}

// What is the same for every offering of a location: computed once per location and query.
struct LocationFacts {
  const Municipality* municipality = nullptr;
  const Region* region = nullptr;
  const Network* network = nullptr;
  Tier tier = Tier::national;
  double distance_km = 0;
  std::optional<double> near_km;
};

LocationFacts location_facts(const Case& c, const CaseFacts& cf, const Municipality& m, const RegionGraph& g) {
  LocationFacts l;
  l.municipality = &m;
  l.region = g.region(m.region);
  l.network = l.region ? g.network(l.region->network) : nullptr;
  l.tier = g.tier(cf.region, m.region);
  l.distance_km = g.distance_km(c.municipality, m.code);
  l.near_km = nearest_preferred_km(c, m.code, g);
  return l;
}

// A care form's rank and its contract lot in the case's region, looked up once per query.
struct CareFormFacts {
  std::string care_form;
  int rank = 99;
  std::string lot;
};

const CareFormFacts& care_form_facts(std::vector<CareFormFacts>& known, const std::string& care_form, const CaseFacts& cf,
                                     const ProviderNetwork& network, const Vocabulary& vocabulary, const RuleHost& rules) {
  for (const auto& k : known)
    if (k.care_form == care_form) return k;
  const CareFormTerm* term = vocabulary.care_form(care_form);
  known.push_back({care_form, term ? term->rank : 99, lot_of(care_form, cf.region, network, vocabulary, rules)});
  return known.back();
}

// The same for all of a provider's offerings of one lot, so worked out once per provider and lot
// (a provider has a few contracts, a location many offerings; offerings come provider by provider).
struct ContractFacts {
  const Provider* provider = nullptr;
  std::vector<std::pair<std::string, ContractOf>> by_lot;

  const ContractOf& of(const Provider& p, const std::string& lot, const CaseFacts& cf) {
    if (provider != &p) {
      provider = &p;
      by_lot.clear();
    }
    for (const auto& [l, k] : by_lot)
      if (l == lot) return k;
    by_lot.emplace_back(lot, contract_of(p, lot, cf));
    return by_lot.back().second;
  }
};

// "general" (algemeen) is no particular identity: it is not at odds with a wish for one. A
// family that asks for a general identity does mind a denominational offering.
bool identity_mismatch(const std::string& wanted, const std::string& offered) {
  if (wanted.empty() || offered.empty() || offered == wanted) return false;
  return offered != "general";
}

CandidateFacts make_facts(const Case& c, const CaseFacts& cf, const Provider& p, const Location& loc, const Offering& o,
                          const LocationFacts& l, const CareFormFacts& form, bool pool, ContractFacts& contracts) {
  CandidateFacts f;
  f.provider = &p;
  f.location = &loc;
  f.offering = &o;
  f.region = l.municipality->region;
  f.region_name = l.region ? l.region->name : l.municipality->region;
  f.network = l.region ? l.region->network : std::string();
  f.tier = l.tier;
  f.distance_km = l.distance_km;
  f.near_km = l.near_km;
  f.care_form_rank = form.rank;
  f.lot = form.lot;
  const ContractOf& k = contracts.of(p, form.lot, cf);
  f.contract = k.status;
  f.contract_via = k.via;
  // A full place reporting a wait of 0 weeks does not know its wait: it is never timely.
  f.wait_unknown = o.capacity.free <= 0 && o.capacity.wait_weeks <= 0;
  f.timely = o.capacity.free > 0 || (!f.wait_unknown && o.capacity.wait_weeks <= cf.max_wait_weeks);
  f.identity_mismatch = identity_mismatch(c.preferred_identity, o.identity);
  if (o.supra_regional) f.coordinated_by = l.network;
  f.capacity_age_days = cf.reference_date - o.capacity.updated;
  f.bridging_pool = pool;
  return f;
}

// Which offerings a batch holds: those of the asked care forms, those of the bridging pool, or both.
struct BatchScope {
  bool asked = true;
  bool pool = true;
};

bool tier_allowed(const BridgingPoolPolicy& policy, Tier t) {
  return policy.tiers.empty() || std::find(policy.tiers.begin(), policy.tiers.end(), t) != policy.tiers.end();
}

Batch prepare_candidates(const Case& c, const CaseFacts& cf, const ProviderNetwork& network, const HeldPlaces& held,
                         const RegionGraph& g, const Vocabulary& vocabulary, const RuleHost& rules,
                         const BridgingPoolPolicy& policy, BatchScope scope) {
  std::vector<std::string> pool_forms;
  if (scope.pool)
    for (const auto& f : rules.bridging_care_forms())
      if (!contains(c.care_forms, f)) pool_forms.push_back(f);

  Batch batch;
  std::vector<CareFormFacts> forms;
  ContractFacts contracts;
  std::unordered_map<const Municipality*, LocationFacts> by_municipality;
  for (const auto& p : network.providers) {
    for (const auto& loc : p.locations) {
      const Municipality* m = g.municipality(loc.municipality);
      if (!m) continue;  // the registry was validated on import; a vanished municipality cannot be placed
      const LocationFacts* l = nullptr;  // looked up when the first offering of the location is evaluated
      for (const auto& o : loc.offerings) {
        const bool asked = scope.asked && contains(c.care_forms, o.care_form);
        const bool pool = !asked && contains(pool_forms, o.care_form);
        if (!asked && !pool) continue;
        // Bridging-pool offerings never show as candidates, so those outside the age range can go now.
        if (pool && (c.age < o.age_min || c.age > o.age_max)) continue;
        if (!l) {
          // Tier and distances depend only on the municipality: many locations share one.
          auto [it, fresh] = by_municipality.try_emplace(m);
          if (fresh) it->second = location_facts(c, cf, *m, g);
          l = &it->second;
        }
        if (pool && !tier_allowed(policy, l->tier)) continue;
        const CareFormFacts& form = care_form_facts(forms, o.care_form, cf, network, vocabulary, rules);
        batch.facts.push_back(make_facts(c, cf, p, loc, as_seen(o, held, batch), *l, form, pool, contracts));
        if (!held.by_case.empty()) batch.facts.back().reserved_for_case = contains(held.by_case, o.id);
        batch.municipality_names.push_back(m->name);
      }
    }
  }
  return batch;
}

// Moves the offerings a prerequisite rule excludes out of the batch, into the returned batch
// with their verdicts (the prerequisites' exclusions only: the other rules never see them).
// Maatwerk can lift exclusions, and an exception rule must see them all: no shortcut then.
Batch settle_prerequisites(const CaseFacts& cf, Batch& batch, RuleHost& rules) {
  Batch settled;
  if (cf.case_->maatwerk) return settled;
  std::vector<std::vector<Exclusion>> pre = rules.prefilter(cf, batch.facts);
  if (pre.empty()) return settled;
  if (pre.size() != batch.facts.size())
    throw RuleError("rule host returned " + std::to_string(pre.size()) + " prerequisite results for " +
                    std::to_string(batch.facts.size()) + " candidates");
  Batch kept;
  for (std::size_t i = 0; i < batch.facts.size(); ++i) {
    Batch& to = pre[i].empty() ? kept : settled;
    to.facts.push_back(std::move(batch.facts[i]));
    to.municipality_names.push_back(std::move(batch.municipality_names[i]));
    if (!pre[i].empty()) {
      Verdict v;
      v.exclusions = std::move(pre[i]);
      to.verdicts.push_back(std::move(v));
    }
  }
  batch = std::move(kept);
  return settled;
}

bool any_timely(const Batch& batch) {
  return std::any_of(batch.facts.begin(), batch.facts.end(), [](const CandidateFacts& f) { return f.timely; });
}

// Lexicographic: the order rules' keys, then the highest score, then ids for determinism.
bool ranks_before(const CandidateResult& a, const CandidateResult& b) {
  const auto& ka = a.verdict.order_keys;
  const auto& kb = b.verdict.order_keys;
  for (std::size_t i = 0; i < std::min(ka.size(), kb.size()); ++i)
    if (ka[i] != kb[i]) return ka[i] < kb[i];
  if (a.verdict.score != b.verdict.score) return a.verdict.score > b.verdict.score;
  return std::tie(a.facts.provider->id, a.facts.location->id, a.facts.offering->id) <
         std::tie(b.facts.provider->id, b.facts.location->id, b.facts.offering->id);
}

}  // namespace

bool listed_one_by_one(const CandidateResult& e) { return e.facts.tier != Tier::national || e.verdict.exempt; }

const CandidateResult* QueryResult::find_offering(const std::string& offering_id) const {
  for (const auto& e : evaluated)
    if (e.facts.offering->id == offering_id) return &e;
  return nullptr;
}

int DefaultMaxWait::for_urgency(const std::string& urgency) const {
  if (urgency == "crisis") return crisis;
  if (urgency == "high") return high;
  return normal;
}

CaseFacts make_case_facts(const Case& c, const RegionGraph& regions, Date reference_date,
                          const DefaultMaxWait& default_max_wait) {
  const Municipality* m = regions.municipality(c.municipality);
  if (!m) throw InvalidInput("case " + c.id, "/municipality", "unknown municipality '" + c.municipality + "'");
  const Region* r = regions.region(m->region);
  CaseFacts cf;
  cf.case_ = &c;
  cf.region = m->region;
  cf.region_name = r ? r->name : m->region;
  cf.network = r ? r->network : std::string();
  cf.reference_date = reference_date;
  if (c.registered) cf.weeks_waiting = std::max(0, (reference_date - *c.registered) / 7);
  cf.max_wait_is_default = !c.max_wait_weeks;
  cf.max_wait_weeks = c.max_wait_weeks.value_or(default_max_wait.for_urgency(c.urgency));
  return cf;
}

namespace {

// Rules, ranking and plan over one batch: everything of a query after the facts.
QueryResult evaluate_batch(const CaseFacts& case_facts, Batch batch, RuleHost& rules) {
  QueryResult result;
  result.case_id = case_facts.case_->id;
  result.case_facts = case_facts;
  result.ruleset = rules.identity();
  result.held_elsewhere = std::move(batch.held_elsewhere);

  Batch settled = settle_prerequisites(case_facts, batch, rules);
  // Settled offerings skipped the classify phase; whether they are exempt care decides whether
  // the result lists them one by one (listed_one_by_one).
  if (!settled.facts.empty()) {
    const std::vector<bool> exempt = rules.classify_exempt(result.case_facts, settled.facts);
    if (exempt.size() != settled.facts.size())
      throw RuleError("rule host returned " + std::to_string(exempt.size()) + " classifications for " +
                      std::to_string(settled.facts.size()) + " candidates");
    for (std::size_t i = 0; i < exempt.size(); ++i) settled.verdicts[i].exempt = exempt[i];
  }
  std::vector<Verdict> verdicts = rules.evaluate(result.case_facts, batch.facts);
  if (verdicts.size() != batch.facts.size())
    throw RuleError("rule host returned " + std::to_string(verdicts.size()) + " verdicts for " +
                    std::to_string(batch.facts.size()) + " candidates");

  // The evaluated batch first (the plan phase gets exactly that batch), then the settled ones.
  const std::size_t evaluated_by_rules = batch.facts.size();
  result.by_rules = evaluated_by_rules;
  result.evaluated.reserve(batch.facts.size() + settled.facts.size());
  for (std::size_t i = 0; i < batch.facts.size(); ++i)
    result.evaluated.push_back({std::move(batch.facts[i]), std::move(batch.municipality_names[i]), std::move(verdicts[i]), {}});
  for (std::size_t i = 0; i < settled.facts.size(); ++i)
    result.evaluated.push_back(
        {std::move(settled.facts[i]), std::move(settled.municipality_names[i]), std::move(settled.verdicts[i]), {}});

  std::vector<std::size_t> admitted;
  for (std::size_t i = 0; i < result.evaluated.size(); ++i) {
    const auto& e = result.evaluated[i];
    if (!e.verdict.excluded()) admitted.push_back(i);
    else if (!e.facts.bridging_pool) result.excluded.push_back(i);
  }
  std::sort(admitted.begin(), admitted.end(),
            [&](std::size_t a, std::size_t b) { return ranks_before(result.evaluated[a], result.evaluated[b]); });
  int rank = 0;
  for (std::size_t i : admitted) {
    auto& e = result.evaluated[i];
    if (e.facts.bridging_pool) continue;
    e.rank = ++rank;
    result.candidates.push_back(i);
  }
  // By provider, then offering. The two parts (evaluated by the rules, settled by prerequisites)
  // each keep the registry's order, which is usually this order already: then merging them is
  // linear, where sorting thousands of exclusions by two strings was a tenth of a query.
  auto by_ids = [&](std::size_t a, std::size_t b) {
    const auto& fa = result.evaluated[a].facts;
    const auto& fb = result.evaluated[b].facts;
    if (fa.provider != fb.provider) return fa.provider->id < fb.provider->id;
    return fa.offering->id < fb.offering->id;
  };
  const auto split = std::partition_point(result.excluded.begin(), result.excluded.end(),
                                          [&](std::size_t i) { return i < evaluated_by_rules; });
  if (std::is_sorted(result.excluded.begin(), split, by_ids) && std::is_sorted(split, result.excluded.end(), by_ids))
    std::inplace_merge(result.excluded.begin(), split, result.excluded.end(), by_ids);
  else
    std::sort(result.excluded.begin(), result.excluded.end(), by_ids);

  // The plan rules see the same facts, in rank order. They are moved out for the call and back
  // afterwards: copying every candidate's facts and verdict (strings, reasons) cost as much as a
  // third of the native rules' time on a national network (docs/performance.md).
  std::vector<CandidateFacts> facts;
  std::vector<Verdict> final_verdicts;
  facts.reserve(evaluated_by_rules);
  final_verdicts.reserve(evaluated_by_rules);
  for (std::size_t i = 0; i < evaluated_by_rules; ++i) {
    facts.push_back(std::move(result.evaluated[i].facts));
    final_verdicts.push_back(std::move(result.evaluated[i].verdict));
  }
  PlanOutcome plan = rules.plan(result.case_facts, facts, final_verdicts, admitted);
  for (std::size_t i = 0; i < evaluated_by_rules; ++i) {
    result.evaluated[i].facts = std::move(facts[i]);
    result.evaluated[i].verdict = std::move(final_verdicts[i]);
  }
  auto check = [&](const std::optional<std::size_t>& pick, const char* what) {
    if (pick && (*pick >= result.evaluated.size() || result.evaluated[*pick].verdict.excluded()))
      throw RuleError(std::string("plan rule chose an excluded or unknown offering as ") + what);
    return pick;
  };
  result.plan_a = check(plan.plan_a, "plan A");
  result.plan_b = check(plan.plan_b, "plan B");
  result.bridging = check(plan.bridging, "bridging");
  result.gap = plan.gap;
  result.plan_notes = plan.notes;
  return result;
}

bool plan_a_timely(const QueryResult& r) { return r.plan_a && r.evaluated[*r.plan_a].facts.timely; }

}  // namespace

QueryResult run_query(const Case& c, const NetworkLoader& network, const RegionGraph& regions,
                      const Vocabulary& vocabulary, RuleHost& rules, Date reference_date, const HeldPlaces& held) {
  const CaseFacts case_facts = make_case_facts(c, regions, reference_date, rules.default_max_wait());
  const BridgingPoolPolicy policy = rules.bridging_pool_policy();
  auto prepare = [&](BatchScope scope) {
    return prepare_candidates(c, case_facts, network(scope.pool), held, regions, vocabulary, rules, policy, scope);
  };
  if (!policy.only_when_plan_a_not_timely) return evaluate_batch(case_facts, prepare({}), rules);

  // The asked care forms first. When none of their offerings is timely, plan A cannot be, and the
  // pool is needed at once; otherwise the pool is added only when the plan rules chose no timely
  // plan A. The second round evaluates the whole batch again, so that every rule sees exactly
  // what it would see with the pool always evaluated (the same batch, the same order).
  Batch asked = prepare({true, false});
  if (!any_timely(asked)) return evaluate_batch(case_facts, prepare({}), rules);
  QueryResult first = evaluate_batch(case_facts, std::move(asked), rules);
  if (plan_a_timely(first)) return first;
  return evaluate_batch(case_facts, prepare({}), rules);
}

QueryResult run_query(const Case& c, const ProviderNetwork& network, const RegionGraph& regions,
                      const Vocabulary& vocabulary, RuleHost& rules, Date reference_date, const HeldPlaces& held) {
  return run_query(c, [&](bool) -> const ProviderNetwork& { return network; }, regions, vocabulary, rules,
                   reference_date, held);
}

}  // namespace passend
