// passend import: loads or replaces the inkoopnetwerk (NETWORK.json, or the CSV pair of
// docs/csv-import.md). Everything is validated first; then all of it is written, or nothing.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/commands.hpp"
#include "apps/common.hpp"
#include "apps/service/registry.hpp"
#include "core/errors.hpp"

namespace passend::cli {

namespace {
struct ImportOptions {
  std::string db, network, offerings, contracts, lot_overrides;
};

// Progress on stderr, only on a terminal and only for inputs large enough to wait for:
// scripts and logs get no carriage-return noise.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled) {}

  void stage(const std::string& text) {
    if (!enabled_) return;
    std::cerr << "\r\033[K" << text << std::flush;
  }
  void count(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    std::cerr << "\r\033[Kwriting offerings: " << done << " / " << total << std::flush;
  }
  void finish() {
    if (enabled_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool enabled_;
};

constexpr std::size_t large_input_bytes = 1 << 20;

std::size_t input_bytes(const ImportOptions& o) {
  std::size_t total = 0;
  for (const auto* file : {&o.network, &o.offerings, &o.contracts}) {
    std::error_code ec;
    if (!file->empty()) total += static_cast<std::size_t>(std::filesystem::file_size(*file, ec));
  }
  return total;
}

void print_kind(const char* name, const service::KindChanges& k) {
  std::cout << "  " << name << ": " << k.added << " added, " << k.changed << " changed, " << k.removed << " removed\n";
}

void print_summary(const service::ImportSummary& s, const std::string& file) {
  std::cout << "imported " << file << " as import #" << s.import_id << ": " << s.providers.total << " providers, "
            << s.locations.total << " locations, " << s.offerings.total << " offerings, " << s.contracts.total
            << " contracts, " << s.lot_overrides << " lot overrides\n";
  if (s.capacity_kept > 0)
    std::cout << "  capacity kept: " << s.capacity_kept
              << " offerings updated live after the file's date keep their newer figures\n";
  if (s.unchanged()) {
    std::cout << "  no changes since the previous import\n";
    return;
  }
  print_kind("providers", s.providers);
  print_kind("locations", s.locations);
  print_kind("offerings", s.offerings);
  print_kind("contracts", s.contracts);
  std::cout << "  capacity history: " << s.capacity_records << " records added\n";
}

int run(const ImportOptions& o) {
  const bool csv = !o.offerings.empty() || !o.contracts.empty();
  if (csv == !o.network.empty() || (csv && (o.offerings.empty() || o.contracts.empty())))
    throw InvalidInput("passend import", "", "give either NETWORK.json, or --offerings and --contracts (CSV)");
  if (!csv && !o.lot_overrides.empty())
    throw InvalidInput("--lot-overrides", "", "only for CSV imports; NETWORK.json has its own \"lot_overrides\"");
  service::Workspace workspace(o.db);
  auto ctx = workspace.context();
  Progress progress(stderr_is_terminal() && input_bytes(o) >= large_input_bytes);
  const service::ImportProgress report{[&](const std::string& stage) { progress.stage(stage); },
                                       [&](std::size_t done, std::size_t total) { progress.count(done, total); }};
  const auto summary =
      service::import_network(ctx, {o.network, o.offerings, o.contracts, o.lot_overrides}, current_user(), report);
  progress.finish();
  print_summary(summary, csv ? o.offerings + " and " + o.contracts : o.network);
  return 0;
}
}  // namespace

void add_import_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("import", "Load or replace the inkoopnetwerk (NETWORK.json, or CSV): all of it or nothing");
  auto o = std::make_shared<ImportOptions>();
  cmd->add_option("--db", o->db, "SQLite database file (created by `passend init`)")->required();
  cmd->add_option("network", o->network, "NETWORK.json (docs/formats.md)");
  cmd->add_option("--offerings", o->offerings, "offerings CSV, one row per offering (docs/csv-import.md)");
  cmd->add_option("--contracts", o->contracts, "contracts CSV, one row per contract (with --offerings)");
  cmd->add_option("--lot-overrides", o->lot_overrides, "optional CSV of regional lot cuts: region,care_form,lot (with --offerings)");
  cmd->callback([&action, o] { action = [o] { return run(*o); }; });
}

}  // namespace passend::cli
