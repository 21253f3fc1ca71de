#pragma once
// API tokens and roles, for `passend token` and the server's authentication and token routes.
// A token is 32 random bytes shown once; the database keeps only its sha256, so a copy of the
// database does not give access to the API. Creating and revoking are audited, each in the
// transaction of the change.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apps/service/audit.hpp"
#include "apps/service/scopes.hpp"
#include "apps/service/workspace.hpp"

namespace passend::service {

// member: query and read · contract_manager: + rule parameters · coordinator: + capacity,
// allocation, reservations · admin: + tokens and audit records, i.e. everything · provider:
// only the figures of its own offerings (bound to one provider by its scope).
enum class Role { member, contract_manager, coordinator, admin, provider };

const char* role_name(Role role);
std::optional<Role> parse_role(const std::string& name);
// Whether a token of role `have` may call a route that needs `need`. Every role may call the
// routes that need `provider` (the use case narrows them: a provider its own offerings, members
// only reading); a provider token no other route. Otherwise: the own role, `member` routes, and
// everything for admin.
bool role_allows(Role have, Role need);
// Whether a token of this role may change capacity figures (its scope narrows which).
bool may_set_capacity(Role role);

// A label is 1 to 100 characters without control characters: it appears in logs and audits.
bool valid_label(const std::string& name);
inline constexpr const char* kLabelRule = "a token label is 1 to 100 characters, without control characters";

struct TokenInfo {
  std::int64_t id = 0;
  std::string name;  // the label: the actor in audit records
  Role role = Role::member;
  std::string created_at, created_by;
  std::optional<std::string> revoked_at;
  std::optional<std::string> expires_at;  // UTC, like created_at
  bool expired = false;
  Scope scope;  // unscoped for tokens made before scopes existed
};

// How long a new token lives unless told otherwise, and at most.
inline constexpr int kDefaultTokenDays = 365;
inline constexpr int kMaxTokenDays = 3650;

struct NewToken {
  TokenInfo info;
  std::string secret;  // "passend_" + 64 hex characters; shown once, never stored
  std::int64_t audit_id = 0;
};

// The audit record's view of a token (never its secret or hash): id, name, role, created_at,
// created_by, revoked_at, expires_at, scope. The API answers with it too.
nlohmann::ordered_json token_json(const TokenInfo& t);

// Why a role cannot have this scope, or nothing: a provider token needs a provider scope naming
// a provider of the registry, and only a provider token may have one; a region or network scope
// must name a jeugdregio or an expertise network.
std::optional<std::string> scope_problem(Context& ctx, Role role, const Scope& scope);

// Creates the token and its audit record ("token_create", by `actor`) in one transaction.
// The token expires `expires_days` (1 to kMaxTokenDays) days from now. InvalidInput for a label
// that breaks kLabelRule or holds personal data, a scope_problem (file "scope"), or a lifetime
// out of range; Conflict when a live token has the label.
NewToken create_token(Context& ctx, Role role, const std::string& name, const Actor& actor, const Scope& scope = {},
                      int expires_days = kDefaultTokenDays);
// Oldest first.
std::vector<TokenInfo> list_tokens(Context& ctx);
// Revokes the live token with this id and records it ("token_revoke") in one transaction; the
// token as revoked, or nothing when there is no live token with that id.
std::optional<TokenInfo> revoke_token(Context& ctx, std::int64_t id, const Actor& actor);
// The live, unexpired token with this secret, if any (looked up by its sha256). When a live
// token has the secret but has expired, *refusal (if given) says so, with the date.
std::optional<TokenInfo> authenticate(Context& ctx, const std::string& secret, std::string* refusal = nullptr);

// 32 bytes from getrandom(2), hex encoded with the "passend_" prefix (so secret scanners can spot it).
std::string random_token_secret();
std::string token_hash(const std::string& secret);

}  // namespace passend::service
