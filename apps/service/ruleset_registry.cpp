#include "apps/service/ruleset_registry.hpp"

#include <algorithm>
#include <condition_variable>
#include <set>
#include <stdexcept>

#include "core/errors.hpp"
#include "plugins/rule_host_factory.hpp"
#include "plugins/ruleset_files.hpp"
#include "providers/ruleset_store.hpp"

namespace passend::service {

// The hosts of one version: made on demand up to a cap, each lent to one use at a time.
class RuleHostPool : public std::enable_shared_from_this<RuleHostPool> {
 public:
  RuleHostPool(RuleSetChoice choice, std::string display, std::map<std::string, std::string> files, std::size_t cap,
               RuleHostMaker maker, const Vocabulary& vocabulary)
      : choice_(std::move(choice)),
        display_(std::move(display)),
        files_(std::move(files)),
        cap_(std::max<std::size_t>(1, cap)),
        maker_(std::move(maker)),
        vocabulary_(vocabulary) {}

  const RuleSetChoice& choice() const { return choice_; }
  void set_identity(RuleSetIdentity identity) { choice_.identity = std::move(identity); }

  RuleHostLease lease(RuleSetChoice choice) {
    RuleHost* host = acquire();
    choice.identity = choice_.identity;
    return RuleHostLease(shared_from_this(), host, std::move(choice));
  }

  RuleHost* acquire() {
    std::unique_lock lock(mutex_);
    for (;;) {
      if (!free_.empty()) {
        RuleHost* h = free_.back();
        free_.pop_back();
        return h;
      }
      if (hosts_.size() + making_ < cap_) break;
      available_.wait(lock);
    }
    ++making_;
    lock.unlock();
    std::unique_ptr<RuleHost> made;
    try {
      made = make();
    } catch (...) {
      lock.lock();
      --making_;
      available_.notify_one();
      throw;
    }
    lock.lock();
    --making_;
    hosts_.push_back(std::move(made));
    return hosts_.back().get();
  }

  void release(RuleHost* host) {
    {
      std::lock_guard lock(mutex_);
      free_.push_back(host);
    }
    available_.notify_one();
  }

  std::size_t loaded() const {
    std::lock_guard lock(mutex_);
    return hosts_.size();
  }

 private:
  // A stored version must load to the hash its advices carry: anything else means its files
  // changed in the database, and it must not answer.
  std::unique_ptr<RuleHost> make() {
    auto host = maker_(display_, files_, vocabulary_);
    if (!choice_.identity.hash.empty() && host->identity().hash != choice_.identity.hash)
      throw std::runtime_error("rule set " + choice_.identity.name + " " + choice_.identity.version + " loads as " +
                               host->identity().hash + ", stored as " + choice_.identity.hash +
                               ": its files in the database changed");
    return host;
  }

