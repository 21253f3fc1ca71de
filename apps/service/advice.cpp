#include "apps/service/advice.hpp"

#include <algorithm>
#include <memory>

#include "apps/service/registry_cache.hpp"
#include "apps/service/ruleset_registry.hpp"
#include "core/case_json.hpp"
#include "core/engine.hpp"
#include "core/result_stream.hpp"
#include "core/sha256.hpp"
#include "providers/audit_store.hpp"
#include "providers/case_store.hpp"
#include "providers/registry.hpp"
#include "providers/replay_store.hpp"

namespace passend::service {

namespace {
std::optional<std::string> offering_of(const QueryResult& r, const std::optional<std::size_t>& pick) {
  if (!pick) return std::nullopt;
  return r.evaluated[*pick].facts.offering->id;
}

ComputedAdvice computed(const QueryResult& r, const Vocabulary& vocabulary, std::optional<std::int64_t> import_id) {
  ComputedAdvice a;
  a.result = result_to_json_text(r, vocabulary);
  a.case_id = r.case_id;
  a.region = r.case_facts.region;
  a.reference_date = r.case_facts.reference_date;
  a.ruleset = r.ruleset;
  a.import_id = import_id;
  a.plan_a = offering_of(r, r.plan_a);
  a.plan_b = offering_of(r, r.plan_b);
  a.bridging = offering_of(r, r.bridging);
  a.gap = r.gap;
  return a;
}

db::AuditEntry audit_entry(const ComputedAdvice& a, const AdviceRecord& record) {
  db::AuditEntry e;
  e.actor = record.actor;
  e.action = "query";
  e.case_id = a.case_id;
  e.case_hash = record.case_hash;
  e.reference_date = a.reference_date.str();
  e.ruleset_name = a.ruleset.name;
  e.ruleset_version = a.ruleset.version;
  e.ruleset_hash = a.ruleset.hash;
  e.import_id = a.import_id;
  e.plan_a = a.plan_a;
  e.plan_b = a.plan_b;
  e.bridging = a.bridging;
  e.result = a.result;  // the bytes the caller gets
  e.scope = record.scope;
  e.region = a.region;
  return e;
}
}  // namespace

Case read_case(const Context& ctx, const CaseDocument& document, Date reference_date) {
  Case c = parse_case(parse_json_text(document.bytes, document.name), document.name, ctx.vocabulary, ctx.regions);
  check_case_on(c, reference_date, document.name);
  return c;
}

void add_recorded_refusals(Context& ctx, Case& c) {
  bool added = false;
  for (auto& provider : db::refused_providers(ctx.db, c.id))
    if (std::find(c.rejected_by.begin(), c.rejected_by.end(), provider) == c.rejected_by.end()) {
      c.rejected_by.push_back(std::move(provider));
      added = true;
    }
  if (added) std::sort(c.rejected_by.begin(), c.rejected_by.end());
}

std::optional<std::int64_t> with_query(Context& ctx, RuleHost& rules, const Case& c, Date reference_date,
                                       const std::function<void(const QueryResult&)>& use) {
  // The server's registry in memory, current for this moment. A CLI command reads the whole
  // registry once, in one read transaction: that costs about what reading the asked care forms
  // alone did, and a query that needs the bridging pool no longer reads them a second time.
  const std::shared_ptr<const RegistrySnapshot> snapshot =
      ctx.registry ? ctx.registry->current(ctx.db) : std::make_shared<const RegistrySnapshot>(db::read_registry_snapshot(ctx.db));
  const QueryResult result = run_query(c, snapshot->network, ctx.regions, ctx.vocabulary, rules, reference_date,
                                       snapshot->held_on(reference_date, c.id));
  use(result);
  return snapshot->import_id;
}

ComputedAdvice compute_advice(Context& ctx, RuleHost& rules, const Case& c, Date reference_date) {
  ComputedAdvice advice;
  const auto import_id = with_query(ctx, rules, c, reference_date,
                                    [&](const QueryResult& r) { advice = computed(r, ctx.vocabulary, std::nullopt); });
  advice.import_id = import_id;
  return advice;
}

std::int64_t record_advice(Context& ctx, const ComputedAdvice& advice, const AdviceRecord& record) {
  const db::AuditEntry e = audit_entry(advice, record);
  db::Transaction tx(ctx.db);
  const auto id = db::append_audit(ctx.db, e);
  if (advice.gap)
    db::record_gap(ctx.db, id, {advice.case_id, advice.region, advice.gap->kind, advice.gap->scope,
                                advice.gap->care_forms, advice.gap->expertise, e.reference_date});
  else
    db::resolve_gap(ctx.db, id, advice.case_id, e.reference_date);  // one signal per case: the latest query decides
  if (record.replay_document) db::keep_replay_case(ctx.db, id, *record.replay_document);
  tx.commit();
  return id;
}

Case case_for_query(Context& ctx, const CaseDocument& document, Date reference_date, const Scope& scope) {
  Case c = read_case(ctx, document, reference_date);
  add_recorded_refusals(ctx, c);  // a provider that said no (passend case respond) is not proposed again
  if (scope.scoped()) {           // a scoped token asks only about cases of its regions
    const std::string region = region_of_municipality(ctx, c.municipality);  // known: read_case checked it
    const Region* r = ctx.regions.region(region);
    require_region(scope, ctx.regions, region, "casus " + c.id + " uit regio " + region + (r ? " (" + r->name + ")" : ""));
  }
  return c;
}

namespace {

Advice advise_case(Context& ctx, RuleHost& rules, const Case& c, const CaseDocument& document, Date reference_date,
                   const std::string& actor, KeepForReplay keep, const Scope& scope) {
  ComputedAdvice advice = compute_advice(ctx, rules, c, reference_date);
  AdviceRecord record{actor, scope_text(scope), "sha256:" + sha256_hex(document.bytes), std::nullopt};
  if (keep == KeepForReplay::yes) record.replay_document = document.bytes;
  const std::int64_t audit_id = record_advice(ctx, advice, record);
  return {std::move(advice.result), audit_id};
}
}  // namespace

Advice advise(Context& ctx, RuleHost& rules, const CaseDocument& document, Date reference_date, const std::string& actor,
              KeepForReplay keep, const Scope& scope) {
  const Case c = case_for_query(ctx, document, reference_date, scope);
  return advise_case(ctx, rules, c, document, reference_date, actor, keep, scope);
}

Advice advise(Context& ctx, RuleSetRegistry& rules, const CaseDocument& document, Date reference_date,
              const std::string& actor, KeepForReplay keep, const Scope& scope) {
  const Case c = case_for_query(ctx, document, reference_date, scope);
  auto lease = rules.for_region(ctx, region_of_municipality(ctx, c.municipality), reference_date);
  return advise_case(ctx, lease.host(), c, document, reference_date, actor, keep, scope);
}

}  // namespace passend::service
