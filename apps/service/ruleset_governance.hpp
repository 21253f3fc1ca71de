#pragma once
// Rule governance (docs/rules.md, "Rule sets in the database"): how rule sets get into the
// database and change there. Every change is a proposal on a base — the version in force when
// it was made — that keeps what it changes and its dry run over the recent advices of the
// regions that use the rule set; a second person approves it from a date on. A proposal whose
// base is no longer the active version cannot be made or approved (no lost updates); a rollback
// is a proposal too, of an earlier version with its own hash. The CLI (`passend rules …`) and
// the HTTP API call the same functions.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "apps/service/scopes.hpp"
#include "apps/service/workspace.hpp"
#include "core/date.hpp"

namespace passend::service {

// Who acts. On the command line only a name (--actor, default the OS user); over HTTP the
// token's label, role and scope.
struct RuleSetActor {
  std::string name;
  std::string role;  // "" on the CLI; "contract_manager" or "admin" over HTTP
  Scope scope;       // a scoped contract manager acts only on rule sets of its own regions
  bool via_api = false;
};

// The answer to install, propose and rollback.
struct ProposalMade {
  std::int64_t proposal = 0;
  std::string ruleset, base, version, hash;  // base: "" for the first version of a rule set
  nlohmann::ordered_json dry_run;            // {"advices", "changed", ...} (summary)
  std::vector<std::string> protected_changes;
};
nlohmann::ordered_json proposal_made_json(const ProposalMade& made);

// ---- passend init ----

// The bundled default rule set as the active version of `default` for every date, assigned as
// the default; on a database that has it, a newer bundled default becomes a proposal (by
// "passend init") for a person to approve. Versions kept in a `<db>.rulesets/` folder by v1
// are moved into the database first, with their history, and the folder is removed. Returns
// lines for the command's output.
std::vector<std::string> install_bundled_rules(Context& ctx, const std::string& rules_dir);

// ---- proposals ----

// `rules install`: the folder's rule set as a proposal of a new version of its name. RuleError
// (exit 3) unless `rules check` and its scenario tables pass (their report goes to `report`);
// Conflict when the version is stored already.
ProposalMade install_rule_set(Context& ctx, const std::string& dir, const std::string& comment, const RuleSetActor& actor,
                              std::ostream& report);

struct ParameterChange {
  std::string ruleset;
  // What changes, in the shape of params.json, applied on top of the base's params.json: objects
  // merge key by key (a rule's parameters, a map's keys, the settings), null removes a key
  // (back to the rule's default), lists and values replace, "disabled" replaces the list.
  nlohmann::json params;
  std::string params_file;     // where messages point: the PARAMS.json file, or "request body"
  std::string params_pointer;  // the document's place in that file: "" or "/params"
  std::string base;            // the version the proposer started from
  std::string comment;
  std::string comment_field = "--comment";  // for messages: "--comment" or "/comment"
};

// `rules propose`: a parameter change as a proposal of version "<base>+p<id>". Conflict naming
// the active version when `base` is no longer it; InvalidInput (pointers into the parameters)
// for a value of the wrong type, outside its declared range, or no change at all.
ProposalMade propose_parameters(Context& ctx, const ParameterChange& change, const RuleSetActor& actor);

// `rules rollback`: a proposal that brings back an earlier approved version (the same files,
// the same hash). InvalidInput for an unknown version or the one already active.
ProposalMade propose_rollback(Context& ctx, const std::string& ruleset, const std::string& to, const std::string& comment,
                              const RuleSetActor& actor);

// What the parameter change would do to recent advice, without storing anything (the proposal
// page's dry run before sending): the same dry run a proposal keeps, audited.
nlohmann::ordered_json try_parameters(Context& ctx, const ParameterChange& change, int limit, const RuleSetActor& actor);

struct Approved {
  std::int64_t proposal = 0;
  std::string ruleset, version, hash, active_from;
  std::vector<std::int64_t> withdrawn;  // other proposals on the same base, now stale
};
nlohmann::ordered_json approved_json(const Approved& a);

// `rules approve`: makes the proposal the active version from `from` (default today). Conflict
// when the approver made the proposal (four eyes), when it is no longer open, or when its base
// is no longer the active version; Forbidden over HTTP when it changes a protected rule and the
// approver is no admin. Other open proposals of the rule set are withdrawn: their base moved on.
Approved approve_proposal(Context& ctx, std::int64_t id, std::optional<Date> from, const RuleSetActor& actor);

// Withdraws an open proposal (its maker changing their mind, or a second person turning it down).
void withdraw_proposal(Context& ctx, std::int64_t id, const std::string& note, const RuleSetActor& actor);

// ---- assignments ----

// `rules assign`: which rule set a region (JZnn), a network (EXNnn) or the default ("*") uses.
// Returns a line for the output (says when the rule set has no version in force yet).
std::string assign_rule_set(Context& ctx, const std::string& ruleset, const std::string& scope, const RuleSetActor& actor);

// ---- reading ----

// Every version and proposal, oldest first (docs/formats.md): ruleset, version, hash, proposal,
// kind, status (proposed, active, superseded, withdrawn), proposed_by, proposed_at, approved_by,
// approved_at, comment, base, active_from, active_until, in_force, changes, protected_changes,
// dry_run {advices, changed}.
nlohmann::ordered_json history_json(Context& ctx, const std::string& ruleset, Date today);
std::string history_text(const nlohmann::ordered_json& history);

// One proposal with its changes and whole dry run; the changed advices of regions outside
// `regions` (a scoped reader) are left out. nullopt when there is no such proposal.
std::optional<nlohmann::ordered_json> proposal_json(Context& ctx, std::int64_t id,
                                                    const std::optional<std::set<std::string>>& regions, Date today);
// The proposals with a status ("" for all), oldest first, without their dry runs' details.
nlohmann::ordered_json proposals_json(Context& ctx, const std::string& status, Date today);

// The rule sets: each with the version in force today, the latest approval (the base of new
// proposals), the regions that use it today, the open proposals; and the assignments.
nlohmann::ordered_json rulesets_json(Context& ctx, Date today);
// One rule set's overview, or nullopt when none by that name is stored.
std::optional<nlohmann::ordered_json> ruleset_json(Context& ctx, const std::string& ruleset, Date today);

// The regions whose queries the rule set answers on `date` (assignment chain and fallbacks).
std::set<std::string> regions_using(Context& ctx, const std::string& ruleset, Date date);

// A stored version's params.json ({} when it has none).
nlohmann::ordered_json version_params(Context& ctx, std::int64_t release);

// The version new proposals start from (the latest approval): its release id; nullopt when the
// rule set has no approved version or is not stored.
std::optional<std::int64_t> head_release(Context& ctx, const std::string& ruleset);

}  // namespace passend::service
