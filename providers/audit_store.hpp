#pragma once
// The audit trail (who asked what, with which rules and data, and what was advised) and the
// gap signals (leemtes) for the signaleren report. Audit records are append-only.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "providers/sqlite.hpp"

namespace passend::db {

struct AuditEntry {
  std::string actor;   // OS user or API token label
  std::string action;  // "query", "allocate", ...
  std::string case_id;
  std::string case_hash;  // sha256 of the case document as given
  std::string reference_date;
  std::string ruleset_name, ruleset_version, ruleset_hash;
  std::optional<std::int64_t> import_id;
  std::optional<std::string> plan_a, plan_b, bridging;  // offering ids
  std::string result_hash;  // "sha256:" of `result`; set by append_audit (what is given is ignored)
  std::string result;       // the result JSON
  std::string scope;        // the token's scope ("region:JZ21", ...); "" unscoped or the CLI
  std::string region;       // the case's region, for scoped reading; "" when the record has no case region
};

struct AuditRecord : AuditEntry {
  std::int64_t id = 0;
  std::string at;  // UTC, ISO 8601
};

struct GapSignal {
  std::string case_id;
  std::string region;
  std::string kind;              // absent | no_capacity
  std::string scope = "region";  // region | national (exempt care nobody anywhere gives in time)
  std::vector<std::string> care_forms;
  std::vector<std::string> expertise;
  std::string reference_date;
};

// Appends an audit record in the caller's transaction.
std::int64_t append_audit(Database& db, const AuditEntry& entry);
// One gap signal per case, in the caller's transaction. The latest query of a case decides:
// record_gap replaces the case's signal (kind, scope, region, care forms, expertise, audit id;
// first seen stays, last seen moves on, a resolved signal opens again); resolve_gap marks an
// open signal resolved on the query's reference date and keeps the row, so the report can
// tell how many gaps are still open. resolve_gap does nothing for a case without an open signal.
void record_gap(Database& db, std::int64_t audit_id, const GapSignal& gap);
void resolve_gap(Database& db, std::int64_t audit_id, const std::string& case_id, const std::string& reference_date);
std::optional<AuditRecord> read_audit(Database& db, std::int64_t id);
// The most recent records first, at most `limit`; with `regions`, only records of cases in those
// regions.
std::vector<AuditRecord> list_audit(Database& db, int limit, const std::string& action = "",
                                    const std::set<std::string>* regions = nullptr);

// One row of the signaleren report: region x care form x expertise x kind x scope, counting
// cases (a signal with two care forms counts in both rows).
struct GapReportRow {
  std::string region, region_name, care_form, expertise, kind, scope;  // expertise: ';'-joined, sorted
  int cases = 0;
  int open = 0;                           // cases whose signal is not resolved
  std::string first_seen, last_seen;      // reference dates
  std::vector<std::string> case_ids;      // sorted, unique
};
struct GapReport {
  std::vector<GapReportRow> rows;  // sorted by the row's codes
  int cases = 0, open = 0;         // distinct cases over all rows
};
// With `regions`, only the signals of cases in those regions.
GapReport gap_report(Database& db, const std::set<std::string>* regions = nullptr);

}  // namespace passend::db
