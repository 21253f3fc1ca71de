// Rule sets in the database (docs/rules.md, docs/api.md): the rule sets with the version in force
// and the regions they answer for, a version's declarations for the proposal page, the history,
// the dry run before sending, proposals, approval by a second person, rollback, withdrawal, and
// which rule set a region, a network or the default uses. The same service functions as
// `passend rules …` (apps/service/ruleset_governance.hpp).
#include <httplib.h>

#include "apps/server/api_error.hpp"
#include "apps/server/handlers.hpp"
#include "apps/server/json_body.hpp"
#include "apps/service/dry_run.hpp"
#include "apps/service/rules.hpp"
#include "core/errors.hpp"

namespace passend::server {

using ojson = nlohmann::ordered_json;

namespace {

std::string ruleset_param(Context& ctx) {
  const std::string name = path_param(ctx, 1);
  auto work = service_context(ctx);
  if (!service::ruleset_json(work, name, Date::today()))
    throw ApiError(ApiCode::not_found, "no rule set '" + name + "'");
  return name;
}

std::int64_t proposal_param(const Context& ctx) { return id_param(ctx, 1, "proposal"); }

void require_object(const nlohmann::json& body, const std::string& shape) {
  if (!body.is_object()) throw InvalidInput(kBodyName, "", "expected an object " + shape);
}

void only_fields(const nlohmann::json& body, std::initializer_list<const char*> allowed, IssueList& issues) {
  std::string list;
  for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  for (const auto& item : body.items()) {
    const std::string& key = item.key();  // a named variable: clang 14 cannot capture a structured binding
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      issues.add("/" + key, "unknown field; expected " + list);
  }
}

std::string string_field(const nlohmann::json& body, const char* name, IssueList& issues, bool required) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) issues.add(std::string("/") + name, "required");
    return "";
  }
  if (!it->is_string()) {
    issues.add(std::string("/") + name, "expected a string");
    return "";
  }
  return it->get<std::string>();
}

// {"params": {...}, "base": "2.1.0", "comment": "...", "limit": N}
service::ParameterChange parameter_change(const std::string& ruleset, const nlohmann::json& body, bool proposal,
                                          int* limit) {
  require_object(body, proposal ? "{\"params\", \"base\", \"comment\"}" : "{\"params\", \"base\", \"limit\"}");
  IssueList issues(kBodyName);
  if (proposal) only_fields(body, {"params", "base", "comment"}, issues);
  else only_fields(body, {"params", "base", "limit"}, issues);
  service::ParameterChange change;
  change.ruleset = ruleset;
  if (!body.contains("params")) issues.add("/params", "required: the new params.json document");
  else if (!body["params"].is_object()) issues.add("/params", "expected an object (a params.json document)");
  change.base = string_field(body, "base", issues, true);
  if (proposal) change.comment = string_field(body, "comment", issues, true);
  if (limit) {
    const auto l = body.value("limit", nlohmann::json(service::kDefaultDryRunQueries));
    if (!l.is_number_integer() || l.get<long long>() < 1 || l.get<long long>() > service::kMaxDryRunQueries)
      issues.add("/limit", "expected an integer from 1 to " + std::to_string(service::kMaxDryRunQueries));
    else *limit = l.get<int>();
  }
  issues.throw_if_any();
  change.params = body["params"];
  change.params_file = kBodyName;
  change.params_pointer = "/params";
  change.comment_field = "/comment";
  return change;
}

// Messages of the service name CLI options; over HTTP they are fields of the body.
template <typename F>
auto with_body_fields(F&& f) {
  try {
    return f();
  } catch (const InvalidInput& e) {
    std::vector<InputIssue> issues;
    for (auto issue : e.issues()) {
      if (issue.file == "--comment") issue = {kBodyName, "/comment", issue.message};
      else if (issue.file == "--to") issue = {kBodyName, "/to", issue.message};
      else if (issue.file == "--ruleset") issue = {kBodyName, "/ruleset", issue.message};
      issues.push_back(std::move(issue));
    }
    throw InvalidInput(std::move(issues));
  }
}

