// db::Transaction inside another one is a savepoint: a service's use case can call a provider
// function that opens its own transaction and still write everything in one transaction.
#include <gtest/gtest.h>

#include <stdexcept>

#include "providers/sqlite.hpp"
#include "tests/support/cli_runner.hpp"

namespace passend::testing {
namespace {

class NestedTransaction : public ::testing::Test {
 protected:
  NestedTransaction() : db_(dir_.file("t.db"), db::Database::Mode::create) { db_.exec("CREATE TABLE t (v INTEGER)"); }

  void insert(int v) {
    auto st = db_.prepare("INSERT INTO t (v) VALUES (?)");
    st.bind(1, v);
    st.run();
  }
  int count() {
    auto st = db_.prepare("SELECT COUNT(*) FROM t");
    st.step();
    return st.column_int(0);
  }

  TempDir dir_;
  db::Database db_;
};

TEST_F(NestedTransaction, CommitsOnlyWithTheOuterTransaction) {
  {
    db::Transaction outer(db_);
    insert(1);
    db::Transaction inner(db_);
    insert(2);
    inner.commit();
  }  // the outer one was not committed
  EXPECT_EQ(count(), 0);
}

TEST_F(NestedTransaction, AFailedInnerPartRollsBackAloneAndTheOuterGoesOn) {
  db::Transaction outer(db_);
  insert(1);
  try {
    db::Transaction inner(db_);
    insert(2);
    throw std::runtime_error("the provider refused");
  } catch (const std::runtime_error&) {
  }
  insert(3);
  outer.commit();
  EXPECT_EQ(count(), 2);
}

TEST_F(NestedTransaction, AWriteInsideAnImmediateTransactionNeedsNoWriteBeforeIt) {
  db::Transaction outer(db_);
  db::Transaction inner(db_);
  insert(1);
  inner.commit();
  outer.commit();
  EXPECT_EQ(count(), 1);
}

TEST_F(NestedTransaction, AWriteInsideAReadTransactionIsRefused) {
  db::Transaction read(db_, db::Transaction::Kind::deferred);
  count();
  EXPECT_THROW(db::Transaction write(db_), std::logic_error);
  db::Transaction nested_read(db_, db::Transaction::Kind::deferred);
  nested_read.commit();
  read.commit();
}

}  // namespace
}  // namespace passend::testing
