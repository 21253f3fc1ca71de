#pragma once
// The advice for one case, as the CLI, the HTTP server and the rule-tuning dry run give it.
// Computing it (validate the case, read one consistent version of the registry, run the rules)
// writes nothing; recording it writes the audit record and the case's gap signal — and for the
// server's queries the case document kept for dry runs — in one transaction. advise() is both.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "apps/service/scopes.hpp"
#include "apps/service/workspace.hpp"
#include "core/date.hpp"
#include "core/engine.hpp"
#include "core/model.hpp"
#include "core/rule_host.hpp"

namespace passend::service {

class RuleSetRegistry;

struct CaseDocument {
  std::string bytes;  // the document as given (its sha256 goes into the audit record)
  std::string name;   // for error messages: a file name, or "request body"
};

// An advice computed but not recorded: the result and what its audit record and gap signal need.
struct ComputedAdvice {
  // The query result (docs/formats.md) as compact JSON text: written once, straight from the
  // engine's result (core/result_stream.hpp), the bytes of the audit record and of the HTTP answer.
  std::string result;
  std::string case_id;
  std::string region;  // the case's region (woonplaatsbeginsel)
  Date reference_date;
  RuleSetIdentity ruleset;
  std::optional<std::int64_t> import_id;                // the registry version it was computed on
  std::optional<std::string> plan_a, plan_b, bridging;  // offering ids
  std::optional<Gap> gap;
};

// The case document validated (InvalidInput: words, codes, personal data, with pointers) and
// checked against the reference date (a maatwerk approved after it is refused).
Case read_case(const Context& ctx, const CaseDocument& document, Date reference_date);

// A case with a record (apps/service/cases.hpp): the providers that refused it with `case
// respond` join its history.rejected_by, so a provider that said no is not proposed again.
void add_recorded_refusals(Context& ctx, Case& c);

// The case as a query or explain reads it: read_case, its recorded refusals added, and within
// the token's scope (OutOfScope otherwise). One place, so explain always sees the query's case.
Case case_for_query(Context& ctx, const CaseDocument& document, Date reference_date, const Scope& scope);

// The query path on one version of the registry, even while an import replaces it: the server's
// in-memory snapshot when the context has one (ctx.registry), else the whole registry read once
// in one read transaction (db::read_registry_snapshot).
// Places reserved for other cases are not free; the case's own reservation is its place.
// Writes nothing. RuleError when a rule failed.
ComputedAdvice compute_advice(Context& ctx, RuleHost& rules, const Case& c, Date reference_date);

// The same query, handed to `use` while the registry it read is alive (the result points into
// it); what compute_advice and explain share. Returns the registry import it was computed on.
std::optional<std::int64_t> with_query(Context& ctx, RuleHost& rules, const Case& c, Date reference_date,
                                       const std::function<void(const QueryResult&)>& use);

struct AdviceRecord {
  std::string actor;      // OS user or API token label
  std::string scope;      // the token's scope (stored form) the query was asked under; "" unscoped
  std::string case_hash;  // "sha256:" of the case document as given
  // The case document, kept for rule-tuning dry runs (the server's queries; docs/web.md).
  std::optional<std::string> replay_document;
};

// The audit record, the case's gap signal (recorded, or resolved: the latest query decides) and
// the kept document when given, in one transaction: all or nothing. Returns the audit id.
std::int64_t record_advice(Context& ctx, const ComputedAdvice& advice, const AdviceRecord& record);

struct Advice {
  std::string result;  // the query result (docs/formats.md), compact JSON as recorded in the audit
  std::int64_t audit_id = 0;
};

enum class KeepForReplay { no, yes };

// read_case, compute_advice, record_advice. Throws InvalidInput (bad case), OutOfScope (a
// scoped token asking about a case whose municipality lies in a region outside its scope) or
// RuleError (a rule failed); writes nothing then. The audit record names the scope.
Advice advise(Context& ctx, RuleHost& rules, const CaseDocument& document, Date reference_date, const std::string& actor,
              KeepForReplay keep = KeepForReplay::no, const Scope& scope = {});
// The same with the rule set that answers for the case's region on the reference date: the
// registry's choice (apps/service/ruleset_registry.hpp), named in the result's `ruleset`.
Advice advise(Context& ctx, RuleSetRegistry& rules, const CaseDocument& document, Date reference_date,
              const std::string& actor, KeepForReplay keep = KeepForReplay::no, const Scope& scope = {});

}  // namespace passend::service
