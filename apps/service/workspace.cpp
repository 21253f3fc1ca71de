#include "apps/service/workspace.hpp"

#include <sqlite3.h>

#include "core/paths.hpp"
#include "providers/region_store.hpp"
#include "providers/schema.hpp"

namespace passend::service {

db::Database open_database(const std::string& path, Access access) {
  return db::open_existing(path, access == Access::read_only ? db::Database::Mode::read_only
                                                             : db::Database::Mode::read_write);
}

Vocabulary load_vocabulary() { return Vocabulary::load(data_dir()); }

RegionGraph read_region_graph(db::Database& db) { return RegionGraph(db::read_regions(db)); }

bool database_busy(const std::exception& error) {
  const auto* e = dynamic_cast<const db::Error*>(&error);
  if (!e) return false;
  const int primary = e->code() & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// The database first: a missing or foreign file is the error a user most likely made.
Workspace::Workspace(const std::string& db_path, Access access)
    : db_(open_database(db_path, access)), vocabulary_(load_vocabulary()), regions_(read_region_graph(db_)) {}

}  // namespace passend::service
