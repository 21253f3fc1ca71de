#pragma once
// Retention: case records (audit records that name a case, their gap signals, kept case
// documents, ended reservations, and the RET's case records with their timelines) are removed once they are older than the retention period
// (the RET handbooks: 15 years). This is the only way audit records are ever deleted; a
// database trigger refuses every other DELETE (schema.cpp, migration 5).
#include <cstdint>
#include <string>

#include "core/date.hpp"
#include "providers/sqlite.hpp"

namespace passend::db {

inline constexpr int kDefaultRetentionYears = 15;

struct PurgeCounts {
  int audit = 0;        // audit records of cases
  int gap = 0;          // gap signals (leemtes)
  int replay_case = 0;  // case documents kept for rule-tuning dry runs
  int reservation = 0;  // reservations that ended
  int case_record = 0;  // case records whose last change lies before the cut-off (docs/cases.md)
  int case_event = 0;   // their timeline events
};

struct PurgeRequest {
  Date before;   // records from before this day go
  Date today;    // the day the retention period is counted back from
  int retention_years = kDefaultRetentionYears;
  std::string actor;  // for the purge's own audit record
};

// The last day a purge may name: `retention_years` before `today` (29 February becomes 28).
Date retention_limit(Date today, int retention_years);

// Removes the case records older than request.before in one transaction and appends an audit
// record (action "purge") with the cut-off and the counts, never case content. InvalidInput
// when `before` lies inside the retention period or retention_years is not 1..100.
// Returns the counts and the id of the purge's audit record.
PurgeCounts purge_case_records(Database& db, const PurgeRequest& request, std::int64_t* audit_id = nullptr);

}  // namespace passend::db