Reply created(ojson body) {
  Reply reply;
  reply.status = 201;
  reply.body = std::move(body);
  return reply;
}

}  // namespace

Reply get_rulesets(Context& ctx) {
  auto work = service_context(ctx);
  Reply reply;
  reply.body = service::rulesets_json(work, Date::today());
  return reply;
}

Reply get_ruleset(Context& ctx) {
  const std::string name = ruleset_param(ctx);
  auto work = service_context(ctx);
  Reply reply;
  reply.body = *service::ruleset_json(work, name, Date::today());
  return reply;
}

// The version new proposals start from (the latest approval), described for people: its rules
// with Dutch labels, explanations, ranges and values, the ordering steps before the score, its
// params.json, and which version that is.
Reply get_ruleset_rules(Context& ctx) {
  const std::string name = ruleset_param(ctx);
  auto work = service_context(ctx);
  const auto head = service::head_release(work, name);
  if (!head) throw ApiError(ApiCode::not_found, "rule set '" + name + "' has no approved version yet");
  auto host = ctx.state.rulesets->for_release(work, *head);
  Reply reply;
  reply.body = service::declared_rules_json(host.host());
  reply.body["base"] = host.identity().version;
  reply.body["params"] = service::version_params(work, *head);
  reply.body["overview"] = *service::ruleset_json(work, name, Date::today());
  return reply;
}

Reply get_ruleset_history(Context& ctx) {
  const std::string name = ruleset_param(ctx);
  auto work = service_context(ctx);
  Reply reply;
  reply.body = service::history_json(work, name, Date::today());
  return reply;
}

Reply post_dry_run(Context& ctx) {
  const std::string name = ruleset_param(ctx);
  int limit = service::kDefaultDryRunQueries;
  auto change = parameter_change(name, body_json(ctx), false, &limit);
  auto work = service_context(ctx);
  Reply reply;
  reply.body = with_body_fields([&] { return service::try_parameters(work, change, limit, rules_actor_of(ctx)); });
  return reply;
}

Reply post_proposal(Context& ctx) {
  const std::string name = ruleset_param(ctx);
  auto change = parameter_change(name, body_json(ctx), true, nullptr);
  auto work = service_context(ctx);
  const auto made = with_body_fields([&] { return service::propose_parameters(work, change, rules_actor_of(ctx)); });
  return created(service::proposal_made_json(made));
}

Reply post_rollback(Context& ctx) {
  const std::string name = ruleset_param(ctx);
  const auto body = body_json(ctx);
  require_object(body, "{\"to\", \"comment\"}");
  IssueList issues(kBodyName);
  only_fields(body, {"to", "comment"}, issues);
  const std::string to = string_field(body, "to", issues, true);
  const std::string comment = string_field(body, "comment", issues, true);
  issues.throw_if_any();
  auto work = service_context(ctx);
  const auto made = with_body_fields([&] { return service::propose_rollback(work, name, to, comment, rules_actor_of(ctx)); });
  return created(service::proposal_made_json(made));
}

Reply get_proposals(Context& ctx) {
  const std::string status = query_param(ctx, "status").value_or("");
  if (!status.empty() && status != "proposed" && status != "active" && status != "superseded" && status != "withdrawn")
    throw InvalidInput("query parameter status", "", "query parameter status: expected proposed, active, superseded or withdrawn");
  auto work = service_context(ctx);
  Reply reply;
  reply.body = service::proposals_json(work, status, Date::today());
  return reply;
}

Reply get_proposal(Context& ctx) {
  const auto id = proposal_param(ctx);
  auto work = service_context(ctx);
  auto j = service::proposal_json(work, id, scope_regions_of(ctx), Date::today());
  if (!j) throw ApiError(ApiCode::not_found, "no proposal " + std::to_string(id));
  Reply reply;
  reply.body = std::move(*j);
  return reply;
}

