// passend explain: one offering's whole verdict for a case, as the query gives it.
#include <iostream>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/explain.hpp"
#include "apps/service/ruleset_registry.hpp"
#include "core/engine.hpp"
#include "core/json_input.hpp"
#include "core/paths.hpp"

namespace passend::cli {

namespace {
struct ExplainOptions {
  std::string db, case_file, offering, rules, format, date, actor;
};

int run(const ExplainOptions& o) {
  const Format format = resolve_format(o.format);
  const Date reference_date = resolve_date(o.date);
  service::Workspace workspace(o.db);
  auto rules = service::command_rules(o.rules, workspace.vocabulary());
  auto ctx = workspace.context();
  const auto explained =
      service::explain(ctx, *rules, {read_file_bytes(o.case_file, kMaxCaseFileBytes), o.case_file}, reference_date,
                       o.offering, "--offering", actor_or_current_user(o.actor));
  if (format == Format::json) {
    std::cout << explained.result.dump(2) << '\n';
  } else {
    std::cout << explain_to_text(explained.result, workspace.vocabulary()) << "Vastgelegd als audit #"
              << explained.audit_id << ".\n";
  }
  return 0;
}
}  // namespace

void add_explain_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand(
      "explain", "One offering's whole verdict for a case (every exclusion, lifted exclusion and reason), as the query gives it");
  auto o = std::make_shared<ExplainOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--case", o->case_file, "CASE.json (pseudonymous)")->required();
  cmd->add_option("--offering", o->offering, "the offering id (from NETWORK.json or the query's result)")->required();
  cmd->add_option("--rules", o->rules,
                  "rule set folder to try (default: the rule set of the case's region in the database, as active on --date)");
  cmd->add_option("--format", o->format, "json or text (default: text on a terminal, json otherwise)");
  cmd->add_option("--date", o->date, "reference date YYYY-MM-DD for contracts and staleness (default: today)");
  cmd->add_option("--actor", o->actor, "who asks, for the audit trail (default: the OS user)");
  cmd->callback([&action, o] { action = [o] { return run(*o); }; });
}

}  // namespace passend::cli
