#pragma once
// Each subcommand registers itself on the CLI11 app and leaves the action to run in `action`;
// main() runs it inside one place that maps errors to the exit codes (docs/formats.md).
#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace passend::cli {

using Action = std::function<int()>;

// Whether stdout is a terminal: decides the default --format (text on a terminal, json otherwise).
bool stdout_is_terminal();
bool stderr_is_terminal();

void add_init_command(CLI::App& app, Action& action);
void add_backup_command(CLI::App& app, Action& action);
void add_query_command(CLI::App& app, Action& action);
void add_explain_command(CLI::App& app, Action& action);
void add_report_command(CLI::App& app, Action& action);
void add_audit_command(CLI::App& app, Action& action);
void add_import_command(CLI::App& app, Action& action);
void add_capacity_command(CLI::App& app, Action& action);
void add_generate_command(CLI::App& app, Action& action);
void add_rules_command(CLI::App& app, Action& action);
void add_serve_command(CLI::App& app, Action& action);
void add_token_command(CLI::App& app, Action& action);
void add_purge_command(CLI::App& app, Action& action);
// report flow (apps/cmd_report_flow.cpp), under `report`.
void add_flow_report_command(CLI::App& report, Action& action);
// case open|advise|respond|refer|close|list|show (case records).
void add_case_command(CLI::App& app, Action& action);
// allocate, reserve and release (scarce supra-regional places).
void add_allocate_command(CLI::App& app, Action& action);

}  // namespace passend::cli
