#include "apps/service/scopes.hpp"

namespace passend::service {

namespace {
struct KindName {
  Scope::Kind kind;
  const char* name;
};
constexpr KindName kKinds[] = {{Scope::Kind::region, "region"}, {Scope::Kind::network, "network"}, {Scope::Kind::provider, "provider"}};

const char* kind_name(Scope::Kind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.name;
  return "";
}
}  // namespace

std::string scope_text(const Scope& scope) {
  if (!scope.scoped()) return "";
  return std::string(kind_name(scope.kind)) + ":" + scope.id;
}

Scope parse_scope_text(const std::string& text) {
  if (text.empty()) return {};
  const auto colon = text.find(':');
  const std::string kind = colon == std::string::npos ? text : text.substr(0, colon);
  for (const auto& k : kKinds)
    if (kind == k.name && colon != std::string::npos) return {k.kind, text.substr(colon + 1)};
  return {Scope::Kind::provider, ""};
}

nlohmann::ordered_json scope_json(const Scope& scope) {
  if (!scope.scoped()) return nullptr;
  return {{"kind", kind_name(scope.kind)}, {"id", scope.id}};
}

std::string scope_dutch(const Scope& scope, const RegionGraph& regions) {
  switch (scope.kind) {
    case Scope::Kind::none:
      return "geen scope";
    case Scope::Kind::region: {
      const Region* r = regions.region(scope.id);
      return "regio " + scope.id + (r ? " (" + r->name + ")" : "");
    }
    case Scope::Kind::network: {
      const Network* n = regions.network(scope.id);
      return "netwerk " + scope.id + (n ? " (" + n->name + ")" : "");
    }
    case Scope::Kind::provider:
      return "aanbieder " + scope.id;
  }
  return "";
}

std::optional<std::set<std::string>> scope_regions(const Scope& scope, const RegionGraph& regions) {
  switch (scope.kind) {
    case Scope::Kind::none:
      return std::nullopt;
    case Scope::Kind::region:
      return std::set<std::string>{scope.id};
    case Scope::Kind::network: {
      const auto list = regions.regions_of_network(scope.id);
      return std::set<std::string>(list.begin(), list.end());
    }
    case Scope::Kind::provider:
      return std::set<std::string>{};
  }
  return std::set<std::string>{};
}

bool scope_covers_region(const Scope& scope, const RegionGraph& regions, const std::string& region) {
  const auto covered = scope_regions(scope, regions);
  return !covered || covered->count(region) > 0;
}

void require_region(const Scope& scope, const RegionGraph& regions, const std::string& region, const std::string& what) {
  if (scope_covers_region(scope, regions, region)) return;
  throw OutOfScope(what + " ligt buiten de scope van dit token: " + scope_dutch(scope, regions));
}

}  // namespace passend::service
