#include <iostream>

#include "apps/commands.hpp"
#include "core/paths.hpp"
#include "providers/region_store.hpp"

namespace passend::cli {

void add_init_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("init", "Create or migrate a database and load the bundled regions and vocabularies");
  auto db_path = std::make_shared<std::string>();
  cmd->add_option("--db", *db_path, "SQLite database file (created with mode 0600)")->required();
  cmd->callback([&action, db_path] {
    action = [db_path] {
      const std::string dir = data_dir();
      auto regions = RegionData::load_bundled(dir);
      auto vocabulary = Vocabulary::load(dir);
      RegionGraph check(regions);  // refuse inconsistent bundled data before writing anything
      auto s = db::initialise(*db_path, regions, vocabulary);
      std::cout << "initialised " << *db_path << ": " << s.municipalities << " gemeenten, " << s.regions
                << " jeugdregio's, " << s.networks << " expertisenetwerken, " << s.borders << " regiogrenzen, "
                << s.vocabulary_terms << " termen\n";
      return 0;
    };
  });
}

}  // namespace passend::cli
