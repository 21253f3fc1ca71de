#pragma once
// The rule set the server answers with, and parameter changes while it runs. A version is
// materialised as a private copy of the base folder next to the database
// (<db>.rulesets/<id>/) with the new params.json and a ruleset.json whose version carries
// "+p<id>"; the rule host loads it like any rule set, so its hash covers the new parameters.
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "apps/server/host_pool.hpp"

namespace passend::server {

struct RuleSetsConfig {
  std::string base_dir;  // the rule set as shipped (--rules)
  std::string db_path;
  int workers = 1;
};

class RuleSets {
 public:
  // The vocabulary must outlive the rule sets (rule hosts check parameters against it).
  RuleSets(RuleSetsConfig config, const Vocabulary& vocabulary, HostFactory factory);

  // Loads the latest stored version of the base rule set, or the base itself. A stored version
  // whose files now hash differently (the base changed since) is reported on `warnings`.
  void start(service::Context& ctx, std::string& warnings);
  // The current pool; callers keep it for the whole request.
  std::shared_ptr<HostPool> current() const;

  // Makes a new version from a params.json document, stores it (with an audit record), and
  // swaps it in. InvalidInput (pointers under /params) when the rule set refuses the parameters.
  service::RuleSetVersion change_parameters(service::Context& ctx, const nlohmann::json& params,
                                            const std::string& comment, const std::string& author,
                                            const std::string& scope = "");

  const std::string& base_name() const { return base_name_; }
  const std::string& base_version() const { return base_version_; }

 private:
  std::string materialise(std::int64_t id, const std::string& params_json) const;
  std::shared_ptr<HostPool> load(const std::string& folder, std::optional<service::RuleSetVersion> version) const;
  void swap_in(std::shared_ptr<HostPool> pool);

  RuleSetsConfig config_;
  const Vocabulary& vocabulary_;
  HostFactory factory_;
  std::string base_name_, base_version_;
  mutable std::mutex current_mutex_;
  std::shared_ptr<HostPool> current_;
  std::mutex change_mutex_;  // one parameter change at a time
};

}  // namespace passend::server