Reply post_approve(Context& ctx) {
  const auto id = proposal_param(ctx);
  const auto body = ctx.req.body.empty() ? nlohmann::json::object() : body_json(ctx);
  require_object(body, "{\"from\": \"YYYY-MM-DD\"}");
  IssueList issues(kBodyName);
  only_fields(body, {"from"}, issues);
  const std::string from_text = string_field(body, "from", issues, false);
  std::optional<Date> from;
  if (!from_text.empty() && !(from = Date::parse(from_text))) issues.add("/from", "expected a date YYYY-MM-DD");
  issues.throw_if_any();
  auto work = service_context(ctx);
  if (!service::proposal_json(work, id, std::nullopt, Date::today()))
    throw ApiError(ApiCode::not_found, "no proposal " + std::to_string(id));
  const auto approved = service::approve_proposal(work, id, from, rules_actor_of(ctx));
  // The version answers from now on (or from its date): load it before the first query needs it.
  ctx.state.rulesets->warm(work, Date::today());
  ctx.state.rulesets->forget_unused();
  Reply reply;
  reply.body = service::approved_json(approved);
  return reply;
}

Reply post_withdraw(Context& ctx) {
  const auto id = proposal_param(ctx);
  const auto body = ctx.req.body.empty() ? nlohmann::json::object() : body_json(ctx);
  require_object(body, "{\"note\": \"...\"}");
  IssueList issues(kBodyName);
  only_fields(body, {"note"}, issues);
  const std::string note = string_field(body, "note", issues, false);
  issues.throw_if_any();
  auto work = service_context(ctx);
  if (!service::proposal_json(work, id, std::nullopt, Date::today()))
    throw ApiError(ApiCode::not_found, "no proposal " + std::to_string(id));
  with_body_fields([&] {
    try {
      service::withdraw_proposal(work, id, note, rules_actor_of(ctx));
    } catch (const InvalidInput& e) {
      std::vector<InputIssue> issues;
      for (auto issue : e.issues()) issues.push_back(issue.file == "--comment" ? InputIssue{kBodyName, "/note", issue.message} : issue);
      throw InvalidInput(std::move(issues));
    }
    return 0;
  });
  Reply reply;
  reply.body = *service::proposal_json(work, id, scope_regions_of(ctx), Date::today());
  reply.body.erase("dry_run_detail");
  return reply;
}

Reply get_assignments(Context& ctx) {
  auto work = service_context(ctx);
  Reply reply;
  reply.body = service::rulesets_json(work, Date::today())["assignments"];
  return reply;
}

// PUT /api/v1/assignments/{scope} {"ruleset": NAME}: scope is JZnn, EXNnn or "default".
Reply put_assignment(Context& ctx) {
  const std::string scope = path_param(ctx, 1);
  const auto body = body_json(ctx);
  require_object(body, "{\"ruleset\": \"NAME\"}");
  IssueList issues(kBodyName);
  only_fields(body, {"ruleset"}, issues);
  const std::string ruleset = string_field(body, "ruleset", issues, true);
  issues.throw_if_any();
  auto work = service_context(ctx);
  const std::string line = with_body_fields([&] {
    try {
      return service::assign_rule_set(work, ruleset, scope == "default" ? "*" : scope, rules_actor_of(ctx));
    } catch (const InvalidInput& e) {
      if (!e.issues().empty() && e.issues().front().file == "--region")
        throw ApiError(ApiCode::not_found, "no region or network '" + scope + "'; expected JZnn, EXNnn or default");
      throw;
    }
  });
  ctx.state.rulesets->warm(work, Date::today());
  Reply reply;
  reply.body = {{"scope", scope}, {"ruleset", ruleset}, {"message", line}};
  return reply;
}

}  // namespace passend::server
