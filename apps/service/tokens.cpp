#include "apps/service/tokens.hpp"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/sha256.hpp"
#include "providers/registry.hpp"
#include "providers/token_store.hpp"

namespace passend::service {

namespace {
constexpr std::array<const char*, 5> kRoleNames = {"member", "contract_manager", "coordinator", "admin", "provider"};
constexpr std::size_t kMaxLabel = 100;

TokenInfo token_info(const db::TokenRow& row) {
  return {row.id,         row.name,       parse_role(row.role).value_or(Role::member),
          row.created_at, row.created_by, row.revoked_at,
          row.expires_at, row.expired,    parse_scope_text(row.scope)};
}

std::optional<TokenInfo> token_info(const std::optional<db::TokenRow>& row) {
  if (!row) return std::nullopt;
  return token_info(*row);
}

void check_label(const std::string& name) {
  if (!valid_label(name)) throw InvalidInput("--name", "", kLabelRule);
  check_stored_text(name, "--name");  // the actor of audit records, kept for years
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

bool role_allows(Role have, Role need) {
  if (have == Role::admin || have == need || need == Role::provider) return true;
  return need == Role::member && have != Role::provider;
}

bool may_set_capacity(Role role) { return role == Role::provider || role == Role::coordinator || role == Role::admin; }

std::optional<std::string> scope_problem(Context& ctx, Role role, const Scope& scope) {
  using Kind = Scope::Kind;
  if (role == Role::provider && scope.kind != Kind::provider)
    return "a provider token needs the provider it speaks for (--provider ID, or scope {\"kind\": \"provider\"})";
  if (role != Role::provider && scope.kind == Kind::provider)
    return std::string("only a provider token has a provider scope; a ") + role_name(role) +
           " token takes a region or network scope";
  if (scope.kind == Kind::provider && !db::provider_exists(ctx.db, scope.id))
    return "unknown provider '" + scope.id + "'; it is not in the registry";
  if (scope.kind == Kind::region && !ctx.regions.region(scope.id))
    return "unknown region '" + scope.id + "'; expected a jeugdregio code such as JZ21";
  if (scope.kind == Kind::network && !ctx.regions.network(scope.id))
    return "unknown network '" + scope.id + "'; expected an expertise network code such as EXN03";
  return std::nullopt;
}

nlohmann::ordered_json token_json(const TokenInfo& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"role", role_name(t.role)},
          {"created_at", t.created_at},
          {"created_by", t.created_by},
          {"revoked_at", t.revoked_at ? nlohmann::ordered_json(*t.revoked_at) : nlohmann::ordered_json(nullptr)},
          {"expires_at", t.expires_at ? nlohmann::ordered_json(*t.expires_at) : nlohmann::ordered_json(nullptr)},
          {"scope", scope_json(t.scope)}};
}

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

NewToken create_token(Context& ctx, Role role, const std::string& name, const Actor& actor, const Scope& scope,
                      int expires_days) {
  check_label(name);
  if (expires_days < 1 || expires_days > kMaxTokenDays)
    throw InvalidInput("--expires-days", "", "a token lives 1 to " + std::to_string(kMaxTokenDays) + " days, not " +
                                                 std::to_string(expires_days));
  NewToken t;
  t.secret = random_token_secret();
  db::Transaction tx(ctx.db);
  if (auto problem = scope_problem(ctx, role, scope)) throw InvalidInput("scope", "", *problem);
  if (db::live_token_named(ctx.db, name)) throw Conflict("a live token is already labelled '" + name + "'; revoke it first");
  const auto id = db::insert_token(ctx.db, {name, role_name(role), token_hash(t.secret), actor.name, scope_text(scope),
                                              expires_days});
  t.info = *token_info(db::find_token(ctx.db, id));
  t.audit_id = record_event(ctx, actor, "token_create", "", token_json(t.info));
  tx.commit();
  return t;
}

std::vector<TokenInfo> list_tokens(Context& ctx) {
  std::vector<TokenInfo> out;
  for (const auto& row : db::list_tokens(ctx.db)) out.push_back(token_info(row));
  return out;
}

std::optional<TokenInfo> revoke_token(Context& ctx, std::int64_t id, const Actor& actor) {
  db::Transaction tx(ctx.db);
  if (!db::revoke_token(ctx.db, id)) return std::nullopt;
  const auto t = token_info(db::find_token(ctx.db, id));
  record_event(ctx, actor, "token_revoke", "", token_json(*t));
  tx.commit();
  return t;
}

std::optional<TokenInfo> authenticate(Context& ctx, const std::string& secret, std::string* refusal) {
  if (secret.empty()) return std::nullopt;
  auto t = token_info(db::find_live_token_by_hash(ctx.db, token_hash(secret)));
  if (t && t->expired) {
    if (refusal)
      *refusal = "token '" + t->name + "' expired on " + t->expires_at.value_or("?") +
                 "; ask an administrator for a new one (passend token create)";
    return std::nullopt;
  }
  return t;
}

}  // namespace passend::service
