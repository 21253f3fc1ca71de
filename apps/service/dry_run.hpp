#pragma once
// The rule-tuning dry run (docs/web.md): recent audited queries replayed with edited rule
// parameters, so that a change can be judged on past advice before it is activated. Each
// query's kept case document is advised twice through the query's own compute path (no
// writes), with the rule set the server answers with and with a trial copy of the base rule set
// carrying the edited params.json; the queries whose plans change are explained.
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "apps/service/audit.hpp"
#include "apps/service/workspace.hpp"
#include "core/rule_host.hpp"

namespace passend::service {

inline constexpr int kDefaultDryRunQueries = 200;
inline constexpr int kMaxDryRunQueries = 1000;

struct DryRunRequest {
  std::string base_rules_dir;  // the rule set as shipped; the trial is a copy with `params`
  nlohmann::json params;       // the edited params.json document
  int limit = kDefaultDryRunQueries;  // how many of the most recent query records to consider
  // A scoped contract manager's regions: only query records of cases in them are considered.
  std::optional<std::set<std::string>> regions;
};

// The dry run's result (docs/api.md): limit, considered, replayed, duplicates, changed_count,
// ruleset_before, ruleset_after, changed, skipped. Recorded as "ruleset_dry_run" (what was
// replayed, which records changed, the parameters), never with case content. InvalidInput
// pointing under /params when the rule set refuses the parameters.
nlohmann::ordered_json dry_run(Context& ctx, RuleHost& current, const DryRunRequest& request, const Actor& actor);

}  // namespace passend::service
