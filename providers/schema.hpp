#pragma once
// The database schema and its forward migrations. Each migration runs once, in order, in its
// own transaction; the version reached is kept in schema_version.
#include "providers/sqlite.hpp"

namespace passend::db {

// The schema version this build writes and reads.
int current_schema_version();
// The version a database is at (0 for an empty file).
int schema_version(Database& db);
// Applies every missing migration. Throws Error when the file is newer than this build.
void migrate(Database& db);
// Applies the missing migrations up to `target` only: how tests build a database as an older
// passend left it, to check the migrations that follow.
void migrate(Database& db, int target);

// Opens an existing passend database for reading or writing, checking that it is one and
// is at the current schema version. Throws InvalidInput naming the file otherwise.
Database open_existing(const std::string& path, Database::Mode mode = Database::Mode::read_write);

}  // namespace passend::db
