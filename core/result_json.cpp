// The query result as JSON (the contract's "Query result") and the notes a RET member must
// see on it: ordered keys, scores and distances rounded, so that the same input gives the same
// bytes.
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/dutch_number.hpp"
#include "core/engine.hpp"
#include "core/excluded_summary.hpp"

namespace passend {

namespace {

using J = nlohmann::ordered_json;


J reasons_json(const std::vector<Reason>& reasons) {
  auto out = J::array();
  for (const auto& r : reasons) out.push_back({{"rule", r.rule}, {"effect", round_decimals(r.effect, 2)}, {"text", r.text}});
  return out;
}

J coordinated_by_json(const CandidateFacts& f) {
  return f.coordinated_by ? J(f.coordinated_by->code) : J(nullptr);
}

}  // namespace

namespace detail {
J candidate_json(const CandidateResult& e) {
  const auto& f = e.facts;
  const auto& o = *f.offering;
  J j;
  j["rank"] = e.rank ? J(*e.rank) : J(nullptr);
  j["provider"] = f.provider->id;
  j["provider_name"] = f.provider->name;
  j["location"] = f.location->id;
  j["municipality"] = f.location->municipality;
  j["municipality_name"] = e.municipality_name;
  j["offering"] = o.id;
  j["care_form"] = o.care_form;
  j["tier"] = tier_name(f.tier);
  j["region"] = f.region;
  j["region_name"] = f.region_name;
  j["contracted"] = f.contract == ContractStatus::active && f.provider->in_network;
  j["contract"] = contract_status_name(f.contract);
  j["maatwerk"] = !e.verdict.lifted.empty();
  j["supra_regional"] = o.supra_regional;
  j["coordinated_by"] = coordinated_by_json(f);
  j["reserved_for_case"] = f.reserved_for_case;
  j["exempt"] = e.verdict.exempt;
  j["free"] = o.capacity.free;
  j["places"] = o.capacity.places;
  j["wait_weeks"] = o.capacity.wait_weeks;
  j["wait_unknown"] = f.wait_unknown;
  j["timely"] = f.timely;
  j["stale"] = e.verdict.stale;
  j["capacity_updated"] = o.capacity.updated.str();
  j["identity_mismatch"] = f.identity_mismatch;
  j["distance_km"] = round_decimals(f.distance_km, 1);
  j["score"] = round_decimals(e.verdict.score, 2);
  j["reasons"] = reasons_json(e.verdict.reasons);
  auto lifted = J::array();
  for (const auto& l : e.verdict.lifted)
    lifted.push_back({{"rule", l.exclusion.rule}, {"code", l.exclusion.code}, {"text", l.exclusion.text},
                      {"lifted_by", l.by_rule}, {"approval", l.text}});
  j["lifted"] = lifted;
  if (!f.provider->urgent_contact.empty()) j["urgent_contact"] = f.provider->urgent_contact;
  return j;
}

J excluded_json(const CandidateResult& e) {
  const auto& f = e.facts;
  const Exclusion& first = e.verdict.exclusions.front();
  J j;
  j["provider"] = f.provider->id;
  j["provider_name"] = f.provider->name;
  j["location"] = f.location->id;
  j["offering"] = f.offering->id;
  j["care_form"] = f.offering->care_form;
  j["tier"] = tier_name(f.tier);
  j["exempt"] = e.verdict.exempt;
  j["rule"] = first.rule;
  j["code"] = first.code;
  j["text"] = first.text;
  auto all = J::array();
  for (const auto& x : e.verdict.exclusions) all.push_back({{"rule", x.rule}, {"code", x.code}, {"text", x.text}});
  j["exclusions"] = all;
  return j;
}

// The excluded offerings the result does not list one by one (core/excluded_summary.hpp).
J excluded_summary_json(const QueryResult& r) {
  auto out = J::array();
  for (const auto& s : excluded_summary(r)) {
    J row;
    row["tier"] = tier_name(s.tier);
    row["rule"] = *s.rule;
    row["code"] = *s.code;
    row["text"] = *s.text;
    row["count"] = s.count;
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace detail

namespace {
using detail::candidate_json;
using detail::excluded_json;
using detail::excluded_summary_json;

J notes_json(const std::vector<Note>& notes) {
  auto out = J::array();
  for (const auto& n : notes) out.push_back({{"code", n.code}, {"text", n.text}});
  return out;
}

J pick_json(const QueryResult& r, const std::optional<std::size_t>& pick, const Vocabulary& vocabulary) {
  if (!pick) return nullptr;
  const auto& e = r.evaluated[*pick];
  J j;
  j["offering"] = e.facts.offering->id;
  j["provider"] = e.facts.provider->id;
  j["rank"] = e.rank ? J(*e.rank) : J(nullptr);
  j["provider_name"] = e.facts.provider->name;
  j["care_form"] = e.facts.offering->care_form;
  j["municipality_name"] = e.municipality_name;
  j["tier"] = tier_name(e.facts.tier);
  j["free"] = e.facts.offering->capacity.free;
  j["wait_weeks"] = e.facts.offering->capacity.wait_weeks;
  j["wait_unknown"] = e.facts.wait_unknown;
  j["timely"] = e.facts.timely;
  j["maatwerk"] = !e.verdict.lifted.empty();
  j["identity_mismatch"] = e.facts.identity_mismatch;
  j["coordinated_by"] = coordinated_by_json(e.facts);
  j["reasons"] = reasons_json(e.verdict.reasons);
  j["notes"] = notes_json(plan_notes(r, *pick, vocabulary));
  return j;
}

J result_notes_json(const QueryResult& r) {
  auto notes = J::array();
  for (const auto& n : r.plan_notes) notes.push_back({{"rule", n.rule}, {"text", n.text}});
  for (const auto& n : result_notes(r)) notes.push_back({{"rule", nullptr}, {"code", n.code}, {"text", n.text}});
  return notes;
}

}  // namespace

const char* const kDecisionText =
    "Dit is een voorstel met redenen: passend stelt voor, het RET adviseert, de gemeente of de gecertificeerde "
    "instelling beslist (AVG art. 22).";

nlohmann::ordered_json result_to_json(const QueryResult& r, const Vocabulary& vocabulary) {
  J j;
  j["case"] = r.case_id;
  j["region"] = {{"code", r.case_facts.region}, {"name", r.case_facts.region_name}, {"network", r.case_facts.network}};
  j["reference_date"] = r.case_facts.reference_date.str();
  j["ruleset"] = {{"name", r.ruleset.name}, {"version", r.ruleset.version}, {"hash", r.ruleset.hash}};
  j["max_wait_weeks"] = {{"weeks", r.case_facts.max_wait_weeks},
                         {"source", r.case_facts.max_wait_is_default ? "default" : "case"}};
  auto candidates = J::array();
  for (std::size_t i : r.candidates) candidates.push_back(candidate_json(r.evaluated[i]));
  j["candidates"] = candidates;
  auto excluded = J::array();
  for (std::size_t i : r.excluded)
    if (listed_one_by_one(r.evaluated[i])) excluded.push_back(excluded_json(r.evaluated[i]));
  j["excluded"] = excluded;
  j["excluded_summary"] = excluded_summary_json(r);
  j["plan_a"] = pick_json(r, r.plan_a, vocabulary);
  j["plan_b"] = pick_json(r, r.plan_b, vocabulary);
  j["bridging"] = pick_json(r, r.bridging, vocabulary);
  if (r.gap) {
    j["gap"] = {{"region", r.case_facts.region}, {"care_forms", r.gap->care_forms}, {"expertise", r.gap->expertise},
                {"kind", r.gap->kind}, {"scope", r.gap->scope}};
  } else {
    j["gap"] = nullptr;
  }
  j["notes"] = result_notes_json(r);
  j["decision"] = kDecisionText;
  return j;
}

}  // namespace passend
