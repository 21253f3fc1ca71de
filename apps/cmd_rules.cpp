// passend rules check | test: validate a rule set folder, run its scenario tables.
// passend rules install | propose | approve | rollback | withdraw | assign | history: rule sets
// in the database, changed through proposal and approval by a second person (docs/rules.md,
// "Rule sets in the database"; apps/service/ruleset_governance.hpp).
#include <iostream>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/ruleset_governance.hpp"
#include "apps/service/rules.hpp"
#include "core/errors.hpp"
#include "core/json_input.hpp"
#include "core/paths.hpp"

namespace passend::cli {

namespace {

std::string rules_folder(const std::string& option) { return option.empty() ? default_rules_dir() : option; }

int run_check(const std::string& dir) {
  const Vocabulary vocabulary = service::load_vocabulary();
  service::check_rules(rules_folder(dir), vocabulary, std::cout, std::cerr);
  return 0;
}

// Exit 1 when any row failed (docs/formats.md: 1 = anything else); 2 for a malformed table.
int run_test(const std::string& dir) {
  const auto s = service::test_rules(rules_folder(dir), std::cout);
  return s.failed == 0 ? 0 : 1;
}

struct GovernanceOptions {
  std::string db, from, actor, comment, ruleset, params, base, to, region, network, format, date;
  std::int64_t proposal = 0;
  bool default_scope = false;
};

service::RuleSetActor actor_of(const GovernanceOptions& o) { return {actor_or_current_user(o.actor), "", {}, false}; }

// The proposal's id alone on the first line (for scripts), then what it is in Dutch.
void print_made(const service::ProposalMade& m, Format format) {
  if (format == Format::json) {
    std::cout << service::proposal_made_json(m).dump(2) << '\n';
    return;
  }
  std::cout << m.proposal << '\n';
  std::cout << "Voorstel #" << m.proposal << ": " << m.ruleset << " " << m.version;
  if (!m.base.empty()) std::cout << " op basis van " << m.base;
  std::cout << " (" << m.hash << ").\n";
  std::cout << "Proefdraai: " << m.dry_run["changed"].dump() << " van " << m.dry_run["advices"].dump()
            << " recente adviezen veranderen.\n";
  if (!m.protected_changes.empty())
    std::cout << "Let op: dit voorstel wijzigt beschermde regels (" << nlohmann::json(m.protected_changes).dump()
              << "); via de API keurt alleen een beheerder dit goed.\n";
  std::cout << "Het geldt pas als een tweede persoon het goedkeurt: passend rules approve --proposal " << m.proposal << ".\n";
}

int run_install(const GovernanceOptions& o) {
  const Format format = resolve_format(o.format);
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  const std::string comment = o.comment.empty() ? "nieuwe versie uit " + o.from : o.comment;
  print_made(service::install_rule_set(ctx, o.from, comment, actor_of(o), std::cerr), format);
  return 0;
}

int run_propose(const GovernanceOptions& o) {
  const Format format = resolve_format(o.format);
  service::ParameterChange change;
  change.ruleset = o.ruleset;
  change.params = read_json_file(o.params);
  change.params_file = o.params;
  change.base = o.base;
  change.comment = o.comment;
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  print_made(service::propose_parameters(ctx, change, actor_of(o)), format);
  return 0;
}

int run_rollback(const GovernanceOptions& o) {
  const Format format = resolve_format(o.format);
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  print_made(service::propose_rollback(ctx, o.ruleset, o.to, o.comment, actor_of(o)), format);
  return 0;
}

int run_approve(const GovernanceOptions& o) {
  const Format format = resolve_format(o.format);
  std::optional<Date> from;
  if (!o.from.empty() && !(from = Date::parse(o.from)))
    throw InvalidInput("--from", "", "invalid date '" + o.from + "'; expected YYYY-MM-DD");
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  const auto a = service::approve_proposal(ctx, o.proposal, from, actor_of(o));
  if (format == Format::json) {
    std::cout << service::approved_json(a).dump(2) << '\n';
    return 0;
  }
  std::cout << "Goedgekeurd: voorstel #" << a.proposal << ", " << a.ruleset << " " << a.version << " ("
            << a.hash << ") geldt " << (a.active_from == "0001-01-01" ? "voor elke datum" : "vanaf " + a.active_from) << ".\n";
  for (auto id : a.withdrawn)
    std::cout << "Voorstel #" << id << " is vervallen: het ging uit van de versie die nu is vervangen.\n";
  return 0;
}

int run_withdraw(const GovernanceOptions& o) {
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  service::withdraw_proposal(ctx, o.proposal, o.comment, actor_of(o));
  std::cout << "Voorstel #" << o.proposal << " is ingetrokken.\n";
  return 0;
}

int run_assign(const GovernanceOptions& o) {
  const int chosen = (o.region.empty() ? 0 : 1) + (o.network.empty() ? 0 : 1) + (o.default_scope ? 1 : 0);
  if (chosen != 1) throw InvalidInput("--region", "", "name exactly one of --region JZnn, --network EXNnn or --default");
  const std::string scope = o.default_scope ? "*" : o.region.empty() ? o.network : o.region;
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  std::cout << service::assign_rule_set(ctx, o.ruleset, scope, actor_of(o)) << '\n';
  return 0;
}

int run_history(const GovernanceOptions& o) {
  const Format format = resolve_format(o.format);
  const Date today = resolve_date(o.date);
  service::Workspace workspace(o.db, service::Access::read_only);
  auto ctx = workspace.context();
  const auto history = service::history_json(ctx, o.ruleset, today);
  if (format == Format::json) std::cout << history.dump(2) << '\n';
  else std::cout << service::history_text(history);
  return 0;
}

CLI::App* governance(CLI::App* rules, const char* name, const char* help, std::shared_ptr<GovernanceOptions> o) {
  auto* cmd = rules->add_subcommand(name, help);
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  return cmd;
}

void add_actor(CLI::App* cmd, GovernanceOptions& o) {
  cmd->add_option("--actor", o.actor, "who acts, for the history and the audit trail (default: the OS user)");
}

}  // namespace

void add_rules_command(CLI::App& app, Action& action) {
  auto* rules = app.add_subcommand("rules", "Rule sets: check and test a folder; install, change, approve and assign them in the database");
  rules->require_subcommand(1);

  auto dir = std::make_shared<std::string>();
  auto* check = rules->add_subcommand("check", "Load a rule set, validate its parameters, list rules and parameters");
  check->add_option("--rules", *dir, "Rule set folder (default: the bundled rules/default)");
  check->callback([&action, dir] { action = [dir] { return run_check(*dir); }; });

  auto* test = rules->add_subcommand("test", "Run the rule set's scenario tables (tests/*.json) through the engine");
  test->add_option("--rules", *dir, "Rule set folder (default: the bundled rules/default)");
  test->callback([&action, dir] { action = [dir] { return run_test(*dir); }; });

  auto o = std::make_shared<GovernanceOptions>();
  const char* format_help = "text or json (default: text on a terminal, json otherwise)";

  auto* install = governance(rules, "install", "Store a rule-set folder as a proposal of a new version (it must pass check and test)", o);
  install->add_option("--from", o->from, "rule set folder")->required();
  install->add_option("--comment", o->comment, "why (default: \"nieuwe versie uit <folder>\")");
  add_actor(install, *o);
  install->add_option("--format", o->format, format_help);
  install->callback([&action, o] { action = [o] { return run_install(*o); }; });

  auto* propose = governance(rules, "propose", "A parameter change as a proposal, with its dry run over recent advice", o);
  propose->add_option("--ruleset", o->ruleset, "rule set name")->required();
  propose->add_option("--params", o->params, "the whole new params.json")->required();
  propose->add_option("--base", o->base, "the version the change starts from: the active version")->required();
  propose->add_option("--comment", o->comment, "why (kept in the history)")->required();
  add_actor(propose, *o);
  propose->add_option("--format", o->format, format_help);
  propose->callback([&action, o] { action = [o] { return run_propose(*o); }; });

  auto* approve = governance(rules, "approve", "Approve another person's proposal: its version answers from --from on", o);
  approve->add_option("--proposal", o->proposal, "proposal number")->required();
  approve->add_option("--from", o->from, "YYYY-MM-DD from which it answers (default: today; a past date is allowed)");
  add_actor(approve, *o);
  approve->add_option("--format", o->format, format_help);
  approve->callback([&action, o] { action = [o] { return run_approve(*o); }; });

  auto* rollback = governance(rules, "rollback", "A proposal that brings back an earlier approved version", o);
  rollback->add_option("--ruleset", o->ruleset, "rule set name")->required();
  rollback->add_option("--to", o->to, "the earlier version")->required();
  rollback->add_option("--comment", o->comment, "why (kept in the history)")->required();
  add_actor(rollback, *o);
  rollback->add_option("--format", o->format, format_help);
  rollback->callback([&action, o] { action = [o] { return run_rollback(*o); }; });

  auto* withdraw = governance(rules, "withdraw", "Withdraw an open proposal", o);
  withdraw->add_option("--proposal", o->proposal, "proposal number")->required();
  withdraw->add_option("--comment", o->comment, "why (optional)");
  add_actor(withdraw, *o);
  withdraw->callback([&action, o] { action = [o] { return run_withdraw(*o); }; });

  auto* assign = governance(rules, "assign", "Which rule set a region, a network or the default uses", o);
  assign->add_option("--ruleset", o->ruleset, "rule set name")->required();
  assign->add_option("--region", o->region, "a jeugdregio, JZnn");
  assign->add_option("--network", o->network, "an expertise network, EXNnn");
  assign->add_flag("--default", o->default_scope, "the rule set of every region without an assignment of its own or of its network");
  add_actor(assign, *o);
  assign->callback([&action, o] { action = [o] { return run_assign(*o); }; });

  auto* history = governance(rules, "history", "Every version and proposal: who, when, why, what changed, the dry run", o);
  history->add_option("--ruleset", o->ruleset, "only this rule set");
  history->add_option("--date", o->date, "the day that counts as today for the status (default: today)");
  history->add_option("--format", o->format, format_help);
  history->callback([&action, o] { action = [o] { return run_history(*o); }; });
}

}  // namespace passend::cli
