#include "advice.hpp"

#include "audit_store.hpp"
#include "case_json.hpp"
#include "registry.hpp"
#include "reservations.hpp"
#include "sha256.hpp"

namespace passend::service {

namespace {
std::optional<std::string> offering_of(const QueryResult& r, const std::optional<std::size_t>& pick) {
  if (!pick) return std::nullopt;
  return r.evaluated[*pick].facts.offering->id;
}

// The audit record and the gap signal in one transaction: both or neither.
std::int64_t record_advice(db::Database& db, const QueryResult& r, const std::string& actor, const std::string& case_hash,
                           std::optional<std::int64_t> import_id, const std::string& result_json) {
  db::AuditEntry e;
  e.actor = actor;
  e.action = "query";
  e.case_id = r.case_id;
  e.case_hash = case_hash;
  e.reference_date = r.case_facts.reference_date.str();
  e.ruleset_name = r.ruleset.name;
  e.ruleset_version = r.ruleset.version;
  e.ruleset_hash = r.ruleset.hash;
  e.import_id = import_id;
  e.plan_a = offering_of(r, r.plan_a);
  e.plan_b = offering_of(r, r.plan_b);
  e.bridging = offering_of(r, r.bridging);
  e.result_hash = "sha256:" + sha256_hex(result_json);
  e.result = result_json;
  db::Transaction tx(db);
  auto id = db::append_audit(db, e);
  if (r.gap)
    db::record_gap(db, id, {r.case_id, r.case_facts.region, r.gap->kind, r.gap->care_forms, r.gap->expertise, e.reference_date});
  tx.commit();
  return id;
}
}  // namespace

RegistrySnapshot read_snapshot(db::Database& db, const Case& c, const RuleHost& rules, Date reference_date) {
  std::vector<std::string> care_forms = c.care_forms;
  for (const auto& f : rules.bridging_care_forms()) care_forms.push_back(f);
  RegistrySnapshot s;
  db::Transaction snapshot(db, db::Transaction::Kind::deferred);  // one consistent version of the registry
  s.import_id = db::current_import_id(db);
  s.network = db::read_network(db, care_forms);
  db::apply_reservations(db, s.network, reference_date);  // reserved places are not free
  snapshot.commit();
  return s;
}

Advice advise(db::Database& db, const RegionGraph& regions, const Vocabulary& vocabulary, RuleHost& rules,
              const CaseDocument& document, Date reference_date, const std::string& actor) {
  const Case c = parse_case(parse_json_text(document.bytes, document.name), document.name, vocabulary, regions);
  const RegistrySnapshot snapshot = read_snapshot(db, c, rules, reference_date);
  const QueryResult result = run_query(c, snapshot.network, regions, vocabulary, rules, reference_date);
  Advice advice;
  advice.result = result_to_json(result, vocabulary);
  advice.audit_id =
      record_advice(db, result, actor, "sha256:" + sha256_hex(document.bytes), snapshot.import_id, advice.result.dump());
  return advice;
}

}  // namespace passend::service
