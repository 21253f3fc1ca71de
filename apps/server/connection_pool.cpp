#include "apps/server/host_pool.hpp"


namespace passend::server {

Lease::~Lease() {
  if (worker_) pool_->release(worker_);
}

const ServedRuleSet& Lease::ruleset() const { return pool_->info(); }

std::shared_ptr<HostPool> HostPool::create(ServedRuleSet info, const HostFactory& factory, const Vocabulary& vocabulary,
                                           const std::string& db_path, int workers) {
  std::vector<std::unique_ptr<Worker>> list;
  for (int i = 0; i < workers; ++i) {
    auto host = factory(info.folder, vocabulary);
    // Every host of a pool must be the same rule set; the first one names it.
    if (i == 0) info.identity = host->identity();
    list.push_back(std::make_unique<Worker>(Worker{service::open_database(db_path), std::move(host)}));
  }
  return std::make_shared<HostPool>(std::move(info), std::move(list));
}

HostPool::HostPool(ServedRuleSet info, std::vector<std::unique_ptr<Worker>> workers)
    : info_(std::move(info)), workers_(std::move(workers)) {
  for (auto& w : workers_) free_.push_back(w.get());
}

Lease HostPool::acquire() {
  std::unique_lock lock(mutex_);
  available_.wait(lock, [this] { return !free_.empty(); });
  Worker* w = free_.back();
  free_.pop_back();
  return Lease(shared_from_this(), w);
}

void HostPool::release(Worker* worker) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back(worker);
  }
  available_.notify_one();
}

}  // namespace passend::server
