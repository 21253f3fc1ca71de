#pragma once
// What the rule-governance use cases share (ruleset_governance.cpp writes, ruleset_history.cpp
// reads): stored versions loaded as rule hosts, what changes between two versions (each
// parameter by its Dutch label, the protected rules touched), the summary of a dry run, and the
// latest approval of a rule set. Internal to apps/service.
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "apps/service/workspace.hpp"
#include "core/rule_host.hpp"
#include "providers/ruleset_store.hpp"

namespace passend::service::ruleset_detail {

using ojson = nlohmann::ordered_json;

std::string display_name(const std::string& ruleset, const std::string& version);
std::unique_ptr<RuleHost> load_files(Context& ctx, const std::string& display, const std::map<std::string, std::string>& files);
std::unique_ptr<RuleHost> load_release(Context& ctx, const db::RuleSetRelease& r);
db::RuleSetRelease release_or_throw(Context& ctx, std::int64_t id);
// InvalidInput naming `field` when no version of the rule set is stored.
void require_ruleset(Context& ctx, const std::string& ruleset, const std::string& field);

// What changes from one version to another, for people: a list of {"kind", …, "text"} (each
// parameter with its Dutch label, before → after; rules switched off or on, added, removed, their
// files; settings; other files), and the protected rules of `before` the change touches.
struct Comparison {
  ojson changes = ojson::array();
  std::vector<std::string> protected_changes;
  void mark_protected(const std::string& rule);
};
Comparison compare(RuleHost& before, RuleHost& after, const std::map<std::string, std::string>& files_before,
                   const std::map<std::string, std::string>& files_after);

// {"advices", "changed", "considered", "skipped", "regions"} of a stored dry run.
ojson dry_run_summary(const ojson& dry_run);
ojson parse_stored(const std::string& text, ojson fallback);

// The latest approval of a rule set: the base every new proposal starts from.
struct Head {
  db::RuleSetActivation activation;
  db::RuleSetRelease release;
  db::RuleSetProposal proposal;
};
std::optional<Head> read_head(Context& ctx, const std::string& ruleset);

}  // namespace passend::service::ruleset_detail
