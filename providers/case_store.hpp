#pragma once
// Case records (docs/cases.md): the pseudonymous CASE.json of a case the RET follows from its
// registration to a placement or closure, its status, the RET's advice, its placement, and its
// timeline of events (one per step, with who and when, linked to the step's audit record).
// Plain storage: the service (apps/service/cases.hpp) decides what may happen when; callers
// write inside the use case's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "providers/audit_store.hpp"
#include "providers/sqlite.hpp"

namespace passend::db {

struct CaseRow {
  std::string case_id;
  std::string document;  // the CASE.json as last given (validated), `registered` filled in
  std::string region;    // the case's region (woonplaatsbeginsel)
  std::string status;    // aangemeld | advies | wacht_op_plek | geplaatst | gesloten
  std::string registered;
  std::optional<std::string> follow_up;  // the next follow-up date
  std::optional<std::string> network;    // the waiting list the case is on (status wacht_op_plek)
  std::optional<std::string> advice;     // the RET's current advice (JSON)
  std::optional<std::string> placement;  // where the case was placed (JSON)
  std::optional<std::string> outcome;    // geplaatst | afgeschaald | anders (status gesloten)
  std::optional<std::string> first_advice, placed_on, placed_region, closed_on;  // for the flow report
  std::string opened_at, updated_at;  // UTC, set by the store
};

struct CaseEventRow {
  std::int64_t id = 0;
  std::string case_id;
  std::string at;      // UTC, set by the store
  std::string date;    // the day it happened
  std::string actor;   // OS user or API token label
  std::string event;   // registered, updated, advised, accepted, refused, referred, placed, released, closed
  std::optional<std::string> offering, provider, reason;
  std::string detail;  // JSON: what else the step recorded
  std::optional<std::int64_t> audit_id;
};

std::optional<CaseRow> read_case_record(Database& db, const std::string& case_id);
// Inserts or replaces the record; opened_at is kept, updated_at set to now.
void write_case_record(Database& db, const CaseRow& row);
std::int64_t append_case_event(Database& db, const CaseEventRow& event);
// Oldest first.
std::vector<CaseEventRow> case_events(Database& db, const std::string& case_id);
// The providers that refused the case (events `refused`), sorted and unique; empty for a case
// without a record.
std::vector<std::string> refused_providers(Database& db, const std::string& case_id);

struct CaseFilter {
  std::string status;  // "" for any
  std::string region;  // "" for any
};
// Sorted by case id.
std::vector<CaseRow> list_case_records(Database& db, const CaseFilter& filter);
// The cases on a network's waiting list (status wacht_op_plek), sorted by case id.
std::vector<CaseRow> waiting_cases(Database& db, const std::string& network);

// The engine's latest advice for the case: its most recent `query` audit record.
std::optional<AuditRecord> latest_query(Database& db, const std::string& case_id);

// Where an offering of the registry is: its provider and the location's municipality.
struct OfferingPlace {
  std::string offering, provider, provider_name, municipality;
};
std::optional<OfferingPlace> offering_place(Database& db, const std::string& offering);

// Every refusal of a case, with the case's region, for the flow report.
struct RefusalRow {
  std::string case_id, region, provider, provider_name, reason, date;
};
std::vector<RefusalRow> case_refusals(Database& db);

}  // namespace passend::db
