#include "apps/service/audit.hpp"

#include "apps/service/scopes.hpp"
#include "core/errors.hpp"
#include "core/privacy.hpp"

namespace passend::service {

void check_stored_text(std::string_view text, const std::string& field) {
  std::string problem;
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7f) problem = "control characters are refused (the text is kept in logs and the audit trail)";
  if (const auto kind = find_personal_data(text)) problem = refusal_message(*kind);
  if (problem.empty()) return;
  if (!field.empty() && field.front() == '/') throw InvalidInput("request body", field, problem);
  throw InvalidInput(field, "", problem);
}

namespace {
db::AuditEntry event_entry(const Actor& actor, const std::string& action, const std::string& case_id,
                           const nlohmann::ordered_json& result) {
  db::AuditEntry e;
  e.actor = actor.name;
  e.action = action;
  e.case_id = case_id;
  e.reference_date = Date::today().str();
  e.ruleset_name = actor.ruleset.name;
  e.ruleset_version = actor.ruleset.version;
  e.ruleset_hash = actor.ruleset.hash;
  e.result = result.dump();
  e.scope = actor.scope;
  return e;
}
}  // namespace

std::int64_t record_event(Context& ctx, const Actor& actor, const std::string& action, const std::string& case_id,
                          const nlohmann::ordered_json& result) {
  const db::AuditEntry e = event_entry(actor, action, case_id, result);
  db::Transaction tx(ctx.db);
  const auto id = db::append_audit(ctx.db, e);
  tx.commit();
  return id;
}

std::vector<AuditRecord> list_audit(Context& ctx, int limit, const std::string& action,
                                    const std::optional<Actor>& reader, const std::optional<std::set<std::string>>& regions) {
  const std::set<std::string>* only = regions ? &*regions : nullptr;
  if (!reader) return db::list_audit(ctx.db, limit, action, only);
  db::Transaction tx(ctx.db);
  auto records = db::list_audit(ctx.db, limit, action, only);
  record_event(ctx, *reader, "audit_list", "", {{"limit", limit}, {"action", action}, {"records", records.size()}});
  tx.commit();
  return records;
}

std::optional<AuditRecord> read_audit(Context& ctx, std::int64_t id, const std::optional<Actor>& reader,
                                      const std::optional<std::set<std::string>>& regions, const std::string& scope_name) {
  auto in_scope = [&](const AuditRecord& r) {
    if (regions && !regions->count(r.region))
      throw OutOfScope("auditrecord " + std::to_string(id) + " ligt buiten de scope van dit token: " + scope_name);
  };
  if (!reader) {
    auto record = db::read_audit(ctx.db, id);
    if (record) in_scope(*record);
    return record;
  }
  db::Transaction tx(ctx.db);
  auto record = db::read_audit(ctx.db, id);
  if (!record) return std::nullopt;
  in_scope(*record);
  record_event(ctx, *reader, "audit_read", record->case_id, {{"audit_id", id}});
  tx.commit();
  return record;
}

PurgeOutcome purge_case_records(Context& ctx, Date before, int retention_years, const std::string& actor) {
  PurgeOutcome out;
  out.counts = db::purge_case_records(ctx.db, {before, Date::today(), retention_years, actor}, &out.audit_id);
  return out;
}

}  // namespace passend::service
