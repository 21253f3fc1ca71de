#include "apps/service/database.hpp"

#include "apps/service/ruleset_governance.hpp"
#include "apps/service/workspace.hpp"

#include "core/paths.hpp"
#include "core/regions.hpp"
#include "core/vocabulary.hpp"

namespace passend::service {

InitSummary initialise_database(const std::string& path) {
  const std::string dir = data_dir();
  auto regions = RegionData::load_bundled(dir);
  auto vocabulary = Vocabulary::load(dir);
  RegionGraph check(regions);  // refuse inconsistent bundled data before writing anything
  InitSummary summary;
  static_cast<db::InitSummary&>(summary) = db::initialise(path, regions, vocabulary);
  Workspace workspace(path);
  auto ctx = workspace.context();
  summary.notes = install_bundled_rules(ctx, default_rules_dir());
  return summary;
}

BackupSummary backup_database(const std::string& path, const std::string& to) {
  db::Database db = open_database(path, Access::read_only);
  return db::backup_database(db, to);
}

}  // namespace passend::service
