#include "providers/purge.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "providers/audit_store.hpp"
#include "core/errors.hpp"

namespace passend::db {

namespace {
// The audit records a purge may remove: those of a case, written before the cut-off. The
// trigger audit_no_delete applies the same condition (schema.cpp, migration 5).
constexpr const char* kExpiredAudit = "SELECT id FROM audit WHERE case_id <> '' AND at < ?1";

int run_counted(Database& db, const std::string& sql, const std::string& before) {
  auto st = db.prepare(sql);
  st.bind(1, before);
  st.run();
  return db.changes();
}

// Children first: gap, replay_case and reservation rows refer to audit records.
PurgeCounts delete_expired(Database& db, const std::string& before) {
  const std::string expired = std::string("(") + kExpiredAudit + ")";
  PurgeCounts n;
  // A gap signal goes with the record of the query that last found it. The query that resolved
  // it came later, so it normally expires later; if the clock said otherwise, the signal keeps
  // its resolution date and only loses the link.
  n.gap = run_counted(db, "DELETE FROM gap WHERE recorded_at < ?1 OR audit_id IN " + expired, before);
  run_counted(db, "UPDATE gap SET resolved_audit_id = NULL WHERE resolved_audit_id IN " + expired, before);
  n.replay_case = run_counted(db, "DELETE FROM replay_case WHERE kept_at < ?1 OR audit_id IN " + expired, before);
  // Reservations that ended before the cut-off go; one still running keeps its row (it is
  // live data about a place) but no longer points at the expired record.
  n.reservation = run_counted(db,
                              "DELETE FROM reservation WHERE (released_at IS NOT NULL AND released_at < ?1) OR "
                              "(released_at IS NULL AND until IS NOT NULL AND until < ?1)",
                              before);
  run_counted(db, "UPDATE reservation SET audit_id = NULL WHERE audit_id IN " + expired, before);
  n.audit = run_counted(db, "DELETE FROM audit WHERE case_id <> '' AND at < ?1", before);
  return n;
}

// What the purge itself leaves in the audit trail: when, by whom, up to which day, how many
// records of each kind. Nothing about the cases.
std::int64_t audit_purge(Database& db, const PurgeRequest& request, const PurgeCounts& n) {
  const nlohmann::ordered_json result = {
      {"before", request.before.str()},
      {"retention_years", request.retention_years},
      {"deleted", {{"audit", n.audit}, {"gap", n.gap}, {"replay_case", n.replay_case}, {"reservation", n.reservation}}}};
  AuditEntry e;
  e.actor = request.actor;
  e.action = "purge";
  e.reference_date = request.today.str();
  e.result = result.dump();
  return append_audit(db, e);
}
}  // namespace

Date retention_limit(Date today, int retention_years) {
  int y = 0, m = 0, d = 0;
  std::sscanf(today.str().c_str(), "%d-%d-%d", &y, &m, &d);
  y -= retention_years;
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
  if (auto exact = Date::parse(text)) return *exact;
  std::snprintf(text, sizeof text, "%04d-%02d-28", y, m);  // 29 February in a common year
  return *Date::parse(text);
}

PurgeCounts purge_case_records(Database& db, const PurgeRequest& request, std::int64_t* audit_id) {
  if (request.retention_years < 1 || request.retention_years > 100)
    throw InvalidInput("--retention-years", "", "expected 1 to 100 years, got " + std::to_string(request.retention_years));
  const Date limit = retention_limit(request.today, request.retention_years);
  if (request.before > limit)
    throw InvalidInput("--before", "",
                       request.before.str() + " lies inside the retention period of " + std::to_string(request.retention_years) +
                           " years: records may be purged up to " + limit.str() + " at the latest");
  const std::string before = request.before.str();
  Transaction tx(db);
  auto permit = db.prepare("INSERT INTO purge_permit (before) VALUES (?)");
  permit.bind(1, before).run();
  const PurgeCounts counts = delete_expired(db, before);
  db.exec("DELETE FROM purge_permit");
  const std::int64_t id = audit_purge(db, request, counts);
  tx.commit();
  if (audit_id) *audit_id = id;
  return counts;
}

}  // namespace passend::db
