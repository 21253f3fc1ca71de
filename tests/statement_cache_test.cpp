// Database::cached: a connection's prepared statements kept for reuse (providers/sqlite.hpp).
// Each use starts clean (no binding, no half-read result, no old read snapshot of the one
// before), a nested use of the same SQL works, and the connection still closes cleanly.
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "providers/sqlite.hpp"
#include "tests/support/cli_runner.hpp"

namespace passend::testing {
namespace {

constexpr const char* kValues = "SELECT v FROM t ORDER BY v";

class StatementCache : public ::testing::Test {
 protected:
  StatementCache() : db_(dir_.file("t.db"), db::Database::Mode::create) {
    db_.exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  }

  std::vector<int> values(db::Database& db) {
    auto st = db.cached(kValues);
    std::vector<int> out;
    while (st.step()) out.push_back(st.column_int(0));
    return out;
  }

  TempDir dir_;
  db::Database db_;
};

TEST_F(StatementCache, ANewUseHasNoBindingOfTheLastOne) {
  {
    auto st = db_.cached("SELECT ?1, ?2");
    st.bind(1, 42).bind(2, "oud");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.column_int(0), 42);
  }
  auto again = db_.cached("SELECT ?1, ?2");
  ASSERT_TRUE(again.step());
  EXPECT_TRUE(again.column_is_null(0));
  EXPECT_TRUE(again.column_is_null(1));
  EXPECT_EQ(db_.cached_statements(), 1u) << "the same SQL, one prepared statement";
}

TEST_F(StatementCache, AHalfReadResultDoesNotCarryOverToTheNextUse) {
  {
    auto st = db_.cached(kValues);
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.column_int(0), 1);  // left after the first row
  }
  EXPECT_EQ(values(db_), (std::vector<int>{1, 2, 3}));
}

TEST_F(StatementCache, AStatementLeftHalfReadDoesNotKeepItsSnapshot) {
  {
    auto st = db_.cached(kValues);
    ASSERT_TRUE(st.step());
  }
  db::Database other(dir_.file("t.db"), db::Database::Mode::read_write);
  other.exec("INSERT INTO t VALUES (4)");
  EXPECT_EQ(values(db_), (std::vector<int>{1, 2, 3, 4})) << "the next use sees the other connection's write";
  // and the other connection can write again: no read transaction of this one is left open
  other.exec("DELETE FROM t WHERE v = 4");
  EXPECT_EQ(values(db_), (std::vector<int>{1, 2, 3}));
}

TEST_F(StatementCache, NestedUseOfTheSameSqlGetsItsOwnStatement) {
  std::vector<std::pair<int, int>> pairs;
  {
    auto outer = db_.cached(kValues);
    while (outer.step()) {
      auto inner = db_.cached(kValues);  // the cached one is in use: a fresh one
      while (inner.step())
        if (inner.column_int(0) > outer.column_int(0)) pairs.emplace_back(outer.column_int(0), inner.column_int(0));
    }
  }
  EXPECT_EQ(pairs, (std::vector<std::pair<int, int>>{{1, 2}, {1, 3}, {2, 3}}));
  EXPECT_EQ(db_.cached_statements(), 1u);
  EXPECT_EQ(values(db_), (std::vector<int>{1, 2, 3})) << "the cached statement is free again";
}

TEST_F(StatementCache, AWriteRunsAgainWithNewBindings) {
  for (int v = 10; v < 13; ++v) {
    auto st = db_.cached("INSERT INTO t (v) VALUES (?)");
    st.bind(1, v);
    st.run();
  }
  EXPECT_EQ(values(db_), (std::vector<int>{1, 2, 3, 10, 11, 12}));
}

TEST_F(StatementCache, BadSqlThrowsAndIsNotCached) {
  EXPECT_THROW(db_.cached("SELECT nothing FROM nowhere"), db::Error);
  EXPECT_EQ(db_.cached_statements(), 0u);
  EXPECT_THROW(db_.cached("SELECT nothing FROM nowhere"), db::Error);
}

// The last connection to close removes the WAL file: it does only when every statement of it
// was finalized, the cached ones too.
TEST_F(StatementCache, TheConnectionClosesCleanlyWithCachedStatements) {
  const std::string file = dir_.file("c.db");
  {
    db::Database db(file, db::Database::Mode::create);
    db.exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (1)");
    EXPECT_EQ(values(db), (std::vector<int>{1}));
    auto st = db.cached("SELECT COUNT(*) FROM t");
    ASSERT_TRUE(st.step());
    EXPECT_TRUE(std::filesystem::exists(file + "-wal"));
  }
  EXPECT_FALSE(std::filesystem::exists(file + "-wal"));
}

TEST_F(StatementCache, AStatementInUseWhenItsConnectionClosesIsFinalizedByItself) {
  const std::string file = dir_.file("c.db");
  std::optional<db::Statement> kept;
  {
    db::Database db(file, db::Database::Mode::create);
    db.exec("CREATE TABLE t (v INTEGER); INSERT INTO t VALUES (7)");
    kept.emplace(db.cached("SELECT v FROM t"));
    EXPECT_EQ(db.cached_statements(), 1u);
  }
  ASSERT_TRUE(kept->step());  // the connection stays open for it until it goes
  EXPECT_EQ(kept->column_int(0), 7);
  kept.reset();
  EXPECT_FALSE(std::filesystem::exists(file + "-wal"));
}

TEST_F(StatementCache, AMovedConnectionKeepsItsCache) {
  (void)values(db_);
  db::Database moved(std::move(db_));
  EXPECT_EQ(moved.cached_statements(), 1u);
  EXPECT_EQ(values(moved), (std::vector<int>{1, 2, 3}));
}

}  // namespace
}  // namespace passend::testing
