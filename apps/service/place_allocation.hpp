#pragma once
// Allocation of a network's scarce supra-regional places and single reservations, as the CLI
// (and later the HTTP server) give them: CASES.json -> eligibility by the query path (same rule
// set) -> priorities by the rule set's `priority` phase -> core/allocation.hpp -> result,
// audit records and, when committed, reservations. See docs/allocation.md.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "plugins/lua_host.hpp"
#include "core/regions.hpp"
#include "providers/sqlite.hpp"
#include "core/vocabulary.hpp"

namespace passend::service {

struct AllocationRequest {
  std::string network;      // EXNnn
  std::string cases_bytes;  // CASES.json: a JSON array of CASE.json documents
  std::string cases_name;   // for messages: the file name
  Date reference_date;
  bool commit = false;        // record every assignment as a reservation
  std::optional<Date> until;  // end of those reservations; none: until released
  std::string actor;
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
// per case, skipped ones included) and reservations in one transaction.
AllocationOutcome allocate_places(db::Database& db, const RegionGraph& regions, const Vocabulary& vocabulary,
                                  LuaRuleHost& rules, const AllocationRequest& request);

// The Dutch text of an allocation result, for a terminal.
std::string allocation_to_text(const nlohmann::ordered_json& result);

struct ReservationOutcome {
  nlohmann::ordered_json result;
  std::int64_t audit_id = 0;
};

// One place for one case (providers/reservations.hpp), with its audit record, in one immediate
// transaction. Conflict when no place is free or the case already holds one.
ReservationOutcome reserve_place(db::Database& db, const std::string& case_id, const std::string& offering,
                                 std::optional<Date> until, Date reference_date, const std::string& actor);
// Gives a case's place back, with its audit record. Conflict when it holds none there.
ReservationOutcome release_place(db::Database& db, const std::string& case_id, const std::string& offering,
                                 Date reference_date, const std::string& actor);

}  // namespace passend::service
