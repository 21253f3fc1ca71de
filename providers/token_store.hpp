#pragma once
// The api_token table: one row per API token, keeping only the sha256 of its secret. Plain
// rows: the role is the text stored, what it allows is the service's business
// (apps/service/tokens.hpp). Every function works in the caller's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "providers/sqlite.hpp"

namespace passend::db {

struct TokenRow {
  std::int64_t id = 0;
  std::string name;  // the label: the actor in audit records
  std::string role;
  std::string created_at, created_by;
  std::optional<std::string> revoked_at;
  std::optional<std::string> expires_at;  // none for tokens from before expiry existed and not migrated
  bool expired = false;                   // expires_at has passed (by the database's UTC clock)
  std::string scope;  // "" (unscoped), "region:JZ21", "network:EXN03" or "provider:<id>"
};

struct NewTokenRow {
  std::string name, role, sha256, created_by, scope;
  int expires_days = 365;  // the token expires this many days after now
};

// Whether a token that is not revoked has this label.
bool live_token_named(Database& db, const std::string& name);
// Inserts the token, stamped with the current UTC time; returns its id.
std::int64_t insert_token(Database& db, const NewTokenRow& token);
// Oldest first.
std::vector<TokenRow> list_tokens(Database& db);
std::optional<TokenRow> find_token(Database& db, std::int64_t id);
// Marks the token revoked now; false when there is no live token with that id.
bool revoke_token(Database& db, std::int64_t id);
// The live (not revoked) token whose secret has this sha256, expired or not.
std::optional<TokenRow> find_live_token_by_hash(Database& db, const std::string& sha256);

}  // namespace passend::db
