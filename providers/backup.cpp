#include "providers/backup.hpp"

#include <filesystem>

#include "core/errors.hpp"
#include "providers/schema.hpp"

namespace passend::db {

namespace {

// Removes a file when the copy into it did not finish.
struct RemoveUnlessKept {
  std::string path;
  bool keep = false;
  ~RemoveUnlessKept() {
    if (keep) return;
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

}  // namespace

BackupSummary backup_database(Database& db, const std::string& to) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(to, ec)) throw InvalidInput(to, "", "already exists; a backup never overwrites a file");
  if (fs::weakly_canonical(to, ec) == fs::weakly_canonical(db.path(), ec))
    throw InvalidInput(to, "", "is the database itself");
  RemoveUnlessKept guard{to};
  Database copy(to, Database::Mode::create);  // 0600, like every passend database
  sqlite3_backup* b = sqlite3_backup_init(copy.handle(), "main", db.handle(), "main");
  if (!b) throw Error(to + ": cannot start the backup: " + sqlite3_errmsg(copy.handle()), sqlite3_errcode(copy.handle()));
  // One step for all pages: the copy reads one snapshot of the database in one read transaction.
  // A passend database is in WAL mode, where that reader never blocks writers. (Copying in small
  // steps restarts whenever another connection writes in between, which under steady load can go
  // on for ever.)
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  const std::int64_t pages = sqlite3_backup_pagecount(b);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw Error(to + ": backup failed: " + sqlite3_errstr(rc), rc);
  BackupSummary s;
  s.to = to;
  s.pages = pages;
  s.schema_version = schema_version(copy);
  // The copy keeps the WAL mode of a passend database: checkpoint it into the main file, so that
  // the backup is one self-contained file.
  copy.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  guard.keep = true;
  s.bytes = static_cast<std::int64_t>(fs::file_size(to, ec));
  return s;
}

}  // namespace passend::db
