#pragma once
// Allocation of a network's scarce supra-regional places, as the CLI and the HTTP server give
// it: CASES.json -> eligibility by the query path (same rule set) -> priorities by the rule
// set's `priority` phase -> core/allocation.hpp -> result, audit records and, when committed,
// reservations. See docs/allocation.md. Single reservations: apps/service/reservations.hpp.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "apps/service/audit.hpp"
#include "apps/service/workspace.hpp"
#include "core/date.hpp"
#include "core/rule_host.hpp"

namespace passend::service {

struct AllocationRequest {
  std::string network;      // EXNnn
  std::string cases_bytes;  // CASES.json: a JSON array of CASE.json documents
  std::string cases_name;   // for messages: the file name
  Date reference_date;
  bool commit = false;        // record every assignment as a reservation
  std::optional<Date> until;  // end of those reservations; none: until released
  Actor actor;  // its name and scope go into every audit record
};

struct AllocationOutcome {
  nlohmann::ordered_json result;  // docs/formats.md "Allocation of supra-regional places"
  std::vector<std::int64_t> audit_ids;        // one per case (skipped ones too), in case-id order
  std::vector<std::int64_t> reservation_ids;  // with commit, one per assignment
};

// A case that already holds an active reservation (in any network: one place per case) is not
// allocated again; it is listed in `skipped` (code already_placed) and the others are allocated.
// Throws InvalidInput (bad request or cases), RuleError (a rule failed), Conflict (with commit,
// a place or a case was taken meanwhile). Writes nothing then; otherwise the audit records (one
// per case, skipped ones included) and reservations in one transaction. This one judges every
// case with `rules` (--rules DIR).
AllocationOutcome allocate_places(Context& ctx, RuleHost& rules, const AllocationRequest& request);
// Each case judged (eligibility and priorities) by the version of its own region's rule set on
// the reference date, as its query would be. The result's `ruleset` names that version when the
// cases share one, else the network's own (docs/allocation.md); `rulesets` lists every version
// with its cases, and each assignment and unassigned case names its own.
class RuleSetRegistry;
AllocationOutcome allocate_places(Context& ctx, RuleSetRegistry& rules, const AllocationRequest& request);

// The Dutch text of an allocation result, for a terminal.
std::string allocation_to_text(const nlohmann::ordered_json& result);

}  // namespace passend::service
