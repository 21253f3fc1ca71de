// Case records and the network's waiting list over HTTP (docs/api.md, "Cases and the waiting
// list"; docs/cases.md): the same services as `passend case` and `passend allocate` without
// --cases. A scoped token reaches only the cases of its regions and its own network's list
// (403 out_of_scope, in Dutch, naming the scope).
#include <httplib.h>

#include "apps/server/api_error.hpp"
#include "apps/server/handlers.hpp"
#include "apps/server/json_body.hpp"
#include "apps/service/case_flow.hpp"
#include "apps/service/cases.hpp"
#include "apps/service/scopes.hpp"
#include "apps/service/waiting_list.hpp"
#include "core/case_json.hpp"
#include "core/errors.hpp"

namespace passend::server {

namespace {
using J = nlohmann::ordered_json;

std::optional<Date> date_query(const Context& ctx, const std::string& name) {
  const auto text = query_param(ctx, name);
  if (!text || text->empty()) return std::nullopt;
  auto d = Date::parse(*text);
  if (!d) throw InvalidInput("query parameter " + name, "", "query parameter " + name + ": expected YYYY-MM-DD");
  return d;
}

bool flag_query(const Context& ctx, const std::string& name) {
  const auto text = query_param(ctx, name);
  if (!text || *text == "false") return false;
  if (*text == "true") return true;
  throw InvalidInput("query parameter " + name, "", "query parameter " + name + ": expected true or false");
}

service::CaseStep step_of(const Context& ctx) {
  return {date_query(ctx, "date").value_or(Date::today()), ctx.token->name, service::Naming::body, ctx.token->scope};
}

std::string case_id_of(const Context& ctx) {
  const std::string id = path_param(ctx, 1);
  if (!is_pseudonymous_case_id(id)) throw ApiError(ApiCode::not_found, "no case record '" + printable(id) + "'");
  return id;
}

// The body's fields, each checked for its type; unknown fields are refused.
class Body {
 public:
  Body(const nlohmann::json& body, std::initializer_list<const char*> fields) : body_(body), issues_(kBodyName) {
    if (!body.is_object()) throw InvalidInput(kBodyName, "", "expected a JSON object");
    for (const auto& item : body.items()) {
      bool known = false;
      for (const char* f : fields) known = known || item.key() == f;
      if (!known) issues_.add("/" + item.key(), "unknown field");
    }
  }
  std::string text(const char* name) {
    if (!body_.contains(name) || body_[name].is_null()) return "";
    if (!body_[name].is_string()) {
      issues_.add(std::string("/") + name, "expected a string");
      return "";
    }
    return body_[name].get<std::string>();
  }
  std::optional<std::string> optional(const char* name) {
    std::string s = text(name);
    if (s.empty()) return std::nullopt;
    return s;
  }
  std::optional<Date> date(const char* name) {
    const std::string s = text(name);
    if (s.empty()) return std::nullopt;
    auto d = Date::parse(s);
    if (!d) issues_.add(std::string("/") + name, "expected a date YYYY-MM-DD");
    return d;
  }
  bool flag(const char* name) {
    if (!body_.contains(name) || body_[name].is_null()) return false;
    if (!body_[name].is_boolean()) issues_.add(std::string("/") + name, "expected true or false");
    return body_[name].is_boolean() && body_[name].get<bool>();
  }
  std::vector<std::string> texts(const char* name) {
    std::vector<std::string> out;
    if (!body_.contains(name) || body_[name].is_null()) return out;
    if (!body_[name].is_array()) {
      issues_.add(std::string("/") + name, "expected a list of strings");
      return out;
    }
    for (std::size_t i = 0; i < body_[name].size(); ++i) {
      if (body_[name][i].is_string()) out.push_back(body_[name][i].get<std::string>());
      else issues_.add(std::string("/") + name + "/" + std::to_string(i), "expected a string");
    }
    return out;
  }
  IssueList& issues() { return issues_; }
  void done() const { issues_.throw_if_any(); }

