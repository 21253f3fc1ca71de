#include "benchmarks/native_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace passend::bench {

namespace {

// A fair baseline: what a C++ programmer would write, with the case's sets prepared once per
// batch (as the Lua host prepares the case table once) and no needless allocation.
struct Prepared {
  const CaseFacts& facts;
  const Case& c;
  const Vocabulary& vocabulary;
  std::vector<std::string> flags;  // sorted, like case.flag_list
};

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string dutch_list(const std::vector<std::string>& words) {
  if (words.empty()) return {};
  std::string out = words[0];
  for (std::size_t i = 1; i + 1 < words.size(); ++i) out += ", " + words[i];
  if (words.size() > 1) out += " en " + words.back();
  return out;
}

std::string format(const char* fmt, auto... args) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, fmt, args...);
  return buffer;
}

const std::string& identity_label(const std::string& id) {
  static const std::map<std::string, std::string> labels = {
      {"general", "algemeen"},     {"protestant", "protestants-christelijk"}, {"reformed", "reformatorisch"},
      {"catholic", "katholiek"},   {"islamic", "islamitisch"},                {"jewish", "joods"},
      {"humanist", "humanistisch"}, {"anthroposophic", "antroposofisch"}};
  auto it = labels.find(id);
  return it == labels.end() ? id : it->second;
}

// classify: exempt_care, stale_capacity
void classify(const Prepared& p, const CandidateFacts& f, Verdict& v, std::string& exempt_reason) {
  const Offering& o = *f.offering;
  if (o.care_form == "secure_residential") {
    v.exempt = true;
    exempt_reason = p.vocabulary.dutch(o.care_form);
  } else if (o.product_category == "55") {
    v.exempt = true;
    exempt_reason = "landelijk ingekochte zorg";
  } else if (contains(p.c.expertise, "eating_disorder") && contains(o.expertise, "eating_disorder")) {
    v.exempt = true;
    exempt_reason = p.vocabulary.dutch("eating_disorder");
  }
  v.stale = f.capacity_age_days > 30;
}

void exclude(Verdict& v, const char* rule, const char* code, std::string text) {
  v.exclusions.push_back({rule, code, std::move(text)});
}

const char* contract_code(ContractStatus s) {
  switch (s) {
    case ContractStatus::ended: return "contract_ended";
    case ContractStatus::suspended: return "contract_suspended";
    case ContractStatus::expired: return "contract_expired";
    case ContractStatus::not_started: return "contract_not_started";
    case ContractStatus::wrong_lot: return "wrong_lot";
    default: return "no_contract";
  }
}

const char* contract_text(ContractStatus s) {
  switch (s) {
    case ContractStatus::ended: return "contract met %s voor perceel %s is beëindigd";
    case ContractStatus::suspended: return "contract met %s voor perceel %s is opgeschort";
    case ContractStatus::expired: return "contract met %s voor perceel %s is verlopen";
    case ContractStatus::not_started: return "contract met %s voor perceel %s is nog niet ingegaan";
    case ContractStatus::wrong_lot: return "wel een contract met %s, maar niet voor perceel %s";
    default: return "geen contract met %s voor perceel %s";
  }
}

void contracted_only(const CaseFacts& facts, const CandidateFacts& f, Verdict& v) {
  if (!f.provider->in_network) {
    exclude(v, "contracted_only", "not_in_network", "aanbieder hoort niet bij het inkoopnetwerk");
  } else if (f.contract != ContractStatus::active) {
    const std::string& party = f.contract_via == "network" ? std::string("het expertisenetwerk") : facts.region_name;
    exclude(v, "contracted_only", contract_code(f.contract), format(contract_text(f.contract), party.c_str(), f.lot.c_str()));
  }
}

// filter: care_form_asked .. contracted_only (region_boundary has max_tier national: no-op)
void filter(const Prepared& p, const CandidateFacts& f, Verdict& v) {
  const Offering& o = *f.offering;
  if (!contains(p.c.care_forms, o.care_form) && !f.bridging_pool)
    exclude(v, "care_form_asked", "care_form_not_asked", "zorgvorm " + p.vocabulary.dutch(o.care_form) + " is niet gevraagd");
  if (p.c.age < o.age_min || p.c.age > o.age_max)
    exclude(v, "age_range", "age", format("leeftijd %d jaar valt buiten %d-%d jaar", p.c.age, o.age_min, o.age_max));
  std::vector<std::string> missing;
  for (const auto& e : p.c.expertise)
    if (!std::binary_search(o.expertise.begin(), o.expertise.end(), e)) missing.push_back(p.vocabulary.dutch(e));
  if (!missing.empty()) exclude(v, "required_expertise", "expertise_missing", "mist de gevraagde expertise: " + dutch_list(missing));
  std::vector<std::string> hits;
  for (const auto& flag : p.flags)
    if (std::binary_search(o.contraindications.begin(), o.contraindications.end(), flag)) hits.push_back(p.vocabulary.dutch(flag));
  if (!hits.empty()) exclude(v, "contraindications", "contraindication", "contra-indicatie: " + dutch_list(hits));
  if (contains(p.c.rejected_by, f.provider->id)) exclude(v, "rejected_before", "rejected", "heeft deze jeugdige eerder afgewezen");
  contracted_only(p.facts, f, v);
}

