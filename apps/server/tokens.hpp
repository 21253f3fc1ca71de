#pragma once
// API tokens and roles. A token is 32 random bytes shown once; the database keeps only its
// sha256, so a copy of the database does not give access to the API.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "providers/sqlite.hpp"

namespace passend::server {

// member: query and read · contract_manager: + rule parameters · coordinator: + capacity,
// allocation, reservations · admin: + tokens and audit records, i.e. everything.
enum class Role { member, contract_manager, coordinator, admin };

const char* role_name(Role role);
std::optional<Role> parse_role(const std::string& name);
// Whether a token of role `have` may call a route that needs `need`.
bool role_allows(Role have, Role need);

// A label is 1 to 100 characters without control characters: it appears in logs and audits.
bool valid_label(const std::string& name);
inline constexpr const char* kLabelRule = "a token label is 1 to 100 characters, without control characters";

struct TokenInfo {
  std::int64_t id = 0;
  std::string name;  // the label: the actor in audit records
  Role role = Role::member;
  std::string created_at, created_by;
  std::optional<std::string> revoked_at;
};

struct NewToken {
  TokenInfo info;
  std::string secret;  // "passend_" + 64 hex characters; shown once, never stored
};

// Throws InvalidInput for an empty or over-long label, Conflict when a live token has it.
NewToken create_token(db::Database& db, Role role, const std::string& name, const std::string& created_by);
std::vector<TokenInfo> list_tokens(db::Database& db);
std::optional<TokenInfo> find_token(db::Database& db, std::int64_t id);
// Marks the token revoked; false when there is no live token with that id.
bool revoke_token(db::Database& db, std::int64_t id);
// The live token with this secret, if any (looked up by its sha256).
std::optional<TokenInfo> authenticate(db::Database& db, const std::string& secret);

// 32 bytes from getrandom(2), hex encoded with the "passend_" prefix (so secret scanners can spot it).
std::string random_token_secret();
std::string token_hash(const std::string& secret);

}  // namespace passend::server
