// POST /api/v1/query: the advice for one case, through the same service the CLI uses
// (validation, one registry snapshot, rules), recorded in one transaction: the audit record, the
// gap signal and the case document kept for rule-tuning dry runs (docs/web.md).
#include <httplib.h>

#include "apps/service/advice.hpp"
#include "apps/service/explain.hpp"
#include "core/errors.hpp"
#include "apps/server/handlers.hpp"
#include "apps/server/json_body.hpp"

namespace passend::server {

namespace {
Date reference_date(const Context& ctx) {
  const auto text = query_param(ctx, "date");
  if (!text) return Date::today();
  auto d = Date::parse(*text);
  if (!d) throw InvalidInput("query parameter date", "", "query parameter date: expected YYYY-MM-DD, got '" + *text + "'");
  return *d;
}
}  // namespace

Reply post_query(Context& ctx) {
  check_json_depth(ctx.req.body);
  const Date date = reference_date(ctx);
  auto work = service_context(ctx);
  auto advice = service::advise(work, *ctx.state.rulesets, {ctx.req.body, kBodyName}, date, ctx.token->name,
                                service::KeepForReplay::yes, ctx.token->scope);
  Reply reply;
  reply.raw = std::move(advice.result);  // written once (compact JSON), the bytes of the audit record
  reply.headers.emplace_back("X-Passend-Audit-Id", std::to_string(advice.audit_id));
  return reply;
}

// POST /api/v1/explain?offering=ID: one offering's whole verdict, computed by the same query.
Reply post_explain(Context& ctx) {
  check_json_depth(ctx.req.body);
  const Date date = reference_date(ctx);
  const auto offering = query_param(ctx, "offering");
  if (!offering || offering->empty())
    throw InvalidInput("query parameter offering", "", "the offering id is required");
  auto work = service_context(ctx);
  auto explained = service::explain(work, *ctx.state.rulesets, {ctx.req.body, kBodyName}, date, *offering,
                                    "query parameter offering", ctx.token->name, ctx.token->scope);
  Reply reply;
  reply.body = std::move(explained.result);
  reply.headers.emplace_back("X-Passend-Audit-Id", std::to_string(explained.audit_id));
  return reply;
}

}  // namespace passend::server
