// passend init: creates or migrates a database with the bundled regions and vocabularies.
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
      return 0;
    };
  });
}

}  // namespace passend::cli
