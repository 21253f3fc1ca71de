#include "providers/audit_store.hpp"

#include "core/sha256.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "core/csv.hpp"
#include "core/vocabulary.hpp"

namespace passend::db {

namespace {
AuditRecord read_record(Statement& st) {
  AuditRecord r;
  r.id = st.column_int64(0);
  r.at = st.column_text(1);
  r.actor = st.column_text(2);
  r.action = st.column_text(3);
  r.case_id = st.column_text(4);
  r.case_hash = st.column_text(5);
  r.reference_date = st.column_text(6);
  r.ruleset_name = st.column_text(7);
  r.ruleset_version = st.column_text(8);
  r.ruleset_hash = st.column_text(9);
  if (!st.column_is_null(10)) r.import_id = st.column_int64(10);
  if (!st.column_is_null(11)) r.plan_a = st.column_text(11);
  if (!st.column_is_null(12)) r.plan_b = st.column_text(12);
  if (!st.column_is_null(13)) r.bridging = st.column_text(13);
  r.result_hash = st.column_text(14);
  r.result = st.column_text(15);
  r.scope = st.column_text(16);
  r.region = st.column_text(17);
  return r;
}

constexpr const char* kSelect =
    "SELECT id, at, actor, action, case_id, case_hash, reference_date, ruleset_name, ruleset_version, "
    "ruleset_hash, import_id, plan_a, plan_b, bridging, result_hash, result, scope, region FROM audit ";
}  // namespace

std::int64_t append_audit(Database& db, const AuditEntry& e) {
  // The hash is always of what is stored, computed here and nowhere else.
  const std::string result_hash = "sha256:" + sha256_hex(e.result);
  auto st = db.cached(
      "INSERT INTO audit (at, actor, action, case_id, case_hash, reference_date, ruleset_name, ruleset_version, "
      "ruleset_hash, import_id, plan_a, plan_b, bridging, result_hash, result, scope, region) "
      "VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, e.actor).bind(2, e.action).bind(3, e.case_id).bind(4, e.case_hash).bind(5, e.reference_date);
  st.bind(6, e.ruleset_name).bind(7, e.ruleset_version).bind(8, e.ruleset_hash).bind(9, e.import_id);
  st.bind(10, e.plan_a).bind(11, e.plan_b).bind(12, e.bridging).bind(13, result_hash).bind(14, e.result);
  st.bind(15, e.scope).bind(16, e.region);
  st.run();
  return db.last_insert_rowid();
}

void record_gap(Database& db, std::int64_t audit_id, const GapSignal& g) {
  // Sorted, so that the same expertise in another order lands in the same report row.
  std::vector<std::string> expertise = g.expertise;
  std::sort(expertise.begin(), expertise.end());
  auto st = db.cached(
      "INSERT INTO gap (audit_id, recorded_at, first_seen, last_seen, case_id, region, kind, scope, care_forms, expertise) "
      "VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
      "ON CONFLICT (case_id) DO UPDATE SET audit_id = excluded.audit_id, recorded_at = excluded.recorded_at, "
      "first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen), "
      "region = excluded.region, kind = excluded.kind, scope = excluded.scope, care_forms = excluded.care_forms, "
      "expertise = excluded.expertise, resolved_on = NULL, resolved_audit_id = NULL");
  st.bind(1, audit_id).bind(2, g.reference_date).bind(3, g.case_id).bind(4, g.region).bind(5, g.kind).bind(6, g.scope);
  st.bind(7, join(g.care_forms, ";")).bind(8, join(expertise, ";"));
  st.run();
}

void resolve_gap(Database& db, std::int64_t audit_id, const std::string& case_id, const std::string& reference_date) {
  auto st = db.cached(
      "UPDATE gap SET resolved_on = ?1, resolved_audit_id = ?2 WHERE case_id = ?3 AND resolved_on IS NULL");
  st.bind(1, reference_date).bind(2, audit_id).bind(3, case_id);
  st.run();
}

std::optional<AuditRecord> read_audit(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kSelect) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_record(st);
}

std::vector<AuditRecord> list_audit(Database& db, int limit, const std::string& action,
                                    const std::set<std::string>* regions) {
  auto st = db.prepare(std::string(kSelect) +
                       "WHERE (?1 = '' OR action = ?1) AND (?3 IS NULL OR region IN (SELECT value FROM json_each(?3))) "
                       "ORDER BY id DESC LIMIT ?2");
  st.bind(1, action).bind(2, limit);
  if (regions) st.bind(3, nlohmann::json(*regions).dump());
  std::vector<AuditRecord> out;
  while (st.step()) out.push_back(read_record(st));
  return out;
}

namespace {
struct GapCase {
  std::string case_id, first_seen, last_seen;
  bool open = false;
};

void add_case(GapReportRow& row, const GapCase& c) {
  if (row.cases == 0 || c.first_seen < row.first_seen) row.first_seen = c.first_seen;
  if (row.cases == 0 || c.last_seen > row.last_seen) row.last_seen = c.last_seen;
  ++row.cases;
  if (c.open) ++row.open;
  row.case_ids.push_back(c.case_id);
}
}  // namespace

GapReport gap_report(Database& db, const std::set<std::string>* regions) {
  using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;
  std::map<Key, GapReportRow> rows;
  GapReport report;
  // One row per case (UNIQUE case_id), in case-id order: each row's case ids come out sorted.
  auto st = db.prepare(
      "SELECT g.region, COALESCE(r.name, g.region), g.care_forms, g.expertise, g.kind, g.scope, g.case_id, "
      "g.first_seen, g.last_seen, g.resolved_on IS NULL "
      "FROM gap g LEFT JOIN region r ON r.code = g.region ORDER BY g.case_id");
  while (st.step()) {
    if (regions && !regions->count(st.column_text(0))) continue;
    const GapCase c{st.column_text(6), st.column_text(7), st.column_text(8), st.column_int(9) != 0};
    ++report.cases;
    if (c.open) ++report.open;
    for (const auto& care_form : split_list(st.column_text(2))) {
      const Key key{st.column_text(0), care_form, st.column_text(3), st.column_text(4), st.column_text(5)};
      auto& row = rows[key];
      if (row.cases == 0) {
        std::tie(row.region, row.care_form, row.expertise, row.kind, row.scope) = key;
        row.region_name = st.column_text(1);
      }
      add_case(row, c);
    }
  }
  for (auto& [key, row] : rows) report.rows.push_back(std::move(row));
  return report;
}

}  // namespace passend::db
