#include "apps/server/routes.hpp"

#include "apps/server/handlers.hpp"

namespace passend::server {

namespace {
constexpr auto member = Role::member;
constexpr auto contract_manager = Role::contract_manager;
constexpr auto coordinator = Role::coordinator;
constexpr auto admin = Role::admin;
// Every token may call these; the use case narrows them (a provider token: its own offerings).
constexpr auto provider = Role::provider;
}  // namespace

// Order matters where templates overlap: httplib takes the first match.
const std::vector<Route>& api_routes() {
  static const std::vector<Route> routes = {
      {{"GET", "/health", std::nullopt}, get_health},
      {{"GET", "/api/v1/openapi.json", member}, get_openapi},
      {{"GET", "/api/v1/me", provider}, get_me},
      {{"GET", "/api/v1/vocabulary", member}, get_vocabulary},
      {{"GET", "/api/v1/map/regions", member}, get_region_geometry},

      {{"GET", "/api/v1/regions", member}, get_regions},
      {{"GET", "/api/v1/regions/{code}", member}, get_region},
      {{"GET", "/api/v1/municipalities", member}, get_municipalities},
      {{"GET", "/api/v1/municipalities/{code}", member}, get_municipality},
      {{"GET", "/api/v1/networks", member}, get_networks},

      {{"GET", "/api/v1/providers", member}, get_providers},
      {{"GET", "/api/v1/providers/{id}", member}, get_provider},
      {{"GET", "/api/v1/providers/{id}/capacity", provider}, get_provider_capacity},
      {{"PUT", "/api/v1/providers/{id}/capacity", provider}, put_provider_capacity},
      {{"GET", "/api/v1/offerings", member}, get_offerings},
      {{"GET", "/api/v1/offerings/{id}", member}, get_offering},
      {{"GET", "/api/v1/offerings/{id}/capacity", member}, get_capacity},
      {{"PUT", "/api/v1/offerings/{id}/capacity", provider}, put_capacity},

      {{"POST", "/api/v1/query", member}, post_query},
      {{"POST", "/api/v1/explain", member}, post_explain},

      {{"POST", "/api/v1/allocate", coordinator}, post_allocate},
      {{"GET", "/api/v1/reservations", coordinator}, get_reservations},
      {{"POST", "/api/v1/reservations", coordinator}, post_reservation},
      {{"DELETE", "/api/v1/reservations/{id}", coordinator}, delete_reservation},

      {{"GET", "/api/v1/cases", member}, get_cases},
      {{"POST", "/api/v1/cases", member}, post_case},
      {{"GET", "/api/v1/cases/{id}", member}, get_case},
      {{"POST", "/api/v1/cases/{id}/advice", member}, post_case_advice},
      {{"POST", "/api/v1/cases/{id}/responses", member}, post_case_response},
      {{"POST", "/api/v1/cases/{id}/referral", member}, post_case_referral},
      {{"POST", "/api/v1/cases/{id}/closure", member}, post_case_closure},
      {{"GET", "/api/v1/networks/{code}/waiting-list", coordinator}, get_waiting_list},
      {{"POST", "/api/v1/networks/{code}/waiting-list/allocate", coordinator}, post_waiting_list_allocate},
      {{"GET", "/api/v1/reports/flow", member}, get_flow_report},

      {{"GET", "/api/v1/rulesets", member}, get_rulesets},
      {{"GET", "/api/v1/rulesets/{name}", member}, get_ruleset},
      {{"GET", "/api/v1/rulesets/{name}/rules", member}, get_ruleset_rules},
      {{"GET", "/api/v1/rulesets/{name}/history", member}, get_ruleset_history},
      {{"POST", "/api/v1/rulesets/{name}/dry-run", contract_manager}, post_dry_run},
      {{"POST", "/api/v1/rulesets/{name}/proposals", contract_manager}, post_proposal},
      {{"POST", "/api/v1/rulesets/{name}/rollback", contract_manager}, post_rollback},
      {{"GET", "/api/v1/proposals", contract_manager}, get_proposals},
      {{"GET", "/api/v1/proposals/{id}", contract_manager}, get_proposal},
      {{"POST", "/api/v1/proposals/{id}/approve", contract_manager}, post_approve},
      {{"POST", "/api/v1/proposals/{id}/withdraw", contract_manager}, post_withdraw},
      {{"GET", "/api/v1/assignments", member}, get_assignments},
      {{"PUT", "/api/v1/assignments/{scope}", contract_manager}, put_assignment},

      {{"GET", "/api/v1/reports/gaps", member}, get_gap_report},
      {{"GET", "/api/v1/reports/stale", coordinator}, get_stale_report},
      {{"GET", "/api/v1/audit", admin}, get_audit_list},
      {{"GET", "/api/v1/audit/{id}", admin}, get_audit_record},
      {{"GET", "/api/v1/tokens", admin}, get_tokens},
      {{"POST", "/api/v1/tokens", admin}, post_token},
      {{"DELETE", "/api/v1/tokens/{id}", admin}, delete_token},
  };
  return routes;
}

const std::vector<RouteSpec>& route_specs() {
  static const std::vector<RouteSpec> specs = [] {
    std::vector<RouteSpec> out;
    for (const auto& r : api_routes()) out.push_back(r.spec);
    return out;
  }();
  return specs;
}

std::string path_regex(const std::string& path_template) {
  std::string out;
  for (std::size_t i = 0; i < path_template.size(); ++i) {
    const char c = path_template[i];
    if (c == '{') {
      i = path_template.find('}', i);
      out += "([^/]+)";
    } else if (c == '.') {
      out += "\\.";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace passend::server
