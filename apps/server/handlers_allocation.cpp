// Scarce supra-regional places: allocation among competing cases and single reservations,
// through the same service the CLI uses (passend allocate / reserve / release), audited with
// the token's label.
#include <httplib.h>

#include "apps/server/api_error.hpp"
#include "apps/server/handlers.hpp"
#include "apps/server/json_body.hpp"
#include "apps/service/place_allocation.hpp"
#include "apps/service/reservations.hpp"
#include "apps/service/scopes.hpp"
#include "core/case_json.hpp"
#include "core/errors.hpp"

namespace passend::server {

namespace {
std::optional<Date> date_param(const Context& ctx, const std::string& name) {
  const auto text = query_param(ctx, name);
  if (!text) return std::nullopt;
  auto d = Date::parse(*text);
  if (!d) throw InvalidInput("query parameter " + name, "", "query parameter " + name + ": expected YYYY-MM-DD, got '" + *text + "'");
  return d;
}

bool bool_param(const Context& ctx, const std::string& name) {
  const auto text = query_param(ctx, name);
  if (!text || *text == "false") return false;
  if (*text == "true") return true;
  throw InvalidInput("query parameter " + name, "", "query parameter " + name + ": expected true or false");
}

struct ReservationBody {
  std::string case_id, offering;
  std::optional<Date> until;
};

std::string required_string(const nlohmann::json& body, const std::string& name, IssueList& issues) {
  if (!body.contains(name) || !body[name].is_string() || body[name].get<std::string>().empty()) {
    issues.add("/" + name, "required: a non-empty string");
    return "";
  }
  return body[name].get<std::string>();
}

ReservationBody reservation_body(const nlohmann::json& body) {
  if (!body.is_object()) throw InvalidInput(kBodyName, "", "expected an object {\"case\", \"offering\", \"until\"}");
  IssueList issues(kBodyName);
  for (const auto& [key, value] : body.items())
    if (key != "case" && key != "offering" && key != "until") issues.add("/" + key, "unknown field; expected case, offering, until");
  ReservationBody r;
  r.case_id = required_string(body, "case", issues);
  if (!r.case_id.empty() && !is_pseudonymous_case_id(r.case_id))
    issues.add("/case", "a case id is 1-64 letters, digits, '-', '_' or '.': a pseudonym, never a name or a BSN");
  r.offering = required_string(body, "offering", issues);
  if (body.contains("until") && !body["until"].is_null()) {
    r.until = body["until"].is_string() ? Date::parse(body["until"].get<std::string>()) : std::nullopt;
    if (!r.until) issues.add("/until", "expected a date YYYY-MM-DD or null");
  }
  issues.throw_if_any();
  return r;
}
}  // namespace

Reply post_allocate(Context& ctx) {
  check_json_depth(ctx.req.body);
  service::AllocationRequest request;
  const auto network = query_param(ctx, "network");
  if (!network || network->empty())
    throw InvalidInput("query parameter network", "", "query parameter network is required (e.g. EXN03)");
  request.network = *network;
  const auto& scope = ctx.token->scope;
  if (scope.scoped() && !(scope.kind == service::Scope::Kind::network && scope.id == *network))
    throw service::OutOfScope("de plekken van netwerk " + *network + " verdelen ligt buiten de scope van dit token: " +
                              scope_name_of(ctx));
  request.cases_bytes = ctx.req.body;
  request.cases_name = kBodyName;
  request.reference_date = date_param(ctx, "date").value_or(Date::today());
  request.commit = bool_param(ctx, "commit");
  request.until = date_param(ctx, "until");
  request.actor = actor_of(ctx);
  auto work = service_context(ctx);
  auto outcome = service::allocate_places(work, *ctx.state.rulesets, request);
  Reply reply;
  reply.body = std::move(outcome.result);
  std::string ids;
  for (auto id : outcome.audit_ids) {
    if (!ids.empty()) ids += ',';
    ids += std::to_string(id);
  }
  reply.headers.emplace_back("X-Passend-Audit-Ids", ids);
  return reply;
}

Reply get_reservations(Context& ctx) {
  const Date on = date_param(ctx, "date").value_or(Date::today());
  const std::string case_id = query_param(ctx, "case").value_or("");
  // The filter goes into the audit record: only a pseudonymous id may.
  if (!case_id.empty() && !is_pseudonymous_case_id(case_id))
    throw InvalidInput("query parameter case", "", "query parameter case: expected a pseudonymous case id");
  // The list is built apart and moved in: a reference into reply.body would dangle as soon as
  // "date" is added (an ordered_json object is a vector that may reallocate; found by ASan).
  auto work = service_context(ctx);
  auto list = nlohmann::ordered_json::array();
  for (const auto& r : service::list_reservations(work, on, case_id, actor_of(ctx), scope_regions_of(ctx)))
    list.push_back(service::reservation_json(r));
  Reply reply;
  reply.body["reservations"] = std::move(list);
  reply.body["date"] = on.str();
  return reply;
}

Reply post_reservation(Context& ctx) {
  const auto body = reservation_body(body_json(ctx));
  const Date on = date_param(ctx, "date").value_or(Date::today());
  auto work = service_context(ctx);
  if (const auto region = service::offering_region(work, body.offering))
    service::require_region(ctx.token->scope, ctx.state.regions, *region, "aanbod " + body.offering);
  const auto out = service::reserve_place(work, body.case_id, body.offering, body.until, on, actor_of(ctx));
  Reply reply;
  reply.status = 201;
  reply.body = out.result;
  reply.headers.emplace_back("X-Passend-Audit-Id", std::to_string(out.audit_id));
  return reply;
}

Reply delete_reservation(Context& ctx) {
  const auto id = id_param(ctx, 1, "reservation");
  const Date on = date_param(ctx, "date").value_or(Date::today());
  auto work = service_context(ctx);
  const auto out = service::release_reservation(work, id, on, actor_of(ctx), scope_regions_of(ctx), scope_name_of(ctx));
  if (!out) throw ApiError(ApiCode::not_found, "no unreleased reservation " + std::to_string(id));
  Reply reply;
  reply.body = out->result;
  reply.headers.emplace_back("X-Passend-Audit-Id", std::to_string(out->audit_id));
  return reply;
}

}  // namespace passend::server
