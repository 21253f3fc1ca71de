// passend token create|list|revoke: API tokens for `passend serve`. The secret is printed
// once; the database keeps only its sha256. Creating and revoking are audited, each in the
// transaction of the change (apps/service/tokens.hpp).
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/tokens.hpp"
#include "core/errors.hpp"

namespace passend::cli {

namespace {
struct TokenOptions {
  std::string db, role, name, format, region, network, provider;
  std::int64_t id = 0;
  int expires_days = service::kDefaultTokenDays;
};

// Token changes appear in the audit trail like every other change, with the OS user as actor.
service::Actor os_user() { return {current_user(), {}, ""}; }

int create(const TokenOptions& o) {
  const auto role = service::parse_role(o.role);
  if (!role) throw InvalidInput("--role", "", "unknown role '" + o.role + "'; expected member, contract_manager, coordinator, admin or provider");
  service::Scope scope;
  std::string option;
  if (!o.region.empty()) scope = {service::Scope::Kind::region, o.region}, option = "--region";
  if (!o.network.empty()) scope = {service::Scope::Kind::network, o.network}, option = "--network";
  if (!o.provider.empty()) scope = {service::Scope::Kind::provider, o.provider}, option = "--provider";
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  if (auto problem = service::scope_problem(ctx, *role, scope))
    throw InvalidInput(option.empty() ? "--provider" : option, "", *problem);
  const auto t = service::create_token(ctx, *role, o.name, os_user(), scope, o.expires_days);
  std::cout << t.secret << '\n';
  std::cerr << "token #" << t.info.id << " '" << t.info.name << "' (" << service::role_name(t.info.role)
            << (scope.scoped() ? ", " + service::scope_text(scope) : std::string(", unscoped"))
            << "), verloopt " << t.info.expires_at.value_or("nooit")
            << ": shown only now; the database keeps only its sha256\n";
  return 0;
}

int list(const TokenOptions& o) {
  const Format format = resolve_format(o.format);
  service::Workspace workspace(o.db, service::Access::read_only);
  auto ctx = workspace.context();
  const auto tokens = service::list_tokens(ctx);
  if (format == Format::json) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& t : tokens) out.push_back(service::token_json(t));
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  for (const auto& t : tokens)
    std::cout << '#' << t.id << "  " << t.name << "  " << service::role_name(t.role) << "  "
              << (t.scope.scoped() ? service::scope_text(t.scope) : "zonder scope") << "  aangemaakt " << t.created_at
              << " door " << t.created_by << (t.revoked_at ? "  ingetrokken " + *t.revoked_at : "")
              << (t.expires_at && !t.revoked_at ? (t.expired ? "  verlopen " : "  verloopt ") + *t.expires_at : "") << '\n';
  return 0;
}

int revoke(const TokenOptions& o) {
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  std::int64_t id = o.id;
  if (!o.name.empty()) {
    for (const auto& t : service::list_tokens(ctx))
      if (t.name == o.name && !t.revoked_at) id = t.id;
    if (id == 0) throw InvalidInput("--name", "", "no live token labelled '" + o.name + "'");
  }
  if (id <= 0) throw InvalidInput("--id", "", "name the token with --id or --name");
  const auto t = service::revoke_token(ctx, id, os_user());
  if (!t) throw InvalidInput("--id", "", "no live token #" + std::to_string(id));
  std::cout << "token #" << t->id << " '" << t->name << "' revoked\n";
  return 0;
}
}  // namespace

void add_token_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("token", "API tokens for `passend serve`: create, list, revoke");
  cmd->require_subcommand(1);
  auto o = std::make_shared<TokenOptions>();

  auto* c = cmd->add_subcommand("create", "Create a token and print it once (only its sha256 is stored)");
  c->add_option("--db", o->db, "SQLite database file")->required();
  c->add_option("--role", o->role, "member, contract_manager, coordinator, admin or provider")->required();
  c->add_option("--name", o->name, "label: who uses it; the actor in audit records")->required();
  c->add_option("--expires-days", o->expires_days, "days until the token expires (an expired token gets 401)")
      ->capture_default_str()
      ->check(CLI::Range(1, service::kMaxTokenDays));
  auto* region = c->add_option("--region", o->region, "scope: only cases and places of this jeugdregio (JZnn)");
  auto* network = c->add_option("--network", o->network, "scope: only cases and places of this expertise network's regions (EXNnn)");
  auto* provider = c->add_option("--provider", o->provider, "scope of a provider token: the provider id of the registry it speaks for");
  region->excludes(network)->excludes(provider);
  network->excludes(provider);
  c->callback([&action, o] { action = [o] { return create(*o); }; });

  auto* l = cmd->add_subcommand("list", "List tokens (never their secrets)");
  l->add_option("--db", o->db, "SQLite database file")->required();
  l->add_option("--format", o->format, "json or text (default: text on a terminal, json otherwise)");
  l->callback([&action, o] { action = [o] { return list(*o); }; });

  auto* r = cmd->add_subcommand("revoke", "Revoke a token by id or label");
  r->add_option("--db", o->db, "SQLite database file")->required();
  auto* by_id = r->add_option("--id", o->id, "token id (see token list)");
  auto* by_name = r->add_option("--name", o->name, "token label");
  by_id->excludes(by_name);
  r->callback([&action, o] { action = [o] { return revoke(*o); }; });
}

}  // namespace passend::cli
