#include "providers/audit_store.hpp"

#include <algorithm>
#include <map>
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
  return r;
}

constexpr const char* kSelect =
    "SELECT id, at, actor, action, case_id, case_hash, reference_date, ruleset_name, ruleset_version, "
    "ruleset_hash, import_id, plan_a, plan_b, bridging, result_hash, result FROM audit ";
}  // namespace

std::int64_t append_audit(Database& db, const AuditEntry& e) {
  auto st = db.prepare(
      "INSERT INTO audit (at, actor, action, case_id, case_hash, reference_date, ruleset_name, ruleset_version, "
      "ruleset_hash, import_id, plan_a, plan_b, bridging, result_hash, result) "
      "VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  st.bind(1, e.actor).bind(2, e.action).bind(3, e.case_id).bind(4, e.case_hash).bind(5, e.reference_date);
  st.bind(6, e.ruleset_name).bind(7, e.ruleset_version).bind(8, e.ruleset_hash).bind(9, e.import_id);
  st.bind(10, e.plan_a).bind(11, e.plan_b).bind(12, e.bridging).bind(13, e.result_hash).bind(14, e.result);
  st.run();
  return db.last_insert_rowid();
}

void record_gap(Database& db, std::int64_t audit_id, const GapSignal& g) {
  auto st = db.prepare(
      "INSERT INTO gap (audit_id, recorded_at, reference_date, case_id, region, kind, care_forms, expertise) "
      "VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?, ?, ?, ?, ?)");
  st.bind(1, audit_id).bind(2, g.reference_date).bind(3, g.case_id).bind(4, g.region).bind(5, g.kind);
  st.bind(6, join(g.care_forms, ";")).bind(7, join(g.expertise, ";"));
  st.run();
}

std::optional<AuditRecord> read_audit(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kSelect) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_record(st);
}

std::vector<AuditRecord> list_audit(Database& db, int limit, const std::string& action) {
  auto st = db.prepare(std::string(kSelect) + "WHERE (?1 = '' OR action = ?1) ORDER BY id DESC LIMIT ?2");
  st.bind(1, action).bind(2, limit);
  std::vector<AuditRecord> out;
  while (st.step()) out.push_back(read_record(st));
  return out;
}

std::vector<GapReportRow> gap_report(Database& db) {
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Key, GapReportRow> rows;
  auto st = db.prepare(
      "SELECT g.region, COALESCE(r.name, g.region), g.care_forms, g.expertise, g.kind, g.reference_date, g.case_id "
      "FROM gap g LEFT JOIN region r ON r.code = g.region ORDER BY g.id");
  while (st.step()) {
    std::string region = st.column_text(0), name = st.column_text(1), expertise = st.column_text(3);
    std::string kind = st.column_text(4), date = st.column_text(5), case_id = st.column_text(6);
    for (const auto& care_form : split_list(st.column_text(2))) {
      auto& row = rows[{region, care_form, expertise, kind}];
      if (row.count == 0) {
        row.region = region;
        row.region_name = name;
        row.care_form = care_form;
        row.expertise = expertise;
        row.kind = kind;
        row.first_seen = row.last_seen = date;
      }
      ++row.count;
      row.first_seen = std::min(row.first_seen, date);
      row.last_seen = std::max(row.last_seen, date);
      if (std::find(row.case_ids.begin(), row.case_ids.end(), case_id) == row.case_ids.end())
        row.case_ids.push_back(case_id);
    }
  }
  std::vector<GapReportRow> out;
  for (auto& [key, row] : rows) {
    std::sort(row.case_ids.begin(), row.case_ids.end());
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace passend::db
