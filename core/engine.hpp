#pragma once
// The matching engine: from a case and the inkoopnetwerk to candidates with reasons,
// exclusions with rules and codes, plan A / plan B / bridging and a gap signal.
//
// The query path: resolve region and network -> prepare facts once (tier, distance, contract
// status, timeliness, capacity age) -> rules (classify, filter, exception, score, order) ->
// ranking -> plan rules -> result. The engine depends only on the RuleHost interface.
#include <deque>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/held_places.hpp"
#include "core/model.hpp"
#include "core/regions.hpp"
#include "core/rule_host.hpp"
#include "core/vocabulary.hpp"

namespace passend {

struct CandidateResult {
  CandidateFacts facts;
  std::string municipality_name;  // of the location
  Verdict verdict;
  std::optional<int> rank;  // 1-based among the case's candidates; none for bridging-pool offerings
};

// A sentence a RET member must see, with a stable code for programs.
struct Note {
  std::string code;
  std::string text;  // Dutch
};

struct QueryResult {
  std::string case_id;
  CaseFacts case_facts;
  RuleSetIdentity ruleset;
  std::vector<CandidateResult> evaluated;  // every evaluated offering (asked care forms and bridging pool)
  // evaluated[0 .. by_rules) went through the rules (the batch evaluate() and plan() saw); the
  // rest were settled by a prerequisite.
  std::size_t by_rules = 0;
  std::vector<std::size_t> candidates;     // indices into evaluated, in rank order (asked care forms only)
  std::vector<std::size_t> excluded;       // indices into evaluated, sorted by provider then offering
  std::optional<std::size_t> plan_a, plan_b, bridging;
  std::optional<Gap> gap;
  std::vector<Reason> plan_notes;
  // Copies of the offerings where other cases hold places (their free count lowered), which
  // the facts of those offerings point to; shared, so a copied result points to live ones too.
  std::shared_ptr<const std::deque<Offering>> held_elsewhere;

  const CandidateResult* find_offering(const std::string& offering_id) const;
};

// Prepares facts for a case: its region and network, the waiting time since registration, and
// how long it can wait for plan A (its own max_wait_weeks, else the default for its urgency).
CaseFacts make_case_facts(const Case& c, const RegionGraph& regions, Date reference_date,
                          const DefaultMaxWait& default_max_wait = {});

// Runs one query. Throws RuleError when a rule fails; InvalidInput when the case names an
// unknown municipality. Deterministic: ties are broken by provider, location and offering id.
// `held`: the places reservations hold on the reference date (core/held_places.hpp); the
// network is read, never changed, so one registry snapshot can serve many queries at once.
// The network must outlive the result (its facts point into it).
QueryResult run_query(const Case& c, const ProviderNetwork& network, const RegionGraph& regions,
                      const Vocabulary& vocabulary, RuleHost& rules, Date reference_date,
                      const HeldPlaces& held = HeldPlaces{});

// The registry read on demand: with_pool false asks for the offerings of the case's care forms
// only, true for those plus the bridging care forms. A query that does not need the bridging
// pool (the rule set's bridging_pool setting) never asks for it, so a caller reading from a
// database can skip most of a national registry. The returned network must outlive the result.
using NetworkLoader = std::function<const ProviderNetwork&(bool with_pool)>;

QueryResult run_query(const Case& c, const NetworkLoader& network, const RegionGraph& regions,
                      const Vocabulary& vocabulary, RuleHost& rules, Date reference_date, const HeldPlaces& held);

// Whether the result lists an excluded offering one by one in `excluded`: those of the region,
// adjacent and network tiers, and exempt care of any tier. The others (national tier) are
// counted in `excluded_summary` per tier and first exclusion; `passend explain` gives any one.
bool listed_one_by_one(const CandidateResult& e);

// The query result as JSON (ordered keys; scores and distances rounded for stable output).
nlohmann::ordered_json result_to_json(const QueryResult& r, const Vocabulary& vocabulary);

// passend explain: one offering's whole verdict for the case, exactly as the query gave it (its
// facts, every exclusion, lifted exclusion and reason, its rank and plan role, and where the
// query's result shows it). nullopt when the query did not evaluate the offering.
std::optional<nlohmann::ordered_json> explain_to_json(const QueryResult& r, const std::string& offering_id,
                                                      const Vocabulary& vocabulary);
// The same in Dutch for a terminal.
std::string explain_to_text(const nlohmann::ordered_json& explained, const Vocabulary& vocabulary);

namespace detail {
// One candidate and one listed exclusion as the result shows them (core/result_json.cpp).
nlohmann::ordered_json candidate_json(const CandidateResult& e);
nlohmann::ordered_json excluded_json(const CandidateResult& e);
}  // namespace detail

// The notes on one plan (an index into r.evaluated): maatwerk used, an unknown or too long wait,
// stale capacity, an identity other than the family's wish, a place coordinated by the network.
std::vector<Note> plan_notes(const QueryResult& r, std::size_t pick, const Vocabulary& vocabulary);
// The engine's notes on the whole advice (e.g. the default max_wait_weeks was used).
std::vector<Note> result_notes(const QueryResult& r);

// The closing sentence of every advice: passend proposes, the RET advises, the gemeente or the
// gecertificeerde instelling decides.
extern const char* const kDecisionText;

// The Dutch text advice for a terminal (readable at 100 columns), rendered from the JSON result
// so that a stored advice (audit) prints the same way.
std::string result_to_text(const nlohmann::ordered_json& result, const Vocabulary& vocabulary);

}  // namespace passend
