#include "apps/service/advice.hpp"

#include "providers/audit_store.hpp"
#include "core/case_json.hpp"
#include "providers/registry.hpp"
#include "providers/reservations.hpp"
#include "core/sha256.hpp"

namespace passend::service {

namespace {
std::optional<std::string> offering_of(const QueryResult& r, const std::optional<std::size_t>& pick) {
  if (!pick) return std::nullopt;
  return r.evaluated[*pick].facts.offering->id;
}

// The audit record and the case's gap signal (recorded or resolved) in one transaction: both or neither.
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
  e.result = result_json;
  db::Transaction tx(db);
  auto id = db::append_audit(db, e);
  if (r.gap)
    db::record_gap(db, id, {r.case_id, r.case_facts.region, r.gap->kind, r.gap->scope, r.gap->care_forms,
                            r.gap->expertise, e.reference_date});
  else
    db::resolve_gap(db, id, r.case_id, e.reference_date);  // one signal per case: the latest query decides
  tx.commit();
  return id;
}
}  // namespace

namespace {
std::vector<std::string> care_forms_with_pool(const Case& c, const RuleHost& rules) {
  std::vector<std::string> care_forms = c.care_forms;
  for (const auto& f : rules.bridging_care_forms()) care_forms.push_back(f);
  return care_forms;
}

// Places reserved for other cases are not free; the queried case's own reservation is its place.
ProviderNetwork read_with_reservations(db::Database& db, const std::vector<std::string>& care_forms, Date reference_date,
                                       const std::string& case_id) {
  ProviderNetwork network = db::read_network(db, care_forms);
  db::apply_reservations(db, network, reference_date, case_id);
  return network;
}
}  // namespace

RegistrySnapshot read_snapshot(db::Database& db, const Case& c, const RuleHost& rules, Date reference_date) {
  RegistrySnapshot s;
  db::Transaction snapshot(db, db::Transaction::Kind::deferred);  // one consistent version of the registry
  s.import_id = db::current_import_id(db);
  s.network = read_with_reservations(db, care_forms_with_pool(c, rules), reference_date, c.id);
  snapshot.commit();
  return s;
}

Advice advise(db::Database& db, const RegionGraph& regions, const Vocabulary& vocabulary, RuleHost& rules,
              const CaseDocument& document, Date reference_date, const std::string& actor) {
  const Case c = parse_case(parse_json_text(document.bytes, document.name), document.name, vocabulary, regions);
  check_case_on(c, reference_date, document.name);
  // The registry is read as the engine asks for it: the bridging pool (most of a national
  // registry) only when the query needs it. Both reads lie in one read transaction, so the query
  // sees one version of the registry even while an import replaces it.
  db::Transaction snapshot(db, db::Transaction::Kind::deferred);
  const std::optional<std::int64_t> import_id = db::current_import_id(db);
  std::optional<ProviderNetwork> asked, with_pool;
  const NetworkLoader network = [&](bool pool) -> const ProviderNetwork& {
    auto& slot = pool ? with_pool : asked;
    if (!slot) slot = read_with_reservations(db, pool ? care_forms_with_pool(c, rules) : c.care_forms, reference_date, c.id);
    return *slot;
  };
  const QueryResult result = run_query(c, network, regions, vocabulary, rules, reference_date);
  snapshot.commit();
  Advice advice;
  advice.result = result_to_json(result, vocabulary);
  advice.audit_id =
      record_advice(db, result, actor, "sha256:" + sha256_hex(document.bytes), import_id, advice.result.dump());
  return advice;
}

}  // namespace passend::service
