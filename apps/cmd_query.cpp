// passend query: the advice for one case, and its audit record and gap signal.
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/advice.hpp"
#include "apps/service/ruleset_registry.hpp"
#include "core/engine.hpp"
#include "core/json_input.hpp"

namespace passend::cli {

namespace {
struct QueryOptions {
  std::string db, case_file, rules, format, date, actor;
};

int run(const QueryOptions& o) {
  const Format format = resolve_format(o.format);
  const Date reference_date = resolve_date(o.date);
  service::Workspace workspace(o.db);
  auto rules = service::command_rules(o.rules, workspace.vocabulary());
  auto ctx = workspace.context();
  const auto advice = service::advise(ctx, *rules, {read_file_bytes(o.case_file, kMaxCaseFileBytes), o.case_file}, reference_date,
                                      actor_or_current_user(o.actor));
  const auto result = nlohmann::ordered_json::parse(advice.result);  // for the indented and the text form
  if (format == Format::json) {
    std::cout << result.dump(2) << '\n';
  } else {
    std::cout << result_to_text(result, workspace.vocabulary()) << "Vastgelegd als audit #" << advice.audit_id
              << ".\n";
  }
  return 0;
}
}  // namespace

void add_query_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("query", "Advice for one case: candidates with reasons, exclusions, plan A/B, bridging, gap");
  auto o = std::make_shared<QueryOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--case", o->case_file, "CASE.json (pseudonymous)")->required();
  cmd->add_option("--rules", o->rules,
                  "rule set folder to try (default: the rule set of the case's region in the database, as active on --date)");
  cmd->add_option("--format", o->format, "json or text (default: text on a terminal, json otherwise)");
  cmd->add_option("--date", o->date, "reference date YYYY-MM-DD for contracts and staleness (default: today)");
  cmd->add_option("--actor", o->actor, "who asks, for the audit trail (default: the OS user)");
  cmd->callback([&action, o] { action = [o] { return run(*o); }; });
}

}  // namespace passend::cli