// exception: maatwerk
void lift(const Prepared& p, Verdict& v) {
  if (!p.c.maatwerk || v.exclusions.empty()) return;
  static const std::vector<std::string> non_contracted = {"no_contract",         "contract_ended", "contract_suspended",
                                                          "contract_expired",    "contract_not_started", "wrong_lot",
                                                          "not_in_network"};
  const Maatwerk& m = *p.c.maatwerk;
  const bool allow_nc = contains(m.allow, "non_contracted"), allow_or = contains(m.allow, "outside_region");
  std::vector<Exclusion> kept;
  for (auto& x : v.exclusions) {
    if ((allow_nc && contains(non_contracted, x.code)) || (allow_or && x.code == "outside_region")) {
      v.lifted.push_back({x, "maatwerk",
                          "maatwerk goedgekeurd door " + m.approved_by + " op " + m.date.str() + ": " + m.reason});
    } else {
      kept.push_back(std::move(x));
    }
  }
  v.exclusions = std::move(kept);
}

void reason(Verdict& v, const char* rule, double points, std::string text) {
  v.reasons.push_back({rule, points, std::move(text)});
  v.score += points;
}

void score_region(const CandidateFacts& f, Verdict& v, const std::string& exempt_reason) {
  if (v.exempt) return reason(v, "in_region_first", 0, "regiogrens telt niet (" + exempt_reason + ")");
  static const double points[] = {30, 20, 10, 0};
  static const char* texts[] = {"binnen de eigen regio (%s)", "buurregio (%s)", "binnen het expertisenetwerk (%s)",
                                "buiten het expertisenetwerk (%s)"};
  const int t = static_cast<int>(f.tier);
  reason(v, "in_region_first", points[t], format(texts[t], f.region_name.c_str()));
}

void score_expertise(const Prepared& p, const CandidateFacts& f, Verdict& v) {
  static const std::map<std::string, std::string> map = {
      {"aggression", "emotion_regulation"}, {"sexually_harmful_behaviour", "forensic"}, {"arson", "forensic"},
      {"active_addiction", "addiction"},    {"absconding", "trauma"},                   {"acute_suicidality", "suicidality"},
      {"severe_self_harm", "suicidality"}};
  std::vector<std::string> found, seen;
  for (const auto& flag : p.flags) {
    auto it = map.find(flag);
    if (it == map.end() || contains(seen, it->second)) continue;
    if (!std::binary_search(f.offering->expertise.begin(), f.offering->expertise.end(), it->second)) continue;
    seen.push_back(it->second);
    found.push_back(p.vocabulary.dutch(it->second));
  }
  if (!found.empty())
    reason(v, "expertise_fit", 10.0 * static_cast<double>(found.size()), "expertise passend bij de jeugdige: " + dutch_list(found));
}

// score: in_region_first .. stale_penalty, in the rules' priority order
void score(const Prepared& p, const CandidateFacts& f, Verdict& v, const std::string& exempt_reason) {
  const Offering& o = *f.offering;
  score_region(f, v, exempt_reason);
  score_expertise(p, f, v);
  if (f.distance_km < 100)
    reason(v, "distance", 20 * (1 - f.distance_km / 100), format("afstand %d km", static_cast<int>(std::floor(f.distance_km + 0.5))));
  if (!p.c.preferred_identity.empty() && o.identity == p.c.preferred_identity)
    reason(v, "identity_preference", 15,
           "identiteit sluit aan bij de wens van ouders en jeugdige (" + identity_label(p.c.preferred_identity) + ")");
  if (f.near_km && *f.near_km <= 15)
    reason(v, "near_preference", 10,
           format("dicht bij een voorkeursgemeente van ouders en jeugdige (%d km)", static_cast<int>(std::floor(*f.near_km + 0.5))));
  if (contains(p.c.previous_providers, f.provider->id)) reason(v, "continuity", 15, "eerder betrokken bij deze jeugdige");
  if (o.capacity.free > 0) reason(v, "capacity_now", 10, format("nu %d %s vrij", o.capacity.free, o.capacity.free == 1 ? "plek" : "plekken"));
  if (v.stale) reason(v, "stale_penalty", -5, "capaciteit niet actueel (bijgewerkt " + o.capacity.updated.str() + ")");
}

// order: timely_first, tier_ladder, exempt_distance, home_like
void order(const CandidateFacts& f, Verdict& v) {
  v.order_keys = {f.timely ? 0.0 : 1.0, v.exempt ? 0.0 : static_cast<double>(static_cast<int>(f.tier)),
                  v.exempt ? f.distance_km : 0.0, static_cast<double>(f.care_form_rank)};
}

}  // namespace

std::vector<std::vector<Exclusion>> native_prerequisites(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) {
  std::vector<std::vector<Exclusion>> out(candidates.size());
  Verdict v;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    v.exclusions.clear();
    contracted_only(facts, candidates[i], v);
    out[i] = v.exclusions;
  }
  return out;
}

std::vector<Verdict> native_evaluate(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates,
                                     const Vocabulary& vocabulary) {
  Prepared p{facts, *facts.case_, vocabulary, facts.case_->flags};
  std::sort(p.flags.begin(), p.flags.end());
  std::vector<Verdict> out(candidates.size());
  std::string exempt_reason;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const CandidateFacts& f = candidates[i];
    Verdict& v = out[i];
    exempt_reason.clear();
    classify(p, f, v, exempt_reason);
    filter(p, f, v);
    lift(p, v);
    if (v.excluded()) continue;
    score(p, f, v, exempt_reason);
    order(f, v);
  }
  return out;
}

}  // namespace passend::bench
