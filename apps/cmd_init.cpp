// passend init: creates or migrates a database with the bundled regions and vocabularies.
// passend backup: a consistent copy of a database while it is in use.
#include <iostream>

#include "apps/commands.hpp"
#include "apps/service/database.hpp"

namespace passend::cli {

void add_init_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("init", "Create or migrate a database and load the bundled regions and vocabularies");
  auto db_path = std::make_shared<std::string>();
  cmd->add_option("--db", *db_path, "SQLite database file (created with mode 0600)")->required();
  cmd->callback([&action, db_path] {
    action = [db_path] {
      const auto s = service::initialise_database(*db_path);
      std::cout << "initialised " << *db_path << ": " << s.municipalities << " gemeenten, " << s.regions
                << " jeugdregio's, " << s.networks << " expertisenetwerken, " << s.borders << " regiogrenzen, "
                << s.vocabulary_terms << " termen\n";
      for (const auto& note : s.notes) std::cout << note << '\n';
      return 0;
    };
  });
}

void add_backup_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand(
      "backup", "Copy a database consistently while it is in use (restore: stop passend, put the copy in its place)");
  struct Options {
    std::string db, to;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--to", o->to, "the new file to write (never overwritten; mode 0600)")->required();
  cmd->callback([&action, o] {
    action = [o] {
      const auto s = service::backup_database(o->db, o->to);
      std::cout << "backup of " << o->db << " written to " << s.to << ": " << s.bytes << " bytes, schema version "
                << s.schema_version << '\n';
      return 0;
    };
  });
}

}  // namespace passend::cli
