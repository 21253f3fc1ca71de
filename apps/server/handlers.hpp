#pragma once
// Request handlers: each takes the request's context (authenticated token, a leased worker)
// and returns a reply or throws; the server turns exceptions into the error table's replies.
// Only the handlers that read the request include <httplib.h>.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "apps/server/connection_pool.hpp"
#include "apps/server/routes.hpp"
#include "apps/server/server_state.hpp"
#include "apps/service/audit.hpp"
#include "apps/service/places.hpp"
#include "apps/service/ruleset_governance.hpp"
#include "apps/service/ruleset_registry.hpp"
#include "apps/service/tokens.hpp"
#include "apps/service/workspace.hpp"

namespace httplib {
struct Request;
}

namespace passend::server {

struct Context {
  const httplib::Request& req;
  ServerState& state;
  Lease* lease = nullptr;          // the request's database connection; none for public routes
  const service::TokenInfo* token = nullptr;  // none for public routes
};

struct Reply {
  int status = 200;
  nlohmann::ordered_json body;
  std::string raw;  // sent as is instead of body when not empty (a stored document)
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

using HandlerFn = Reply (*)(Context&);

// --- helpers shared by the handlers ---
std::string path_param(const Context& ctx, std::size_t index);  // 1-based, as std::smatch
std::optional<std::string> query_param(const Context& ctx, const std::string& name);
// An integer query parameter within [min, max]; InvalidInput naming it otherwise.
std::optional<int> int_query_param(const Context& ctx, const std::string& name, int min, int max);
// A path segment that must be a positive integer id; not_found otherwise.
std::int64_t id_param(const Context& ctx, std::size_t index, const char* what);
nlohmann::json body_json(const Context& ctx);
// What the services work on: the leased worker's connection, the server's vocabulary and regions.
service::Context service_context(Context& ctx);
// The token's label and scope, for the audit trail (records of a rule set name it themselves).
service::Actor actor_of(const Context& ctx);
// The token as one who acts on rule sets: label, role, scope.
service::RuleSetActor rules_actor_of(const Context& ctx);
// The rule set that answers for the token's own scope (its region, its network, else the
// default): which one the pages name, whose staleness limit a report uses.
service::RuleSetChoice token_rules(Context& ctx);
service::RuleHostLease token_rules_host(Context& ctx);
// The regions the token's scope covers (nothing: unscoped) and the scope in Dutch, for messages.
std::optional<std::set<std::string>> scope_regions_of(const Context& ctx);
std::string scope_name_of(const Context& ctx);
// Who changes capacity figures: the token's label, role and scope.
service::Editor editor_of(const Context& ctx);
nlohmann::ordered_json ruleset_identity_json(const RuleSetIdentity& id);

// --- handlers, by area ---
Reply get_health(Context&);
Reply get_openapi(Context&);

Reply get_regions(Context&);
Reply get_region(Context&);
Reply get_municipalities(Context&);
Reply get_municipality(Context&);
Reply get_networks(Context&);

Reply get_providers(Context&);
Reply get_provider(Context&);
Reply get_offerings(Context&);
Reply get_offering(Context&);
Reply get_capacity(Context&);
Reply put_capacity(Context&);
// Providers keeping their own places current, and the staleness report (handlers_places.cpp).
Reply get_provider_capacity(Context&);
Reply put_provider_capacity(Context&);
Reply get_stale_report(Context&);

Reply post_query(Context&);
Reply post_explain(Context&);

// Scarce supra-regional places (handlers_allocation.cpp).
Reply post_allocate(Context&);
Reply get_reservations(Context&);
Reply post_reservation(Context&);
Reply delete_reservation(Context&);

// Case records, the network's waiting list and the flow report (handlers_cases.cpp).
Reply get_cases(Context&);
Reply post_case(Context&);
Reply get_case(Context&);
Reply post_case_advice(Context&);
Reply post_case_response(Context&);
Reply post_case_referral(Context&);
Reply post_case_closure(Context&);
Reply get_waiting_list(Context&);
Reply post_waiting_list_allocate(Context&);
Reply get_flow_report(Context&);

// Rule sets in the database: overview, declarations, history, dry run, proposals, approval,
// rollback, assignments (handlers_rulesets.cpp).
Reply get_rulesets(Context&);
Reply get_ruleset(Context&);
Reply get_ruleset_rules(Context&);
Reply get_ruleset_history(Context&);
Reply post_dry_run(Context&);
Reply post_proposal(Context&);
Reply post_rollback(Context&);
Reply get_proposals(Context&);
Reply get_proposal(Context&);
Reply post_approve(Context&);
Reply post_withdraw(Context&);
Reply get_assignments(Context&);
Reply put_assignment(Context&);

// The web pages (handlers_web.cpp).
Reply get_me(Context&);
Reply get_vocabulary(Context&);
Reply get_region_geometry(Context&);

Reply get_gap_report(Context&);
Reply get_audit_list(Context&);
Reply get_audit_record(Context&);
Reply get_tokens(Context&);
Reply post_token(Context&);
Reply delete_token(Context&);

// The route table: what route_specs() lists, with the handler of each.
struct Route {
  RouteSpec spec;
  HandlerFn handler;
};
const std::vector<Route>& api_routes();

}  // namespace passend::server
