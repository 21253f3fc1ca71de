// passend capacity: free places and waits between imports (set one, import a CSV batch),
// and the history of an offering's capacity.
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/registry.hpp"

namespace passend::cli {

namespace {
struct SetOptions {
  std::string db, offering, date, note;
  int free = 0;
  std::optional<int> wait_weeks;
};

struct ImportOptions {
  std::string db, file;
};

struct HistoryOptions {
  std::string db, offering, format;
};

int run_set(const SetOptions& o) {
  const Date updated = resolve_date(o.date);
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  const auto after = service::set_capacity(ctx, {o.offering, o.free, o.wait_weeks, updated, o.note, current_user()});
  const auto& now = after.history.back();
  std::cout << o.offering << ": " << now.free << " van " << now.places << " plekken vrij, wachttijd " << now.wait_weeks
            << (now.wait_weeks == 1 ? " week" : " weken") << ", bijgewerkt " << now.updated << '\n';
  return 0;
}

int run_import(const ImportOptions& o) {
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  const int updated = service::import_capacity(ctx, o.file);
  std::cout << "capaciteit bijgewerkt van " << updated << (updated == 1 ? " aanbod" : " aanbiedingen") << " uit " << o.file
            << '\n';
  return 0;
}

// Where a figure came from, in the words of the people who read the history.
std::string source_text(const std::string& source) {
  if (source == "capacity set") return "handmatig (capacity set)";
  if (source.rfind("capacity import ", 0) == 0) return "bijwerking uit " + source.substr(16);
  return source;  // "import #3"
}

void print_history_text(const std::string& offering, const std::vector<service::CapacityRecord>& records) {
  std::cout << "capaciteitsgeschiedenis van " << offering << '\n';
  std::printf("%-10s  %6s  %5s  %8s  %-20s  %s\n", "bijgewerkt", "plekken", "vrij", "wachttijd", "vastgelegd", "bron");
  for (const auto& r : records)
    std::printf("%-10s  %7d  %5d  %9d  %-20s  %s\n", r.updated.c_str(), r.places, r.free, r.wait_weeks,
                r.recorded_at.c_str(), source_text(r.source).c_str());
  std::fflush(stdout);
}

int run_history(const HistoryOptions& o) {
  const Format format = resolve_format(o.format);
  service::Workspace workspace(o.db, service::Access::read_only);
  auto ctx = workspace.context();
  const auto records = service::capacity_history(ctx, o.offering);
  if (format == Format::text) {
    print_history_text(o.offering, records);
    return 0;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& r : records)
    out.push_back({{"updated", r.updated}, {"places", r.places}, {"free", r.free}, {"wait_weeks", r.wait_weeks},
                   {"recorded_at", r.recorded_at}, {"source", r.source}, {"by", r.actor}, {"note", r.note}});
  std::cout << nlohmann::ordered_json{{"offering", o.offering}, {"history", out}}.dump(2) << '\n';
  return 0;
}

void add_set(CLI::App& parent, Action& action) {
  auto* cmd = parent.add_subcommand("set", "Set one offering's free places (and wait), stamped with a date");
  auto o = std::make_shared<SetOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--offering", o->offering, "offering id")->required();
  cmd->add_option("--free", o->free, "free places now (0 .. places)")->required();
  cmd->add_option("--wait-weeks", o->wait_weeks, "expected wait in weeks (default: unchanged)");
  cmd->add_option("--date", o->date, "date of the update YYYY-MM-DD (default: today)");
  cmd->add_option("--note", o->note, "a short Dutch note with the figures (at most 200 characters, no personal data)");
  cmd->callback([&action, o] { action = [o] { return run_set(*o); }; });
}

void add_import(CLI::App& parent, Action& action) {
  auto* cmd = parent.add_subcommand("import", "Apply a CSV of capacity updates (offering,free,wait_weeks,updated): all or none");
  auto o = std::make_shared<ImportOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("updates", o->file, "UPDATES.csv")->required();
  cmd->callback([&action, o] { action = [o] { return run_import(*o); }; });
}

void add_history(CLI::App& parent, Action& action) {
  auto* cmd = parent.add_subcommand("history", "The capacity history of one offering, oldest first");
  auto o = std::make_shared<HistoryOptions>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--offering", o->offering, "offering id")->required();
  cmd->add_option("--format", o->format, "json or text (default: text on a terminal, json otherwise)");
  cmd->callback([&action, o] { action = [o] { return run_history(*o); }; });
}
}  // namespace

void add_capacity_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("capacity", "Free places and waiting times between imports");
  cmd->require_subcommand(1);
  add_set(*cmd, action);
  add_import(*cmd, action);
  add_history(*cmd, action);
}

}  // namespace passend::cli
