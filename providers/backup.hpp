#pragma once
// A consistent copy of a passend database while it is in use (SQLite's online backup API): the
// copy holds every committed write, also those still in the write-ahead log, which a plain `cp`
// of the database file misses. The copy is a complete database (mode 0600), ready to be used as
// it is or restored by putting it in place of the original (docs/reliability.md).
#include <cstdint>
#include <string>

#include "providers/sqlite.hpp"

namespace passend::db {

struct BackupSummary {
  std::string to;
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
  int schema_version = 0;
};

// Copies `db` into a new file `to`. InvalidInput when `to` exists (a backup never overwrites)
// or is the database itself; the half-written file is removed when the copy fails.
BackupSummary backup_database(Database& db, const std::string& to);

}  // namespace passend::db
