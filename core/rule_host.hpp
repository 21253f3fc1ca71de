#pragma once
// The interface between the matching engine and a rule set. The engine prepares facts once
// per query and hands the rule host whole batches; the Lua host (plugins/) is one
// implementation, tests use a mock. Compare OSRM's ScriptingEnvironment.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/model.hpp"
#include "core/regions.hpp"

namespace passend {

struct RuleSetIdentity {
  std::string name;
  std::string version;
  std::string hash;  // "sha256:<hex>" over every file of the rule set
};

// Facts about the case, prepared once per query.
struct CaseFacts {
  const Case* case_ = nullptr;
  std::string region;       // from the responsible municipality (woonplaatsbeginsel)
  std::string region_name;
  std::string network;
  Date reference_date;
  std::optional<int> weeks_waiting;  // since `registered`, when given
  // How long the case can wait for plan A: its own max_wait_weeks, or the rule set's default
  // for its urgency (RuleHost::default_max_wait_weeks) when the case gives none.
  int max_wait_weeks = 0;
  bool max_wait_is_default = false;
};

// Contract status of a provider for this case's region (or its network) and the lot of the
// offering's care form, on the reference date.
enum class ContractStatus {
  active,       // active and the reference date lies in [from, until]
  not_started,  // active, but starts after the reference date
  expired,      // active on paper, but `until` lies before the reference date
  suspended,
  ended,
  wrong_lot,    // a contract with the region exists, but for another lot
  none,         // no contract with the region or its network
};
const char* contract_status_name(ContractStatus s);

// Facts about one offering seen from one case, prepared by the engine.
struct CandidateFacts {
  const Provider* provider = nullptr;
  const Location* location = nullptr;
  const Offering* offering = nullptr;
  std::string region;       // of the location
  std::string region_name;
  std::string network;      // of the location's region
  Tier tier = Tier::national;
  double distance_km = 0;            // case municipality to location municipality
  std::optional<double> near_km;     // to the nearest preferred municipality, when the case names any
  int care_form_rank = 0;            // 0 = most home-like
  std::string lot;                   // the contract lot of the care form in the case's region
  ContractStatus contract = ContractStatus::none;
  std::string contract_via;          // "region" | "network" | "" (when none)
  // A free place now, or a known wait within the case's max_wait_weeks. A full place that reports
  // a wait of 0 weeks has an unknown wait (wait_unknown), and is not timely.
  bool timely = false;
  bool wait_unknown = false;
  bool identity_mismatch = false;    // the case asks an identity and the offering has another one
  // For a supra-regional (scarce) place: the network whose coordinator allocates it, the network
  // of the location's region. A query never takes such a place.
  const Network* coordinated_by = nullptr;
  bool reserved_for_case = false;    // the case itself holds a reservation here (its place)
  int capacity_age_days = 0;         // reference date minus capacity.updated
  bool bridging_pool = false;        // evaluated only as a possible bridging offer
};

struct Reason {
  std::string rule;
  double effect = 0;
  std::string text;  // Dutch
};

struct Exclusion {
  std::string rule;
  std::string code;  // stable, e.g. "rejected", "no_contract"
  std::string text;  // Dutch
};

// A hard exclusion lifted by an exception rule (maatwerk): kept visible, never hidden.
struct LiftedExclusion {
  Exclusion exclusion;
  std::string by_rule;
  std::string text;  // Dutch: who approved, when, why
};

// What the rules decided about one candidate.
struct Verdict {
  std::vector<Exclusion> exclusions;  // not lifted: the candidate is excluded when non-empty
  std::vector<LiftedExclusion> lifted;
  std::vector<Reason> reasons;        // score reasons, in rule order
  double score = 0;
  bool stale = false;                 // derived by a classify rule
  bool exempt = false;                // exempt from the in-region ladder (derived by a classify rule)
  std::vector<double> order_keys;     // lexicographic, lower first; from the order rules in order
  bool excluded() const { return !exclusions.empty(); }
};

// The standard wait a case can bear for plan A when it gives no max_wait_weeks.
struct DefaultMaxWait {
  int crisis = 0;
  int high = 2;
  int normal = 6;
  int for_urgency(const std::string& urgency) const;
};

struct Gap {
  std::string kind;              // "absent" | "no_capacity"
  std::string scope = "region";  // "region" | "national" (exempt care nobody anywhere gives in time)
  std::vector<std::string> care_forms;
  std::vector<std::string> expertise;
};

// The plan phase's outcome: indices into the candidate batch.
struct PlanOutcome {
  std::optional<std::size_t> plan_a, plan_b, bridging;
  std::optional<Gap> gap;
  std::vector<Reason> notes;  // why (e.g. "plan A is niet tijdig: overbrugging nodig")
};

// When and where the engine evaluates the bridging pool (offerings of bridging care forms the
// case did not ask for). The pool is most of what a national query would evaluate, and it only
// matters when plan A is not timely (docs/rules.md, "Settings"; docs/performance.md).
struct BridgingPoolPolicy {
  // false: evaluate the pool with every query. true: evaluate the asked care forms first; the pool
  // is added, and the query evaluated again with it, only when that gives no timely plan A.
  bool only_when_plan_a_not_timely = false;
  std::vector<Tier> tiers;  // the tiers of the pool's offerings; empty = every tier
};

// What a rule set says about itself, for people: every rule and parameter with its Dutch label
// and explanation, the declared types and ranges, and the values in force (docs/rules.md). The
// API's description of a rule set and the tuning pages are built from it.
struct ParamDescription {
  std::string name;
  std::string label;        // Dutch; the name when the rule gives none
  std::string description;  // the short description every parameter has
  std::string explanation;  // Dutch: what the parameter does, in a sentence or two ("" when none)
  std::string type;         // number, integer, boolean, string, list, map
  nlohmann::json default_value, value;
  bool overridden = false;  // set in params.json
  std::vector<nlohmann::json> one_of;
  std::string vocabulary, key_vocabulary;
  std::vector<std::string> keys;
  std::map<std::string, std::string> key_labels;  // Dutch words for the keys of a map
  std::optional<double> min, max;                 // declared range of a number (or of a list's or map's numbers)
};

struct RuleDescription {
  std::string name, label, description, explanation, version, phase, file;
  long long priority = 0;
  bool disabled = false;
  bool is_protected = false;  // listed under "protected" in ruleset.json
  std::vector<ParamDescription> params;
};

struct RuleSetDescription {
  RuleSetIdentity identity;
  std::string description;
  std::vector<RuleDescription> rules;  // in evaluation order
  nlohmann::ordered_json settings = nlohmann::ordered_json::object();
};

class RuleHost {
 public:
  virtual ~RuleHost() = default;
  virtual const RuleSetIdentity& identity() const = 0;
  // Care forms the engine should evaluate besides the case's own, as possible bridging offers.
  virtual std::vector<std::string> bridging_care_forms() const = 0;
  // The rule set's choice for the bridging pool; the default is every query, every tier.
  virtual BridgingPoolPolicy bridging_pool_policy() const { return {}; }
  // How long a case without its own max_wait_weeks can wait, per urgency.
  virtual DefaultMaxWait default_max_wait() const { return {}; }
  // Optional per-region lot overrides from the rule set's parameters (region -> care form -> lot).
  virtual std::optional<std::string> lot_override(const std::string& region, const std::string& care_form) const = 0;
  // Prerequisites: filter rules that declare the few facts they depend on ("depends_on",
  // docs/rules.md) can be applied before evaluate(), once per distinct combination of those
  // facts. Returns one list per candidate: the exclusions of those rules (empty: it passes).
  // The engine settles an offering they exclude without evaluating it further, unless the case
  // carries maatwerk (exceptions must see every exclusion then). An empty result: no such rules.
  // Throws RuleError.
  virtual std::vector<std::vector<Exclusion>> prefilter(const CaseFacts& /*facts*/,
                                                        const std::vector<CandidateFacts>& /*candidates*/) {
    return {};
  }
  // Whether each candidate is exempt care (the `exempt` a classify rule derives), for offerings
  // a prerequisite settled without the other rules: the result lists exempt care of any tier one
  // by one (docs/formats.md, "excluded_summary"). The default runs evaluate(); a host that can
  // run the classify phase alone does that. Must be called before evaluate() of the same query.
  virtual std::vector<bool> classify_exempt(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates);
  // Runs the classify, filter, exception, score and order phases over a batch of candidates.
  // Returns one verdict per candidate, in the same order. Throws RuleError.
  virtual std::vector<Verdict> evaluate(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) = 0;
  // Runs the plan phase. `ranked` holds indices of admitted candidates in rank order (bridging
  // pool included, flagged in its facts). Throws RuleError.
  virtual PlanOutcome plan(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates,
                           const std::vector<Verdict>& verdicts, const std::vector<std::size_t>& ranked) = 0;
  // The priority phase, for allocating scarce supra-regional places: one list of reasons per
  // candidate of the batch the last evaluate() saw (a case's claim on that place); the priority
  // is the sum of their effects. The default: no priority rules, every claim weighs 0.
  virtual std::vector<std::vector<Reason>> priorities(const CaseFacts& /*facts*/,
                                                      const std::vector<CandidateFacts>& candidates,
                                                      const std::vector<Verdict>& /*verdicts*/) {
    return std::vector<std::vector<Reason>>(candidates.size());
  }
  // The rules and parameters for people (labels, explanations, ranges, values in force). The
  // default: the identity alone, no rules declared.
  virtual RuleSetDescription describe() const { return {identity(), "", {}, nlohmann::ordered_json::object()}; }
};

}  // namespace passend
