#include "apps/server/connection_pool.hpp"

namespace passend::server {

Lease::~Lease() {
  if (db_) pool_->release(db_);
}

ConnectionPool::ConnectionPool(const std::string& db_path, int connections) {
  for (int i = 0; i < std::max(1, connections); ++i) {
    all_.push_back(std::make_unique<db::Database>(service::open_database(db_path)));
    free_.push_back(all_.back().get());
  }
}

Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !free_.empty(); });
  db::Database* db = free_.back();
  free_.pop_back();
  return Lease(this, db);
}

void ConnectionPool::release(db::Database* db) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(db);
  }
  available_.notify_one();
}

}  // namespace passend::server
