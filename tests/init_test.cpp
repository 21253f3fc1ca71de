// `passend init`: creates the database, is harmless twice, refuses a file that is not one.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/support/cli_runner.hpp"

using namespace passend::testing;

TEST(Init, CreatesADatabaseWithTheBundledRegions) {
  TempDir dir;
  auto db = dir.file("passend.db");
  auto r = run_passend({"init", "--db", db});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("342 gemeenten, 42 jeugdregio's, 8 expertisenetwerken, 93 regiogrenzen"), std::string::npos)
      << r.out;
  struct stat st {};
  ASSERT_EQ(::stat(db.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u) << "case data is sensitive: the database is private";
}

TEST(Init, TwiceOnTheSameFileIsHarmless) {
  TempDir dir;
  auto db = dir.file("passend.db");
  ASSERT_EQ(run_passend({"init", "--db", db}).exit_code, 0);
  auto again = run_passend({"init", "--db", db});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, run_passend({"init", "--db", db}).out);
}

TEST(Init, RefusesAFileThatIsNotADatabaseAndLeavesItUntouched) {
  TempDir dir;
  auto path = dir.file("notes.txt");
  const std::string content = "these are meeting notes, not a database\n" + std::string(200, 'x');
  write_text(path, content);
  auto r = run_passend({"init", "--db", path});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, path + ": not a passend database (SQLite: file is not a database); the file was left untouched\n");
  EXPECT_EQ(read_text(path), content);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(Cli, HelpAndVersion) {
  auto help = run_passend({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("init"), std::string::npos);
  auto version = run_passend({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("passend ", 0), 0u) << version.out;
  auto init_help = run_passend({"init", "--help"});
  EXPECT_EQ(init_help.exit_code, 0);
  EXPECT_NE(init_help.out.find("--db"), std::string::npos);
}

TEST(Cli, UnknownCommandIsAUsageError) {
  auto r = run_passend({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(r.err.empty());
}
