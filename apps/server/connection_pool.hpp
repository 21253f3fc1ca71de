#pragma once
// The server's workers: one rule host (one Lua state) and one database connection each, used
// by one request at a time. A pool belongs to one rule-set version; a parameter change builds
// a new pool and swaps the pointer, so requests in flight finish on the version they started
// with (they hold a shared_ptr to their pool until they are done).
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "apps/service/rules.hpp"
#include "apps/service/workspace.hpp"
#include "core/rule_host.hpp"
#include "core/vocabulary.hpp"

namespace passend::server {

// Loads a rule host from a rule-set folder (service::load_rules in the real server).
using HostFactory = std::function<std::shared_ptr<RuleHost>(const std::string& folder, const Vocabulary& vocabulary)>;

// What a pool's rule set is: its identity, where its files are, its parameters, and the stored
// version row when it came from a parameter change (none for the rule set as shipped).
struct ServedRuleSet {
  RuleSetIdentity identity;
  std::string folder;
  nlohmann::ordered_json params = nlohmann::ordered_json::object();
  std::optional<service::RuleSetVersion> version;
};

struct Worker {
  db::Database db;
  std::shared_ptr<RuleHost> host;
};

class HostPool;

// A worker checked out for one request; gives it back when destroyed.
class Lease {
 public:
  Lease(std::shared_ptr<HostPool> pool, Worker* worker) : pool_(std::move(pool)), worker_(worker) {}
  ~Lease();
  Lease(Lease&& other) noexcept : pool_(std::move(other.pool_)), worker_(other.worker_) { other.worker_ = nullptr; }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease& operator=(Lease&&) = delete;

  db::Database& db() { return worker_->db; }
  RuleHost& host() { return *worker_->host; }
  const ServedRuleSet& ruleset() const;

 private:
  std::shared_ptr<HostPool> pool_;
  Worker* worker_;
};

class HostPool : public std::enable_shared_from_this<HostPool> {
 public:
  // Loads `workers` hosts from info.folder and opens as many connections to db_path.
  static std::shared_ptr<HostPool> create(ServedRuleSet info, const HostFactory& factory, const Vocabulary& vocabulary,
                                          const std::string& db_path, int workers);
  HostPool(ServedRuleSet info, std::vector<std::unique_ptr<Worker>> workers);

  const ServedRuleSet& info() const { return info_; }
  // Only before the pool is shared: completes the stored version row (time, hash).
  void set_version(service::RuleSetVersion version) { info_.version = std::move(version); }
  // Waits for a free worker.
  Lease acquire();

 private:
  friend class Lease;
  void release(Worker* worker);

  ServedRuleSet info_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<Worker*> free_;
};

}  // namespace passend::server
