#pragma once
// The audit trail (who asked what, with which rules and data, and what was advised) and the
// gap signals (leemtes) for the signaleren report. Audit records are append-only.
#include <cstdint>
#include <optional>
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
  std::string result_hash;  // sha256 of the result JSON
  std::string result;       // the result JSON
};

struct AuditRecord : AuditEntry {
  std::int64_t id = 0;
  std::string at;  // UTC, ISO 8601
};

struct GapSignal {
  std::string case_id;
  std::string region;
  std::string kind;  // absent | no_capacity
  std::vector<std::string> care_forms;
  std::vector<std::string> expertise;
  std::string reference_date;
};

// Appends an audit record (and the gap, when there is one) in the caller's transaction.
std::int64_t append_audit(Database& db, const AuditEntry& entry);
void record_gap(Database& db, std::int64_t audit_id, const GapSignal& gap);
std::optional<AuditRecord> read_audit(Database& db, std::int64_t id);
// The most recent records first, at most `limit`.
std::vector<AuditRecord> list_audit(Database& db, int limit, const std::string& action = "");

// One row of the signaleren report: region x care form x expertise x kind.
struct GapReportRow {
  std::string region, region_name, care_form, expertise, kind;
  int count = 0;
  std::string first_seen, last_seen;
  std::vector<std::string> case_ids;  // sorted, unique
};
std::vector<GapReportRow> gap_report(Database& db);

}  // namespace passend::db
