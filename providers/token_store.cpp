#include "providers/token_store.hpp"

namespace passend::db {

namespace {
constexpr const char* kSelect =
    "SELECT id, name, role, created_at, created_by, revoked_at, expires_at, "
    "expires_at IS NOT NULL AND expires_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), scope FROM api_token ";

TokenRow read_row(Statement& st) {
  TokenRow t;
  t.id = st.column_int64(0);
  t.name = st.column_text(1);
  t.role = st.column_text(2);
  t.created_at = st.column_text(3);
  t.created_by = st.column_text(4);
  if (!st.column_is_null(5)) t.revoked_at = st.column_text(5);
  if (!st.column_is_null(6)) t.expires_at = st.column_text(6);
  t.expired = st.column_int64(7) != 0;
  t.scope = st.column_text(8);
  return t;
}
}  // namespace

bool live_token_named(Database& db, const std::string& name) {
  auto st = db.prepare("SELECT 1 FROM api_token WHERE name = ? AND revoked_at IS NULL");
  st.bind(1, name);
  return st.step();
}

std::int64_t insert_token(Database& db, const NewTokenRow& token) {
  auto st = db.prepare(
      "INSERT INTO api_token (name, role, sha256, created_at, created_by, expires_at, scope) "
      "VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?), ?)");
  st.bind(1, token.name).bind(2, token.role).bind(3, token.sha256).bind(4, token.created_by);
  std::string lifetime = "+";  // an SQLite date modifier, "+365 days"
  lifetime += std::to_string(token.expires_days);
  lifetime += " days";
  st.bind(5, lifetime).bind(6, token.scope);
  st.run();
  return db.last_insert_rowid();
}

std::vector<TokenRow> list_tokens(Database& db) {
  auto st = db.prepare(std::string(kSelect) + "ORDER BY id");
  std::vector<TokenRow> out;
  while (st.step()) out.push_back(read_row(st));
  return out;
}

std::optional<TokenRow> find_token(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kSelect) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

bool revoke_token(Database& db, std::int64_t id) {
  auto st = db.prepare(
      "UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ? AND revoked_at IS NULL");
  st.bind(1, id);
  st.run();
  return db.changes() == 1;
}

std::optional<TokenRow> find_live_token_by_hash(Database& db, const std::string& sha256) {
  auto st = db.cached(std::string(kSelect) + "WHERE sha256 = ? AND revoked_at IS NULL");
  st.bind(1, sha256);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

}  // namespace passend::db
