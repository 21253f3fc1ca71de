// passend report gaps: the signaleren report of recorded gaps (leemtes).
// passend audit show|list: stored advices, as they were given.
#include <iostream>
#include <nlohmann/json.hpp>

#include "providers/audit_store.hpp"
#include "apps/commands.hpp"
#include "core/csv.hpp"
#include "apps/common.hpp"
#include "core/engine.hpp"
#include "core/errors.hpp"
#include "core/paths.hpp"
#include "providers/schema.hpp"

namespace passend::cli {

namespace {
std::vector<std::string> split_expertise(const std::string& joined) { return split_list(joined); }

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

int report_gaps(const std::string& path, const std::string& format_option) {
  const Format format = resolve_format(format_option, true);
  db::Database db = db::open_existing(path, db::Database::Mode::read_only);
  const auto rows = db::gap_report(db);
  if (format == Format::csv) {
    std::cout << "region,region_name,care_form,expertise,kind,count,first_seen,last_seen,case_ids\n";
    for (const auto& r : rows)
      std::cout << r.region << ',' << csv_field(r.region_name) << ',' << r.care_form << ',' << csv_field(r.expertise) << ','
                << r.kind << ',' << r.count << ',' << r.first_seen << ',' << r.last_seen << ','
                << csv_field(join(r.case_ids, ";")) << '\n';
    return 0;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : rows)
    out.push_back({{"region", r.region}, {"region_name", r.region_name}, {"care_form", r.care_form},
                   {"expertise", split_expertise(r.expertise)}, {"kind", r.kind}, {"count", r.count},
                   {"first_seen", r.first_seen}, {"last_seen", r.last_seen}, {"case_ids", r.case_ids}});
  if (format == Format::json) {
    std::cout << out.dump(2) << '\n';
    return 0;
  }
  std::cout << "Signalering leemtes (" << rows.size() << " regels)\n";
  for (const auto& r : rows)
    std::cout << "  " << r.region_name << " (" << r.region << ") · " << r.care_form << (r.expertise.empty() ? "" : " · " + r.expertise)
              << " · " << (r.kind == "absent" ? "geen aanbod" : "geen capaciteit") << " · " << r.count << "× · "
              << r.first_seen << " t/m " << r.last_seen << '\n';
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
  auto* gaps = report->add_subcommand("gaps", "Recorded gaps by region x care form x expertise x kind");
  auto db = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  gaps->add_option("--db", *db, "SQLite database file")->required();
  gaps->add_option("--format", *format, "json or csv (default: text on a terminal, json otherwise)");
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
