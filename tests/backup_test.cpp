// `passend backup`'s core: a consistent copy of a database in use. Writers keep committing while
// the copy is made; the copy holds every write committed before it began, in a database that
// passes SQLite's integrity check, as one file (nothing left in a write-ahead log).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "core/errors.hpp"
#include "core/paths.hpp"
#include "core/regions.hpp"
#include "core/vocabulary.hpp"
#include "providers/audit_store.hpp"
#include "providers/backup.hpp"
#include "providers/region_store.hpp"
#include "providers/schema.hpp"
#include "tests/support/cli_runner.hpp"

using namespace passend;

namespace {

std::int64_t count_audit(db::Database& db) {
  auto st = db.prepare("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM audit");
  st.step();
  return st.column_int64(0);
}

void append(db::Database& db, int n) {
  for (int i = 0; i < n; ++i) {
    db::AuditEntry e;
    e.actor = "test";
    e.action = "query";
    e.case_id = "2026-FV-" + std::to_string(i);
    e.result = std::string(2000, 'x');  // rows of some size, so the copy takes several steps
    db::Transaction tx(db);
    db::append_audit(db, e);
    tx.commit();
  }
}

}  // namespace

TEST(Backup, ACopyWhileWritersCommitHoldsEveryEarlierWriteAndIsConsistent) {
  passend::testing::TempDir dir;
  const std::string path = dir.file("passend.db"), copy = dir.file("backup.db");
  const std::string data = data_dir();
  db::initialise(path, RegionData::load_bundled(data), Vocabulary::load(data));
  {
    db::Database db(path, db::Database::Mode::read_write);
    append(db, 3000);
  }
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    db::Database w(path, db::Database::Mode::read_write);
    while (!stop) append(w, 10);
  });
  db::Database db(path, db::Database::Mode::read_write);
  const std::int64_t before = count_audit(db);
  const db::BackupSummary s = db::backup_database(db, copy);
  stop = true;
  writer.join();

  EXPECT_EQ(s.to, copy);
  EXPECT_GT(s.pages, 0);
  EXPECT_EQ(s.schema_version, db::current_schema_version());
  EXPECT_EQ(std::filesystem::status(copy).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_FALSE(std::filesystem::exists(copy + "-wal") && std::filesystem::file_size(copy + "-wal") > 0)
      << "the backup is one file";
  db::Database restored(copy, db::Database::Mode::read_write);
  auto check = restored.prepare("PRAGMA integrity_check");
  ASSERT_TRUE(check.step());
  EXPECT_EQ(check.column_text(0), "ok");
  auto ids = restored.prepare("SELECT COUNT(*), MAX(id) FROM audit");
  ASSERT_TRUE(ids.step());
  EXPECT_GE(ids.column_int64(0), before) << "every write committed before the backup began";
  EXPECT_EQ(ids.column_int64(0), ids.column_int64(1)) << "no write half in: ids run without a gap";
}

TEST(Backup, NeverOverwritesAFileNorCopiesOntoItself) {
  passend::testing::TempDir dir;
  const std::string path = dir.file("passend.db");
  const std::string data = data_dir();
  db::initialise(path, RegionData::load_bundled(data), Vocabulary::load(data));
  db::Database db(path, db::Database::Mode::read_write);
  passend::testing::write_text(dir.file("taken.db"), "x");
  try {
    db::backup_database(db, dir.file("taken.db"));
    FAIL() << "expected InvalidInput";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(std::string(e.what()), dir.file("taken.db") + ": already exists; a backup never overwrites a file");
  }
  EXPECT_EQ(passend::testing::read_text(dir.file("taken.db")), "x");
  EXPECT_THROW(db::backup_database(db, path), InvalidInput);
}

// The command: a copy that is a working database, and a refusal that changes nothing.
TEST(BackupCli, CopiesADatabaseThatWorksAndNeverOverwrites) {
  passend::testing::TempDir dir;
  const std::string path = dir.file("passend.db"), copy = dir.file("kopie.db");
  ASSERT_EQ(passend::testing::run_passend({"init", "--db", path}).exit_code, 0);
  auto backup = passend::testing::run_passend({"backup", "--db", path, "--to", copy});
  EXPECT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_NE(backup.out.find("backup of " + path + " written to " + copy), std::string::npos) << backup.out;
  auto audit = passend::testing::run_passend({"audit", "list", "--db", copy});
  EXPECT_EQ(audit.exit_code, 0) << audit.err << audit.out;
  auto again = passend::testing::run_passend({"backup", "--db", path, "--to", copy});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_EQ(again.err, copy + ": already exists; a backup never overwrites a file\n");
  auto missing = passend::testing::run_passend({"backup", "--db", dir.file("nope.db"), "--to", dir.file("x.db")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir.file("x.db")));
}
