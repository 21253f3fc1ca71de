#pragma once
// Where the use cases get their rule hosts: a registry of loaded rule sets keyed by name and
// version, in the manner of Valhalla's costing factory or Zen's decision loader. A query asks
// for the rule set of its case's region on its reference date (the region's assignment, then
// its network's, then the default's: docs/rules.md, "Rule sets in the database"); the registry
// looks the version up in the database, loads it from its stored files the first time, and
// lends one of its hosts for the query. Everything behind core's RuleHost interface: nothing
// here or in its callers knows the hosts are Lua.
//
// `--rules DIR` (trying and testing) is a registry over one folder: every region gets it.
//
// Thread-safe. A version keeps up to `hosts_per_version` hosts (one Lua state each, used by one
// query at a time): the CLI uses one, the server one per worker. Hosts of a version are made on
// demand; warm() loads the versions in force today for every region before the first query.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "apps/service/workspace.hpp"
#include "core/date.hpp"
#include "core/rule_host.hpp"
#include "core/vocabulary.hpp"

namespace passend::service {

// Which stored version answers, and why.
struct RuleSetChoice {
  RuleSetIdentity identity;
  std::optional<std::int64_t> release;  // the stored version; none for a folder (--rules)
  std::string via;                      // the assignment that decided: JZnn, EXNnn or "*"; "" for a folder
};

class RuleHostPool;

// A rule host lent for one use; goes back to its pool when destroyed.
class RuleHostLease {
 public:
  RuleHostLease(std::shared_ptr<RuleHostPool> pool, RuleHost* host, RuleSetChoice choice);
  ~RuleHostLease();
  RuleHostLease(RuleHostLease&& other) noexcept;
  RuleHostLease(const RuleHostLease&) = delete;
  RuleHostLease& operator=(const RuleHostLease&) = delete;
  RuleHostLease& operator=(RuleHostLease&&) = delete;

  RuleHost& host() { return *host_; }
  RuleHost* operator->() { return host_; }
  const RuleSetChoice& choice() const { return choice_; }
  const RuleSetIdentity& identity() const { return choice_.identity; }

 private:
  std::shared_ptr<RuleHostPool> pool_;
  RuleHost* host_ = nullptr;
  RuleSetChoice choice_;
};

// Makes a rule host from a rule set's files (relative path -> bytes); `display` names the set in
// messages. The real one is the Lua host (plugins/rule_host_factory.hpp).
using RuleHostMaker = std::function<std::unique_ptr<RuleHost>(const std::string& display,
                                                              const std::map<std::string, std::string>& files,
                                                              const Vocabulary& vocabulary)>;
RuleHostMaker lua_rule_host_maker();

class RuleSetRegistry {
 public:
  // The stored rule sets of the database the contexts given to it belong to.
  RuleSetRegistry(const Vocabulary& vocabulary, int hosts_per_version, RuleHostMaker maker = lua_rule_host_maker());
  // One folder for every region (--rules DIR): loaded now, so a broken rule set fails at once.
  static std::unique_ptr<RuleSetRegistry> folder(const std::string& dir, const Vocabulary& vocabulary,
                                                 int hosts_per_version);
  ~RuleSetRegistry();
  RuleSetRegistry(const RuleSetRegistry&) = delete;
  RuleSetRegistry& operator=(const RuleSetRegistry&) = delete;

  // Which version answers for a case of `region` on `date`; InvalidInput when no rule set is
  // assigned that has a version in force then (a database `passend init` has not set up).
  RuleSetChoice choose(Context& ctx, const std::string& region, Date date) const;
  // The network's own: its assignment, then the default's.
  RuleSetChoice choose_for_network(Context& ctx, const std::string& network, Date date) const;
  // A host of that version, loaded from the database the first time.
  RuleHostLease for_region(Context& ctx, const std::string& region, Date date);
  // A host of the network's own rule set (its assignment, then the default's).
  RuleHostLease for_network(Context& ctx, const std::string& network, Date date);
  // A host of one stored version (a proposal's base, an approved version).
  RuleHostLease for_release(Context& ctx, std::int64_t release);

  // Loads one host of every version in force on `date` for some region (the server at start and
  // after an approval), so that the first query of a region does not wait for a load. Returns
  // the versions, each once.
  std::vector<RuleSetIdentity> warm(Context& ctx, Date date);
  // Versions not used since the last warm() and not in force then are dropped, beyond the
  // newest few (their hosts go when their last lease ends).
  void forget_unused(std::size_t keep = 8);

  bool is_folder() const { return folder_ != nullptr; }
  // The folder's identity (--rules), for messages.
  std::optional<RuleSetIdentity> folder_identity() const;

 private:
  std::shared_ptr<RuleHostPool> pool_for(Context& ctx, std::int64_t release, const RuleSetChoice& choice);

  const Vocabulary& vocabulary_;
  int hosts_per_version_;
  RuleHostMaker maker_;
  std::shared_ptr<RuleHostPool> folder_;  // --rules: every region
  mutable std::mutex mutex_;
  std::map<std::int64_t, std::shared_ptr<RuleHostPool>> pools_;  // by stored version
  std::map<std::int64_t, std::uint64_t> last_used_;
  std::uint64_t clock_ = 0;
};

// What a command answers with: the folder of `--rules DIR`, or ("") the database's rule sets.
std::unique_ptr<RuleSetRegistry> command_rules(const std::string& rules_option, const Vocabulary& vocabulary);

// The region of a case's municipality (woonplaatsbeginsel); "" when unknown.
std::string region_of_municipality(const Context& ctx, const std::string& municipality);

}  // namespace passend::service
