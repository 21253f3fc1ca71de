// passend: candidate youth-care providers for a Regionaal Expertteam, ranked by Lua rules.
#include <unistd.h>

#include <iostream>

#include "apps/commands.hpp"
#include "core/errors.hpp"

#ifndef PASSEND_VERSION
#define PASSEND_VERSION "0.0.0"
#endif

namespace passend::cli {
bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }
}  // namespace passend::cli

int main(int argc, char** argv) {
  using namespace passend;
  CLI::App app{
      "passend: fitting youth care, found fast. Candidate providers from a region's inkoopnetwerk,\n"
      "ranked by Lua rule sets, for Regionale Expertteams. The engine proposes; people decide.",
      "passend"};
  app.set_version_flag("--version", std::string("passend ") + PASSEND_VERSION);
  app.require_subcommand(1);
  cli::Action action;
  cli::add_init_command(app, action);
  cli::add_backup_command(app, action);
  cli::add_query_command(app, action);
  cli::add_explain_command(app, action);
  cli::add_report_command(app, action);
  cli::add_audit_command(app, action);
  cli::add_import_command(app, action);
  cli::add_capacity_command(app, action);
  cli::add_generate_command(app, action);
  cli::add_rules_command(app, action);
  cli::add_serve_command(app, action);
  cli::add_token_command(app, action);
  cli::add_purge_command(app, action);
  cli::add_allocate_command(app, action);
  cli::add_case_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(ExitCode::invalid_input);
  }

  try {
    return action ? action() : 0;
  } catch (const InvalidInput& e) {
    std::cerr << e.what() << '\n';
    return static_cast<int>(ExitCode::invalid_input);
  } catch (const RuleError& e) {
    std::cerr << "rule error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::rule_failed);
  } catch (const Conflict& e) {
    std::cerr << "conflict: " << e.what() << '\n';
    return static_cast<int>(ExitCode::conflict);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return static_cast<int>(ExitCode::other);
  }
}
