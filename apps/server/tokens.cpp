#include "apps/server/tokens.hpp"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/sha256.hpp"

namespace passend::server {

namespace {
constexpr std::array<const char*, 4> kRoleNames = {"member", "contract_manager", "coordinator", "admin"};
constexpr std::size_t kMaxLabel = 100;

TokenInfo read_token(db::Statement& st) {
  TokenInfo t;
  t.id = st.column_int64(0);
  t.name = st.column_text(1);
  t.role = parse_role(st.column_text(2)).value_or(Role::member);
  t.created_at = st.column_text(3);
  t.created_by = st.column_text(4);
  if (!st.column_is_null(5)) t.revoked_at = st.column_text(5);
  return t;
}

constexpr const char* kSelect = "SELECT id, name, role, created_at, created_by, revoked_at FROM api_token ";

bool live_name_taken(db::Database& db, const std::string& name) {
  auto st = db.prepare("SELECT 1 FROM api_token WHERE name = ? AND revoked_at IS NULL");
  st.bind(1, name);
  return st.step();
}

void check_label(const std::string& name) {
  if (!valid_label(name)) throw InvalidInput("--name", "", kLabelRule);
}
}  // namespace

const char* role_name(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

std::optional<Role> parse_role(const std::string& name) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i)
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  return std::nullopt;
}

bool valid_label(const std::string& name) {
  if (name.empty() || name.size() > kMaxLabel) return false;
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

bool role_allows(Role have, Role need) { return have == Role::admin || have == need || need == Role::member; }

std::string random_token_secret() {
  std::array<unsigned char, 32> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("getrandom failed: ") + std::strerror(errno));
    got += static_cast<std::size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "passend_";
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 0xf];
  }
  return out;
}

std::string token_hash(const std::string& secret) { return "sha256:" + sha256_hex(secret); }

NewToken create_token(db::Database& db, Role role, const std::string& name, const std::string& created_by) {
  check_label(name);
  NewToken t;
  t.secret = random_token_secret();
  db::Transaction tx(db);
  if (live_name_taken(db, name)) throw Conflict("a live token is already labelled '" + name + "'; revoke it first");
  auto st = db.prepare(
      "INSERT INTO api_token (name, role, sha256, created_at, created_by) "
      "VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?)");
  st.bind(1, name).bind(2, role_name(role)).bind(3, token_hash(t.secret)).bind(4, created_by);
  st.run();
  t.info = *find_token(db, db.last_insert_rowid());
  tx.commit();
  return t;
}

std::vector<TokenInfo> list_tokens(db::Database& db) {
  auto st = db.prepare(std::string(kSelect) + "ORDER BY id");
  std::vector<TokenInfo> out;
  while (st.step()) out.push_back(read_token(st));
  return out;
}

std::optional<TokenInfo> find_token(db::Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kSelect) + "WHERE id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_token(st);
}

bool revoke_token(db::Database& db, std::int64_t id) {
  auto st = db.prepare(
      "UPDATE api_token SET revoked_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ? AND revoked_at IS NULL");
  st.bind(1, id);
  st.run();
  return db.changes() == 1;
}

std::optional<TokenInfo> authenticate(db::Database& db, const std::string& secret) {
  if (secret.empty()) return std::nullopt;
  auto st = db.prepare(std::string(kSelect) + "WHERE sha256 = ? AND revoked_at IS NULL");
  st.bind(1, token_hash(secret));
  if (!st.step()) return std::nullopt;
  return read_token(st);
}

}  // namespace passend::server
