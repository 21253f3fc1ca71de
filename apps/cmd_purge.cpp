// passend purge: removes the case records that have outlived their retention period (the RET
// handbooks keep case files 15 years): audit records of cases, their gap signals, kept case
// documents and ended reservations. The purge itself is audited with its counts only.
#include <iostream>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/audit.hpp"
#include "core/errors.hpp"

namespace passend::cli {

namespace {
struct PurgeOptions {
  std::string db, before;
  int retention_years = service::kDefaultRetentionYears;
};

int run(const PurgeOptions& o) {
  const auto before = Date::parse(o.before);
  if (!before) throw InvalidInput("--before", "", "invalid date '" + o.before + "'; expected YYYY-MM-DD");
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  const auto purged = service::purge_case_records(ctx, *before, o.retention_years, current_user());
  const auto& n = purged.counts;
  std::cout << "purged case records from before " << before->str() << ": " << n.audit << " audit records, " << n.gap
            << " gap signals, " << n.replay_case << " kept case documents, " << n.reservation
            << " ended reservations; logged as audit #" << purged.audit_id << '\n';
  return 0;
}
}  // namespace

void add_purge_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("purge", "Remove case records older than a date outside the retention period");
  auto o = std::make_shared<PurgeOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--before", o->before, "remove records from before this day YYYY-MM-DD")->required();
  cmd->add_option("--retention-years", o->retention_years, "retention period; --before must lie before it (default: 15)")
      ->capture_default_str();
  cmd->callback([&action, o] { action = [o] { return run(*o); }; });
}

}  // namespace passend::cli
