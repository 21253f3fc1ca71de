// The sentences a RET member must see on a plan and on the whole advice: what the ranking alone
// does not say (maatwerk used, an unknown or too long wait, stale figures, an identity that is
// not the family's wish, a scarce place that goes through the network's coordinator).
#include "core/engine.hpp"

namespace passend {

namespace {

std::string weeks(int n) { return std::to_string(n) + (n == 1 ? " week" : " weken"); }

std::string max_wait_text(const CaseFacts& cf, const Vocabulary& v) {
  std::string out = weeks(cf.max_wait_weeks);
  if (cf.max_wait_is_default) out += " (standaard bij urgentie " + v.dutch(cf.case_->urgency) + ")";
  return out;
}

std::string lifted_text(const Verdict& verdict) {
  std::vector<std::string> texts;
  for (const auto& l : verdict.lifted) texts.push_back(l.exclusion.text);
  return "alleen via maatwerk: " + join(texts, "; ") + " (" + verdict.lifted.front().text + ")";
}

std::optional<Note> waiting_note(const CandidateResult& e, const CaseFacts& cf, const Vocabulary& v) {
  const CandidateFacts& f = e.facts;
  if (f.wait_unknown)
    return Note{"wait_unknown", "geen plek vrij en geen wachttijd opgegeven: de wachttijd is onbekend; vraag die na bij de aanbieder"};
  if (f.timely) return std::nullopt;
  return Note{"not_timely", "niet tijdig: wachttijd " + weeks(f.offering->capacity.wait_weeks) + ", terwijl de jeugdige " +
                                max_wait_text(cf, v) + " kan wachten"};
}

}  // namespace

std::vector<Note> plan_notes(const QueryResult& r, std::size_t pick, const Vocabulary& v) {
  const CandidateResult& e = r.evaluated.at(pick);
  const CandidateFacts& f = e.facts;
  const Offering& o = *f.offering;
  std::vector<Note> out;
  if (f.reserved_for_case)
    out.push_back({"reserved_for_case", "deze plek is al voor deze casus gereserveerd"});
  if (!e.verdict.lifted.empty()) out.push_back({"maatwerk", lifted_text(e.verdict)});
  if (auto n = waiting_note(e, r.case_facts, v)) out.push_back(*n);
  if (e.verdict.stale)
    out.push_back({"stale", "capaciteit niet actueel (laatst bijgewerkt " + o.capacity.updated.str() +
                                "): vraag de actuele stand na bij de aanbieder"});
  if (f.identity_mismatch)
    out.push_back({"identity_mismatch", "identiteit " + v.dutch(o.identity) + " wijkt af van de wens van ouders en jeugdige (" +
                                            v.dutch(r.case_facts.case_->preferred_identity) + "); bespreek dit met hen"});
  if (f.coordinated_by && f.reserved_for_case)
    out.push_back({"coordinated_by", "bovenregionale plek van " + f.coordinated_by->name + " (" + f.coordinated_by->code +
                                         "), via de coördinator van het netwerk voor deze casus gereserveerd"});
  else if (f.coordinated_by)
    out.push_back({"coordinated_by", "bovenregionale plek van " + f.coordinated_by->name + " (" + f.coordinated_by->code +
                                         "): aanvragen via de coördinator van het netwerk; dit advies reserveert de plek niet"});
  return out;
}

std::vector<Note> result_notes(const QueryResult& r) {
  std::vector<Note> out;
  const CaseFacts& cf = r.case_facts;
  if (cf.max_wait_is_default)
    out.push_back({"default_max_wait", "geen maximale wachttijd opgegeven: tijdig betekent hier binnen " +
                                           weeks(cf.max_wait_weeks) + ", de standaard van de regelset bij deze urgentie"});
  return out;
}

}  // namespace passend