  RuleSetChoice choice_;
  std::string display_;
  std::map<std::string, std::string> files_;
  std::size_t cap_;
  RuleHostMaker maker_;
  const Vocabulary& vocabulary_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<RuleHost>> hosts_;
  std::vector<RuleHost*> free_;
  std::size_t making_ = 0;
};

RuleHostLease::RuleHostLease(std::shared_ptr<RuleHostPool> pool, RuleHost* host, RuleSetChoice choice)
    : pool_(std::move(pool)), host_(host), choice_(std::move(choice)) {}

RuleHostLease::~RuleHostLease() {
  if (pool_ && host_) pool_->release(host_);
}

RuleHostLease::RuleHostLease(RuleHostLease&& other) noexcept
    : pool_(std::move(other.pool_)), host_(other.host_), choice_(std::move(other.choice_)) {
  other.host_ = nullptr;
}

RuleHostMaker lua_rule_host_maker() {
  return [](const std::string& display, const std::map<std::string, std::string>& files, const Vocabulary& vocabulary) {
    return make_rule_host(rule_set_files_from(display, files), vocabulary);
  };
}

RuleSetRegistry::RuleSetRegistry(const Vocabulary& vocabulary, int hosts_per_version, RuleHostMaker maker)
    : vocabulary_(vocabulary), hosts_per_version_(std::max(1, hosts_per_version)), maker_(std::move(maker)) {}

RuleSetRegistry::~RuleSetRegistry() = default;

std::unique_ptr<RuleSetRegistry> RuleSetRegistry::folder(const std::string& dir, const Vocabulary& vocabulary,
                                                         int hosts_per_version) {
  auto registry = std::make_unique<RuleSetRegistry>(vocabulary, hosts_per_version);
  RuleSetFiles files = read_rule_set_files(dir);
  auto pool = std::make_shared<RuleHostPool>(RuleSetChoice{}, files.dir, std::move(files.contents),
                                             static_cast<std::size_t>(registry->hosts_per_version_), registry->maker_,
                                             vocabulary);
  RuleHost* first = pool->acquire();  // loads now: a broken folder fails before anything runs
  pool->set_identity(first->identity());
  pool->release(first);
  registry->folder_ = std::move(pool);
  return registry;
}

std::optional<RuleSetIdentity> RuleSetRegistry::folder_identity() const {
  if (!folder_) return std::nullopt;
  return folder_->choice().identity;
}

std::unique_ptr<RuleSetRegistry> command_rules(const std::string& rules_option, const Vocabulary& vocabulary) {
  if (!rules_option.empty()) return RuleSetRegistry::folder(rules_option, vocabulary, 1);
  return std::make_unique<RuleSetRegistry>(vocabulary, 1);
}

std::string region_of_municipality(const Context& ctx, const std::string& municipality) {
  const Municipality* m = ctx.regions.municipality(municipality);
  return m ? m->region : "";
}

namespace {
RuleSetChoice resolved(Context& ctx, const std::string& region, const std::string& network, Date date) {
  const auto found = db::resolve_release(ctx.db, region, network, date.str());
  if (!found)
    throw InvalidInput(ctx.db.path(), "",
                       "no rule set answers for " + (region.empty() ? "network " + network : "region " + region) + " on " + date.str() +
                           ": no assigned rule set has a version in force then (run `passend init --db " + ctx.db.path() +
                           "` to install the bundled default, or `passend rules assign`)");
  return {{found->release.ruleset, found->release.version, found->release.hash}, found->release.id, found->via};
}
}  // namespace

RuleSetChoice RuleSetRegistry::choose(Context& ctx, const std::string& region, Date date) const {
  if (folder_) return folder_->choice();
  const Region* r = ctx.regions.region(region);
  return resolved(ctx, region, r ? r->network : "", date);
}

RuleSetChoice RuleSetRegistry::choose_for_network(Context& ctx, const std::string& network, Date date) const {
  if (folder_) return folder_->choice();
  return resolved(ctx, "", network, date);
}

std::shared_ptr<RuleHostPool> RuleSetRegistry::pool_for(Context& ctx, std::int64_t release, const RuleSetChoice& choice) {
  {
    std::lock_guard lock(mutex_);
    last_used_[release] = ++clock_;
    if (auto it = pools_.find(release); it != pools_.end()) return it->second;
  }
  auto files = db::release_files(ctx.db, release);
  if (files.empty()) throw std::runtime_error("rule-set version " + std::to_string(release) + " has no files in the database");
  const std::string display = choice.identity.name + " " + choice.identity.version;
  auto pool = std::make_shared<RuleHostPool>(choice, display, std::move(files), static_cast<std::size_t>(hosts_per_version_),
                                             maker_, vocabulary_);
  std::lock_guard lock(mutex_);
  auto [it, fresh] = pools_.emplace(release, std::move(pool));  // another thread may have been first
  return it->second;
}

RuleHostLease RuleSetRegistry::for_region(Context& ctx, const std::string& region, Date date) {
  if (folder_) return folder_->lease(folder_->choice());
  RuleSetChoice choice = choose(ctx, region, date);
  return pool_for(ctx, *choice.release, choice)->lease(std::move(choice));
}

RuleHostLease RuleSetRegistry::for_network(Context& ctx, const std::string& network, Date date) {
  if (folder_) return folder_->lease(folder_->choice());
  RuleSetChoice choice = choose_for_network(ctx, network, date);
  return pool_for(ctx, *choice.release, choice)->lease(std::move(choice));
}

RuleHostLease RuleSetRegistry::for_release(Context& ctx, std::int64_t release) {
  const auto stored = db::read_release(ctx.db, release);
  if (!stored) throw std::runtime_error("no rule-set version " + std::to_string(release));
  RuleSetChoice choice{{stored->ruleset, stored->version, stored->hash}, stored->id, ""};
  return pool_for(ctx, release, choice)->lease(std::move(choice));
}

std::vector<RuleSetIdentity> RuleSetRegistry::warm(Context& ctx, Date date) {
  std::vector<RuleSetIdentity> out;
  if (folder_) {
    out.push_back(folder_->choice().identity);
    return out;
  }
  std::set<std::int64_t> seen;
  for (const auto& region : ctx.regions.data().regions) {
    const auto found = db::resolve_release(ctx.db, region.code, region.network, date.str());
    if (!found || !seen.insert(found->release.id).second) continue;
    RuleSetChoice choice{{found->release.ruleset, found->release.version, found->release.hash}, found->release.id, found->via};
    auto lease = pool_for(ctx, found->release.id, choice)->lease(choice);  // loads one host
    out.push_back(lease.identity());
  }
  std::lock_guard lock(mutex_);
  ++clock_;
  for (auto id : seen) last_used_[id] = clock_;
  return out;
}

void RuleSetRegistry::forget_unused(std::size_t keep) {
  std::lock_guard lock(mutex_);
  if (pools_.size() <= keep) return;
  std::vector<std::pair<std::uint64_t, std::int64_t>> by_age;
  for (const auto& [id, pool] : pools_) by_age.emplace_back(last_used_[id], id);
  std::sort(by_age.begin(), by_age.end());
  for (std::size_t i = 0; i + keep < by_age.size(); ++i) {
    pools_.erase(by_age[i].second);
    last_used_.erase(by_age[i].second);
  }
}

}  // namespace passend::service
