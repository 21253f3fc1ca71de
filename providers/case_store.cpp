#include "providers/case_store.hpp"

namespace passend::db {

namespace {
constexpr const char* kSelectCase =
    "SELECT case_id, document, region, status, registered, follow_up, network, advice, placement, outcome, "
    "first_advice, placed_on, placed_region, closed_on, opened_at, updated_at FROM case_record ";

std::optional<std::string> optional_text(Statement& st, int index) {
  if (st.column_is_null(index)) return std::nullopt;
  return st.column_text(index);
}

CaseRow read_case_row(Statement& st) {
  CaseRow r;
  r.case_id = st.column_text(0);
  r.document = st.column_text(1);
  r.region = st.column_text(2);
  r.status = st.column_text(3);
  r.registered = st.column_text(4);
  r.follow_up = optional_text(st, 5);
  r.network = optional_text(st, 6);
  r.advice = optional_text(st, 7);
  r.placement = optional_text(st, 8);
  r.outcome = optional_text(st, 9);
  r.first_advice = optional_text(st, 10);
  r.placed_on = optional_text(st, 11);
  r.placed_region = optional_text(st, 12);
  r.closed_on = optional_text(st, 13);
  r.opened_at = st.column_text(14);
  r.updated_at = st.column_text(15);
  return r;
}

std::vector<CaseRow> read_case_rows(Statement& st) {
  std::vector<CaseRow> out;
  while (st.step()) out.push_back(read_case_row(st));
  return out;
}
}  // namespace

std::optional<CaseRow> read_case_record(Database& db, const std::string& case_id) {
  auto st = db.prepare(std::string(kSelectCase) + "WHERE case_id = ?");
  st.bind(1, case_id);
  if (!st.step()) return std::nullopt;
  return read_case_row(st);
}

void write_case_record(Database& db, const CaseRow& r) {
  auto st = db.prepare(
      "INSERT INTO case_record (case_id, document, region, status, registered, follow_up, network, advice, placement, "
      "outcome, first_advice, placed_on, placed_region, closed_on, opened_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
      "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) "
      "ON CONFLICT (case_id) DO UPDATE SET document = excluded.document, region = excluded.region, "
      "status = excluded.status, registered = excluded.registered, follow_up = excluded.follow_up, "
      "network = excluded.network, advice = excluded.advice, placement = excluded.placement, outcome = excluded.outcome, "
      "first_advice = excluded.first_advice, placed_on = excluded.placed_on, placed_region = excluded.placed_region, "
      "closed_on = excluded.closed_on, updated_at = excluded.updated_at");
  st.bind(1, r.case_id).bind(2, r.document).bind(3, r.region).bind(4, r.status).bind(5, r.registered);
  st.bind(6, r.follow_up).bind(7, r.network).bind(8, r.advice).bind(9, r.placement).bind(10, r.outcome);
  st.bind(11, r.first_advice).bind(12, r.placed_on).bind(13, r.placed_region).bind(14, r.closed_on);
  st.run();
}

std::int64_t append_case_event(Database& db, const CaseEventRow& e) {
  auto st = db.prepare(
      "INSERT INTO case_event (case_id, at, date, actor, event, offering, provider, reason, detail, audit_id) "
      "VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, e.case_id).bind(2, e.date).bind(3, e.actor).bind(4, e.event).bind(5, e.offering).bind(6, e.provider);
  st.bind(7, e.reason).bind(8, e.detail).bind(9, e.audit_id);
  st.run();
  return db.last_insert_rowid();
}

std::vector<CaseEventRow> case_events(Database& db, const std::string& case_id) {
  auto st = db.prepare(
      "SELECT id, case_id, at, date, actor, event, offering, provider, reason, detail, audit_id FROM case_event "
      "WHERE case_id = ? ORDER BY id");
  st.bind(1, case_id);
  std::vector<CaseEventRow> out;
  while (st.step()) {
    CaseEventRow e;
    e.id = st.column_int64(0);
    e.case_id = st.column_text(1);
    e.at = st.column_text(2);
    e.date = st.column_text(3);
    e.actor = st.column_text(4);
    e.event = st.column_text(5);
    e.offering = optional_text(st, 6);
    e.provider = optional_text(st, 7);
    e.reason = optional_text(st, 8);
    e.detail = st.column_text(9);
    if (!st.column_is_null(10)) e.audit_id = st.column_int64(10);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<std::string> refused_providers(Database& db, const std::string& case_id) {
  auto st = db.cached(
      "SELECT DISTINCT provider FROM case_event WHERE case_id = ? AND event = 'refused' AND provider IS NOT NULL "
      "ORDER BY provider");
  st.bind(1, case_id);
  std::vector<std::string> out;
  while (st.step()) out.push_back(st.column_text(0));
  return out;
}

std::vector<CaseRow> list_case_records(Database& db, const CaseFilter& filter) {
  auto st = db.prepare(std::string(kSelectCase) +
                       "WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR region = ?2) ORDER BY case_id");
  st.bind(1, filter.status).bind(2, filter.region);
  return read_case_rows(st);
}

std::vector<CaseRow> waiting_cases(Database& db, const std::string& network) {
  auto st = db.prepare(std::string(kSelectCase) + "WHERE status = 'wacht_op_plek' AND network = ? ORDER BY case_id");
  st.bind(1, network);
  return read_case_rows(st);
}

std::optional<AuditRecord> latest_query(Database& db, const std::string& case_id) {
  auto st = db.prepare("SELECT MAX(id) FROM audit WHERE case_id = ? AND action = 'query'");
  st.bind(1, case_id);
  if (!st.step() || st.column_is_null(0)) return std::nullopt;
  return read_audit(db, st.column_int64(0));
}

std::optional<OfferingPlace> offering_place(Database& db, const std::string& offering) {
  auto st = db.prepare(
      "SELECT o.id, p.id, p.name, l.municipality FROM offering o JOIN location l ON l.id = o.location "
      "JOIN provider p ON p.id = l.provider WHERE o.id = ?");
  st.bind(1, offering);
  if (!st.step()) return std::nullopt;
  return OfferingPlace{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3)};
}

std::vector<RefusalRow> case_refusals(Database& db) {
  auto st = db.prepare(
      "SELECT e.case_id, c.region, e.provider, COALESCE(p.name, ''), COALESCE(e.reason, ''), e.date "
      "FROM case_event e JOIN case_record c ON c.case_id = e.case_id LEFT JOIN provider p ON p.id = e.provider "
      "WHERE e.event = 'refused' AND e.provider IS NOT NULL ORDER BY e.case_id, e.id");
  std::vector<RefusalRow> out;
  while (st.step())
    out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   st.column_text(5)});
  return out;
}

}  // namespace passend::db
