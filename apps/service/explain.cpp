#include "apps/service/explain.hpp"

#include "apps/service/registry.hpp"
#include "apps/service/ruleset_registry.hpp"
#include "core/errors.hpp"
#include "core/sha256.hpp"
#include "providers/audit_store.hpp"

namespace passend::service {

namespace {
// Why the query has no verdict for an offering: not in the registry, or not evaluated.
[[noreturn]] void not_evaluated(Context& ctx, const Case& c, const std::string& offering, const std::string& field) {
  const auto held = offering_capacity(ctx, offering);
  if (!held) throw InvalidInput(field, "", "unknown offering '" + offering + "': the registry does not hold it");
  std::string forms;
  for (const auto& f : c.care_forms) forms += (forms.empty() ? "" : ", ") + f;
  throw InvalidInput(field, "",
                     "offering '" + offering + "' was not evaluated for case " + c.id +
                         ": its care form is not one the case asks for (" + forms +
                         ") and it is no bridging offer the query considered");
}

Explanation explain_case(Context& ctx, RuleHost& rules, const Case& c, const CaseDocument& document, Date reference_date,
                         const std::string& offering, const std::string& offering_field, const std::string& actor,
                         const Scope& scope) {
  std::optional<nlohmann::ordered_json> explained;
  RuleSetIdentity ruleset;
  std::string region;
  const auto import_id = with_query(ctx, rules, c, reference_date, [&](const QueryResult& r) {
    explained = explain_to_json(r, offering, ctx.vocabulary);
    ruleset = r.ruleset;
    region = r.case_facts.region;
  });
  if (!explained) not_evaluated(ctx, c, offering, offering_field);

  db::AuditEntry e;
  e.actor = actor;
  e.action = "explain";
  e.case_id = c.id;
  e.case_hash = "sha256:" + sha256_hex(document.bytes);
  e.reference_date = reference_date.str();
  e.ruleset_name = ruleset.name;
  e.ruleset_version = ruleset.version;
  e.ruleset_hash = ruleset.hash;
  e.import_id = import_id;
  e.result = explained->dump();
  e.scope = scope_text(scope);
  e.region = region;
  db::Transaction tx(ctx.db);
  const auto id = db::append_audit(ctx.db, e);
  tx.commit();
  return {std::move(*explained), id};
}
}  // namespace

Explanation explain(Context& ctx, RuleHost& rules, const CaseDocument& document, Date reference_date,
                    const std::string& offering, const std::string& offering_field, const std::string& actor,
                    const Scope& scope) {
  const Case c = case_for_query(ctx, document, reference_date, scope);
  return explain_case(ctx, rules, c, document, reference_date, offering, offering_field, actor, scope);
}

Explanation explain(Context& ctx, RuleSetRegistry& rules, const CaseDocument& document, Date reference_date,
                    const std::string& offering, const std::string& offering_field, const std::string& actor,
                    const Scope& scope) {
  const Case c = case_for_query(ctx, document, reference_date, scope);
  auto lease = rules.for_region(ctx, region_of_municipality(ctx, c.municipality), reference_date);
  return explain_case(ctx, lease.host(), c, document, reference_date, offering, offering_field, actor, scope);
}

}  // namespace passend::service
