#pragma once
// Scopes on API tokens (docs/api.md, "Scopes"): need-to-know once one deployment serves several
// regions. A token is unscoped (it reaches everything its role allows, as every token did before
// scopes existed), or bound to one jeugdregio, one expertise network, or — for the provider
// role — one provider of the registry. A region or network scope limits the cases a token sees
// and queries to the cases of those regions (the region of the case's municipality), and the
// places to the offerings located there.
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "core/regions.hpp"

namespace passend::service {

struct Scope {
  enum class Kind { none, region, network, provider };
  Kind kind = Kind::none;
  std::string id;  // JZnn, EXNnn or a provider id
  bool scoped() const { return kind != Kind::none; }
};

// The stored form: "", "region:JZ21", "network:EXN03", "provider:prov-001".
std::string scope_text(const Scope& scope);
// The stored form back; a malformed one reads as a scope that covers nothing (a provider scope
// without an id), never as unscoped.
Scope parse_scope_text(const std::string& text);
// null, or {"kind": "region", "id": "JZ21"}.
nlohmann::ordered_json scope_json(const Scope& scope);
// In Dutch, for messages: "regio JZ21 (Food Valley)", "netwerk EXN03 (BOEG)", "aanbieder prov-001".
std::string scope_dutch(const Scope& scope, const RegionGraph& regions);

// The regions a region or network scope covers; nothing for an unscoped token (all regions);
// an empty set for a provider scope (no region's cases).
std::optional<std::set<std::string>> scope_regions(const Scope& scope, const RegionGraph& regions);
bool scope_covers_region(const Scope& scope, const RegionGraph& regions, const std::string& region);

// A request outside the token's scope: HTTP 403, code out_of_scope. The message is Dutch and
// names the scope.
class OutOfScope : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A use case the token's role may not do at all (e.g. a member setting capacity): HTTP 403,
// code forbidden.
class Forbidden : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// OutOfScope ("<what> ligt buiten de scope van dit token: regio JZ21 (Food Valley)") unless the
// scope covers `region`.
void require_region(const Scope& scope, const RegionGraph& regions, const std::string& region, const std::string& what);

}  // namespace passend::service
