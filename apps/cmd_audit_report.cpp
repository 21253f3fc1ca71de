// passend report gaps: the signaleren report of gap signals (leemtes), one per case.
// passend audit show|list: stored advices, as they were given.
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/commands.hpp"
#include "apps/service/gap_report.hpp"
#include "providers/audit_store.hpp"
#include "apps/common.hpp"
#include "core/engine.hpp"
#include "core/errors.hpp"
#include "core/paths.hpp"
#include "providers/schema.hpp"

namespace passend::cli {

namespace {
int report_gaps(const std::string& path, const std::string& format_option) {
  const Format format = resolve_format(format_option, true);
  db::Database db = db::open_existing(path, db::Database::Mode::read_only);
  const db::GapReport report = db::gap_report(db);
  if (format == Format::json) {
    std::cout << service::gap_rows_json(report).dump(2) << '\n';
    return 0;
  }
  const Vocabulary vocabulary = Vocabulary::load(data_dir());
  std::cout << (format == Format::csv ? service::gap_report_csv(report, vocabulary)
                                      : service::gap_report_text(report, vocabulary));
  return 0;
}

int audit_show(const std::string& path, std::int64_t id, const std::string& format_option) {
  const Format format = resolve_format(format_option);
  db::Database db = db::open_existing(path, db::Database::Mode::read_only);
  auto record = db::read_audit(db, id);
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
  if (record->action == "query") std::cout << result_to_text(result, Vocabulary::load(data_dir()));
  else std::cout << result.dump(2) << '\n';
  return 0;
}

int audit_list(const std::string& path, int limit) {
  db::Database db = db::open_existing(path, db::Database::Mode::read_only);
  for (const auto& r : db::list_audit(db, limit))
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
