// Mirrors core/result_json.cpp key for key: a change to the result's form is made in both, and
// tests/result_stream_test.cpp compares the two byte for byte.
#include "core/result_stream.hpp"

#include <optional>
#include <vector>

#include "core/dutch_number.hpp"
#include "core/excluded_summary.hpp"
#include "core/json_writer.hpp"

namespace passend {

namespace {

void rank(JsonWriter& w, const std::optional<int>& rank) {
  w.key("rank");
  if (rank) w.integer(*rank);
  else w.null();
}

void coordinated_by(JsonWriter& w, const CandidateFacts& f) {
  w.key("coordinated_by");
  if (f.coordinated_by) w.string(f.coordinated_by->code);
  else w.null();
}

void reasons(JsonWriter& w, const std::vector<Reason>& reasons) {
  w.key("reasons");
  w.begin_array();
  for (const auto& r : reasons) {
    w.begin_object();
    w.field("rule", r.rule);
    w.field_real("effect", round_decimals(r.effect, 2));
    w.field("text", r.text);
    w.end_object();
  }
  w.end_array();
}

void exclusion_fields(JsonWriter& w, const Exclusion& x) {
  w.field("rule", x.rule);
  w.field("code", x.code);
  w.field("text", x.text);
}

void candidate(JsonWriter& w, const CandidateResult& e) {
  const auto& f = e.facts;
  const auto& o = *f.offering;
  w.begin_object();
  rank(w, e.rank);
  w.field("provider", f.provider->id);
  w.field("provider_name", f.provider->name);
  w.field("location", f.location->id);
  w.field("municipality", f.location->municipality);
  w.field("municipality_name", e.municipality_name);
  w.field("offering", o.id);
  w.field("care_form", o.care_form);
  w.field("tier", tier_name(f.tier));
  w.field("region", f.region);
  w.field("region_name", f.region_name);
  w.field_bool("contracted", f.contract == ContractStatus::active && f.provider->in_network);
  w.field("contract", contract_status_name(f.contract));
  w.field_bool("maatwerk", !e.verdict.lifted.empty());
  w.field_bool("supra_regional", o.supra_regional);
  coordinated_by(w, f);
  w.field_bool("reserved_for_case", f.reserved_for_case);
  w.field_bool("exempt", e.verdict.exempt);
  w.field_int("free", o.capacity.free);
  w.field_int("places", o.capacity.places);
  w.field_int("wait_weeks", o.capacity.wait_weeks);
  w.field_bool("wait_unknown", f.wait_unknown);
  w.field_bool("timely", f.timely);
  w.field_bool("stale", e.verdict.stale);
  w.field("capacity_updated", o.capacity.updated.str());
  w.field_bool("identity_mismatch", f.identity_mismatch);
  w.field_real("distance_km", round_decimals(f.distance_km, 1));
  w.field_real("score", round_decimals(e.verdict.score, 2));
  reasons(w, e.verdict.reasons);
  w.key("lifted");
  w.begin_array();
  for (const auto& l : e.verdict.lifted) {
    w.begin_object();
    exclusion_fields(w, l.exclusion);
    w.field("lifted_by", l.by_rule);
    w.field("approval", l.text);
    w.end_object();
  }
  w.end_array();
  if (!f.provider->urgent_contact.empty()) w.field("urgent_contact", f.provider->urgent_contact);
  w.end_object();
}

void excluded(JsonWriter& w, const CandidateResult& e) {
  const auto& f = e.facts;
  w.begin_object();
  w.field("provider", f.provider->id);
  w.field("provider_name", f.provider->name);
  w.field("location", f.location->id);
  w.field("offering", f.offering->id);
  w.field("care_form", f.offering->care_form);
  w.field("tier", tier_name(f.tier));
  w.field_bool("exempt", e.verdict.exempt);
  exclusion_fields(w, e.verdict.exclusions.front());
  w.key("exclusions");
  w.begin_array();
  for (const auto& x : e.verdict.exclusions) {
    w.begin_object();
    exclusion_fields(w, x);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void summary(JsonWriter& w, const QueryResult& r) {
  w.key("excluded_summary");
  w.begin_array();
  for (const auto& s : excluded_summary(r)) {
    w.begin_object();
    w.field("tier", tier_name(s.tier));
    w.field("rule", *s.rule);
    w.field("code", *s.code);
    w.field("text", *s.text);
    w.key("count");
    w.unsigned_integer(s.count);
    w.end_object();
  }
  w.end_array();
}

void pick(JsonWriter& w, const char* name, const QueryResult& r, const std::optional<std::size_t>& pick,
          const Vocabulary& vocabulary) {
  w.key(name);
  if (!pick) return w.null();
  const auto& e = r.evaluated[*pick];
  const auto& f = e.facts;
  w.begin_object();
  w.field("offering", f.offering->id);
  w.field("provider", f.provider->id);
  rank(w, e.rank);
  w.field("provider_name", f.provider->name);
  w.field("care_form", f.offering->care_form);
  w.field("municipality_name", e.municipality_name);
  w.field("tier", tier_name(f.tier));
  w.field_int("free", f.offering->capacity.free);
  w.field_int("wait_weeks", f.offering->capacity.wait_weeks);
  w.field_bool("wait_unknown", f.wait_unknown);
  w.field_bool("timely", f.timely);
  w.field_bool("maatwerk", !e.verdict.lifted.empty());
  w.field_bool("identity_mismatch", f.identity_mismatch);
  coordinated_by(w, f);
  reasons(w, e.verdict.reasons);
  w.key("notes");
  w.begin_array();
  for (const auto& n : plan_notes(r, *pick, vocabulary)) {
    w.begin_object();
    w.field("code", n.code);
    w.field("text", n.text);
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

void strings(JsonWriter& w, const char* name, const std::vector<std::string>& values) {
  w.key(name);
  w.begin_array();
  for (const auto& v : values) w.string(v);
  w.end_array();
}

void gap(JsonWriter& w, const QueryResult& r) {
  w.key("gap");
  if (!r.gap) return w.null();
  w.begin_object();
  w.field("region", r.case_facts.region);
  strings(w, "care_forms", r.gap->care_forms);
  strings(w, "expertise", r.gap->expertise);
  w.field("kind", r.gap->kind);
  w.field("scope", r.gap->scope);
  w.end_object();
}

void notes(JsonWriter& w, const QueryResult& r) {
  w.key("notes");
  w.begin_array();
  for (const auto& n : r.plan_notes) {
    w.begin_object();
    w.field("rule", n.rule);
    w.field("text", n.text);
    w.end_object();
  }
  for (const auto& n : result_notes(r)) {
    w.begin_object();
    w.field_null("rule");
    w.field("code", n.code);
    w.field("text", n.text);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

std::string result_to_json_text(const QueryResult& r, const Vocabulary& vocabulary) {
  std::size_t listed = r.candidates.size();
  for (std::size_t i : r.excluded) listed += listed_one_by_one(r.evaluated[i]) ? 1 : 0;
  std::string out;
  out.reserve(8192 + 700 * listed);  // a listed offering takes some 300 to 700 bytes: one allocation

  JsonWriter w(out);
  w.begin_object();
  w.field("case", r.case_id);
  w.key("region");
  w.begin_object();
  w.field("code", r.case_facts.region);
  w.field("name", r.case_facts.region_name);
  w.field("network", r.case_facts.network);
  w.end_object();
  w.field("reference_date", r.case_facts.reference_date.str());
  w.key("ruleset");
  w.begin_object();
  w.field("name", r.ruleset.name);
  w.field("version", r.ruleset.version);
  w.field("hash", r.ruleset.hash);
  w.end_object();
  w.key("max_wait_weeks");
  w.begin_object();
  w.field_int("weeks", r.case_facts.max_wait_weeks);
  w.field("source", r.case_facts.max_wait_is_default ? "default" : "case");
  w.end_object();
  w.key("candidates");
  w.begin_array();
  for (std::size_t i : r.candidates) candidate(w, r.evaluated[i]);
  w.end_array();
  w.key("excluded");
  w.begin_array();
  for (std::size_t i : r.excluded)
    if (listed_one_by_one(r.evaluated[i])) excluded(w, r.evaluated[i]);
  w.end_array();
  summary(w, r);
  pick(w, "plan_a", r, r.plan_a, vocabulary);
  pick(w, "plan_b", r, r.plan_b, vocabulary);
  pick(w, "bridging", r, r.bridging, vocabulary);
  gap(w, r);
  notes(w, r);
  w.field("decision", kDecisionText);
  w.end_object();
  return out;
}

}  // namespace passend