 private:
  const nlohmann::json& body_;
  IssueList issues_;
};

// UnknownCase is a 404 over HTTP.
template <class F>
Reply step_reply(F&& step, int status = 200) {
  try {
    const service::CaseOutcome out = step();
    Reply reply;
    reply.status = status;
    reply.body = out.record;
    reply.headers.emplace_back("X-Passend-Audit-Id", std::to_string(out.audit_id));
    return reply;
  } catch (const service::UnknownCase& e) {
    throw ApiError(ApiCode::not_found, e.issues().front().message);
  }
}
}  // namespace

Reply get_cases(Context& ctx) {
  service::CaseListQuery q;
  q.status = query_param(ctx, "status").value_or("");
  q.region = query_param(ctx, "region").value_or("");
  q.overdue_only = flag_query(ctx, "overdue");
  q.on = date_query(ctx, "date").value_or(Date::today());
  q.regions = scope_regions_of(ctx);
  if (!q.region.empty() && q.regions && !q.regions->count(q.region))
    throw service::OutOfScope("de casussen van regio " + q.region + " liggen buiten de scope van dit token: " +
                              scope_name_of(ctx));
  auto work = service_context(ctx);
  Reply reply;
  reply.body["cases"] = service::list_cases(work, q, actor_of(ctx));
  reply.body["date"] = q.on.str();
  return reply;
}

Reply get_case(Context& ctx) {
  const std::string id = case_id_of(ctx);
  auto work = service_context(ctx);
  auto record = service::show_case(work, id, date_query(ctx, "date").value_or(Date::today()), actor_of(ctx),
                                   ctx.token->scope);
  if (!record) throw ApiError(ApiCode::not_found, "no case record '" + id + "'");
  Reply reply;
  reply.body = std::move(*record);
  return reply;
}

Reply post_case(Context& ctx) {
  check_json_depth(ctx.req.body);
  auto work = service_context(ctx);
  return step_reply([&] { return service::open_case(work, {ctx.req.body, kBodyName}, step_of(ctx)); }, 201);
}

Reply post_case_advice(Context& ctx) {
  const std::string id = case_id_of(ctx);
  const nlohmann::json json = body_json(ctx);
  Body body(json, {"plan_a", "plan_b", "bridging", "regie", "agreements", "follow_up", "note"});
  service::RetAdvice advice;
  advice.plan_a = body.text("plan_a");
  advice.plan_b = body.optional("plan_b");
  advice.bridging = body.optional("bridging");
  advice.regie = body.text("regie");
  advice.agreements = body.texts("agreements");
  advice.follow_up = body.date("follow_up");
  advice.note = body.text("note");
  body.done();
  auto work = service_context(ctx);
  return step_reply([&] { return service::advise_case(work, id, advice, step_of(ctx)); });
}

Reply post_case_response(Context& ctx) {
  const std::string id = case_id_of(ctx);
  const nlohmann::json json = body_json(ctx);
  Body body(json, {"offering", "accept", "refuse", "note"});
  service::ProviderAnswer answer;
  answer.offering = body.text("offering");
  const bool accept = body.flag("accept");
  answer.refusal = body.optional("refuse");
  answer.note = body.text("note");
  if (accept == answer.refusal.has_value())
    body.issues().add("/accept", "give the provider's answer: either \"accept\": true or \"refuse\": a reason code");
  body.done();
  auto work = service_context(ctx);
  return step_reply([&] { return service::respond_case(work, id, answer, step_of(ctx)); });
}

Reply post_case_referral(Context& ctx) {
  const std::string id = case_id_of(ctx);
  const nlohmann::json json = body_json(ctx);
  Body body(json, {"network"});
  const std::string network = body.text("network");
  if (network.empty()) body.issues().add("/network", "required: a network code such as EXN03");
  body.done();
  auto work = service_context(ctx);
  return step_reply([&] { return service::refer_case(work, id, network, step_of(ctx)); });
}

Reply post_case_closure(Context& ctx) {
  const std::string id = case_id_of(ctx);
  const nlohmann::json json = body_json(ctx);
  Body body(json, {"outcome", "note"});
  const std::string outcome = body.text("outcome");
  const std::string note = body.text("note");
  body.done();
  auto work = service_context(ctx);
  return step_reply([&] { return service::close_case(work, id, outcome, note, step_of(ctx)); });
}

Reply get_waiting_list(Context& ctx) {
  const std::string network = path_param(ctx, 1);
  auto work = service_context(ctx);
  const Date on = date_query(ctx, "date").value_or(Date::today());
  Reply reply;
  try {
    reply.body["cases"] = service::waiting_list(work, network, on, ctx.token->scope);
  } catch (const InvalidInput&) {
    throw ApiError(ApiCode::not_found, "no network '" + printable(network) + "'");
  }
  reply.body["network"] = network;
  reply.body["date"] = on.str();
  return reply;
}

Reply post_waiting_list_allocate(Context& ctx) {
  service::WaitingListRequest request;
  request.network = path_param(ctx, 1);
  if (!ctx.state.regions.network(request.network))
    throw ApiError(ApiCode::not_found, "no network '" + printable(request.network) + "'");
  request.reference_date = date_query(ctx, "date").value_or(Date::today());
  request.commit = flag_query(ctx, "commit");
  request.until = date_query(ctx, "until");
  request.actor = actor_of(ctx);
  request.scope = ctx.token->scope;
  if (!ctx.req.body.empty()) {
    const nlohmann::json json = body_json(ctx);
    Body body(json, {"expected"});
    if (json.contains("expected")) {
      std::vector<std::pair<std::string, std::string>> expected;
      const auto& list = json["expected"];
      if (!list.is_array()) body.issues().add("/expected", "expected a list of {\"case\", \"offering\"}");
      for (std::size_t i = 0; list.is_array() && i < list.size(); ++i) {
        const auto& x = list[i];
        if (x.is_object() && x.contains("case") && x["case"].is_string() && x.contains("offering") && x["offering"].is_string())
          expected.emplace_back(x["case"].get<std::string>(), x["offering"].get<std::string>());
        else body.issues().add("/expected/" + std::to_string(i), "expected {\"case\": \"…\", \"offering\": \"…\"}");
      }
      request.expected = std::move(expected);
    }
    body.done();
  }
  auto work = service_context(ctx);
  auto outcome = service::allocate_waiting_list(work, *ctx.state.rulesets, request);
  Reply reply;
  reply.body = std::move(outcome.result);
  return reply;
}

Reply get_flow_report(Context& ctx) {
  service::FlowQuery q;
  q.from = date_query(ctx, "from");
  q.until = date_query(ctx, "until");
  q.regions = scope_regions_of(ctx);
  const std::string format = query_param(ctx, "format").value_or("json");
  if (format != "json" && format != "csv")
    throw InvalidInput("query parameter format", "", "query parameter format: expected json or csv");
  auto work = service_context(ctx);
  Reply reply;
  reply.body = service::flow_report(work, q, actor_of(ctx));
  if (format == "csv") {
    reply.raw = service::flow_report_csv(reply.body);
    reply.content_type = "text/csv; charset=utf-8";
  }
  return reply;
}

}  // namespace passend::server
