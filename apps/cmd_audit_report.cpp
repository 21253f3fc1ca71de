// passend report gaps: the signaleren report of gap signals (leemtes), one per case.
// passend report stale: offerings whose capacity figures are older than N days, per provider.
// passend audit show|list: stored advices, as they were given.
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/audit.hpp"
#include "apps/service/gap_report.hpp"
#include "apps/service/places.hpp"
#include "apps/service/ruleset_registry.hpp"
#include "apps/service/rules.hpp"
#include "core/paths.hpp"
#include "core/engine.hpp"
#include "core/errors.hpp"

namespace passend::cli {

namespace {
int report_gaps(const std::string& path, const std::string& format_option) {
  const Format format = resolve_format(format_option, true);
  service::Workspace workspace(path, service::Access::read_only);
  auto ctx = workspace.context();
  const service::GapReport report = service::read_gap_report(ctx);
  if (format == Format::json) {
    std::cout << service::gap_rows_json(report).dump(2) << '\n';
    return 0;
  }
  std::cout << (format == Format::csv ? service::gap_report_csv(report, workspace.vocabulary())
                                      : service::gap_report_text(report, workspace.vocabulary()));
  return 0;
}

struct StaleOptions {
  std::string db, format, rules, date;
  std::optional<int> days;
};

int report_stale(const StaleOptions& o) {
  const Format format = resolve_format(o.format);
  const Date on = resolve_date(o.date);
  service::Workspace workspace(o.db, service::Access::read_only);
  int days = 0;
  if (o.days) {
    if (*o.days < 0 || *o.days > 3650) throw InvalidInput("--days", "", "expected a number of days from 0 to 3650");
    days = *o.days;
  } else {
    auto ctx = workspace.context();
    auto rules = service::command_rules(o.rules, workspace.vocabulary());
    days = service::staleness_limit_days(rules->for_network(ctx, "", on).host());
  }
  auto ctx = workspace.context();
  const auto report = service::stale_places(ctx, days, on);
  if (format == Format::json) std::cout << service::stale_report_json(report, days, on, workspace.vocabulary()).dump(2) << '\n';
  else std::cout << service::stale_report_text(report, days, on, workspace.vocabulary());
  return 0;
}

int audit_show(const std::string& path, std::int64_t id, const std::string& format_option) {
  const Format format = resolve_format(format_option);
  service::Workspace workspace(path, service::Access::read_only);
  auto ctx = workspace.context();
  auto record = service::read_audit(ctx, id);
  if (!record) throw InvalidInput(path, "", "no audit record #" + std::to_string(id));
  auto result = nlohmann::ordered_json::parse(record->result);
  if (format == Format::json) {
    nlohmann::ordered_json out;
    out["audit"] = {{"id", record->id},           {"at", record->at},
                    {"actor", record->actor},     {"action", record->action},
                    {"case_hash", record->case_hash}, {"import_id", record->import_id ? nlohmann::ordered_json(*record->import_id) : nullptr},
                    {"result_hash", record->result_hash}};
    out["result"] = result;
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  std::cout << "Audit #" << record->id << " · " << record->at << " · " << record->actor << " · " << record->action << '\n';
  if (record->action == "query") std::cout << result_to_text(result, workspace.vocabulary());
  if (record->action == "explain") std::cout << explain_to_text(result, workspace.vocabulary());
  else std::cout << result.dump(2) << '\n';
  return 0;
}

int audit_list(const std::string& path, int limit) {
  service::Workspace workspace(path, service::Access::read_only);
  auto ctx = workspace.context();
  for (const auto& r : service::list_audit(ctx, limit))
    std::cout << '#' << r.id << '\t' << r.at << '\t' << r.actor << '\t' << r.action << '\t' << r.case_id << "\tplan A "
              << r.plan_a.value_or("-") << "\tplan B " << r.plan_b.value_or("-") << '\n';
  return 0;
}
}  // namespace

void add_report_command(CLI::App& app, Action& action) {
  auto* report = app.add_subcommand("report", "Reports for policy staff (signaleren)");
  report->require_subcommand(1);
  auto* gaps = report->add_subcommand(
      "gaps",
      "Gap signals (one per case; a later query without a gap resolves it) by region x care form x expertise x kind x "
      "scope: cases, still open, first and last seen, case ids");
  auto db = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  gaps->add_option("--db", *db, "SQLite database file")->required();
  gaps->add_option("--format", *format,
                   "text or csv (for people: Dutch labels) or json (codes); default: text on a terminal, json otherwise");
  gaps->callback([&action, db, format] { action = [db, format] { return report_gaps(*db, *format); }; });

  auto o = std::make_shared<StaleOptions>();
  auto* stale = report->add_subcommand(
      "stale", "Offerings whose capacity figures are older than N days, per provider: whom to chase for new figures");
  stale->add_option("--db", o->db, "SQLite database file")->required();
  stale->add_option("--days", o->days,
                    "older than this many days (default: the rule set's staleness limit, stale_capacity.max_age_days)");
  stale->add_option("--rules", o->rules, "rule set folder for the default --days (default: the default rule set in the database)");
  stale->add_option("--date", o->date, "the day to count from, YYYY-MM-DD (default: today)");
  stale->add_option("--format", o->format, "text (Dutch) or json (default: text on a terminal, json otherwise)");
  stale->callback([&action, o] { action = [o] { return report_stale(*o); }; });
  add_flow_report_command(*report, action);
}

void add_audit_command(CLI::App& app, Action& action) {
  auto* audit = app.add_subcommand("audit", "The audit trail: who asked what, and what was advised");
  audit->require_subcommand(1);
  auto db = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  auto id = std::make_shared<std::int64_t>(0);
  auto limit = std::make_shared<int>(20);
  auto* show = audit->add_subcommand("show", "Print one stored advice");
  show->add_option("--db", *db, "SQLite database file")->required();
  show->add_option("id", *id, "audit record number")->required();
  show->add_option("--format", *format, "json or text (default: text on a terminal, json otherwise)");
  show->callback([&action, db, id, format] { action = [db, id, format] { return audit_show(*db, *id, *format); }; });
  auto* list = audit->add_subcommand("list", "The most recent audit records");
  list->add_option("--db", *db, "SQLite database file")->required();
  list->add_option("--limit", *limit, "how many (default 20)");
  list->callback([&action, db, limit] { action = [db, limit] { return audit_list(*db, *limit); }; });
}

}  // namespace passend::cli
