#pragma once
// The server's database connections: one per worker, each used by one request at a time. A
// request leases one for its whole life; the rule host it needs comes separately from the
// rule-set registry (apps/service/ruleset_registry.hpp), once the request knows its case's
// region and reference date.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "apps/service/workspace.hpp"

namespace passend::server {

class ConnectionPool;

// A connection checked out for one request; gives it back when destroyed.
class Lease {
 public:
  Lease(ConnectionPool* pool, db::Database* db) : pool_(pool), db_(db) {}
  ~Lease();
  Lease(Lease&& other) noexcept : pool_(other.pool_), db_(other.db_) { other.db_ = nullptr; }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease& operator=(Lease&&) = delete;

  db::Database& db() { return *db_; }

 private:
  ConnectionPool* pool_;
  db::Database* db_;
};

class ConnectionPool {
 public:
  // Opens `connections` connections to the database.
  ConnectionPool(const std::string& db_path, int connections);
  // Waits for a free connection.
  Lease acquire();

 private:
  friend class Lease;
  void release(db::Database* db);

  std::vector<std::unique_ptr<db::Database>> all_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<db::Database*> free_;
};

}  // namespace passend::server
