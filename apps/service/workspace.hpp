#pragma once
// What every use case works on (a Context: a database connection, the bundled vocabulary and
// the database's regions) and how the CLI gets one (a Workspace). The server gives each worker
// its own connection and shares one vocabulary and region graph, read at startup; both hand
// the same Context to the services, so a use case runs the same way behind either.
//
// db::Database is the connection handle; callers pass it on and never query it: SQL lives in
// providers/ only.
#include <exception>
#include <string>

#include "core/regions.hpp"
#include "core/vocabulary.hpp"
#include "providers/sqlite.hpp"

namespace passend::service {

enum class Access { read_only, read_write };

// An existing passend database at the schema version of this build; InvalidInput naming the
// file otherwise (missing, not a database, or to be migrated with `passend init`).
db::Database open_database(const std::string& path, Access access = Access::read_write);
// The bundled vocabulary (data/vocabulary.json). Every command reads it from the data folder,
// not from the copy `passend init` keeps in the database (docs/architecture.md).
Vocabulary load_vocabulary();
// The regions `passend init` stored in the database.
RegionGraph read_region_graph(db::Database& db);

// Whether an error is the database being busy or locked by another connection: worth a retry
// later, not a fault.
bool database_busy(const std::exception& error);

class RegistryCache;

struct Context {
  db::Database& db;
  const Vocabulary& vocabulary;
  const RegionGraph& regions;
  // The server's in-memory registry (apps/service/registry_cache.hpp); null for a CLI command,
  // which reads what its one query needs from the database.
  RegistryCache* registry = nullptr;
};

// What a CLI command works on: an existing database, the bundled vocabulary, its regions.
class Workspace {
 public:
  explicit Workspace(const std::string& db_path, Access access = Access::read_write);
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  Context context() { return {db_, vocabulary_, regions_}; }
  const Vocabulary& vocabulary() const { return vocabulary_; }
  const RegionGraph& regions() const { return regions_; }

 private:
  db::Database db_;
  Vocabulary vocabulary_;
  RegionGraph regions_;
};

}  // namespace passend::service
