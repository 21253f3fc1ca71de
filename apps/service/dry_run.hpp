#pragma once
// The dry run (docs/rules.md, "Proposals"): recent advices replayed with two versions of a rule
// set, so that a change can be judged on past advice before a second person approves it. Each
// advice's kept case document is advised twice through the query's own compute path (no
// writes), on the advice's own reference date, with the version in force and with the proposed
// one; the advices whose plans change are explained. A proposal keeps its dry run.
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

struct ReplayScope {
  int limit = kDefaultDryRunQueries;  // how many of the most recent advices (query records) to consider
  // Only advices of cases in these regions (the regions that use the rule set; a scoped
  // contract manager's regions); none: every region.
  std::optional<std::set<std::string>> regions;
};

// The result (docs/api.md): limit, regions, considered, replayed, duplicates, changed_count,
// ruleset_before, ruleset_after, changed (per advice: the plans before and after, the offerings
// concerned and the rules that moved them), skipped (advices whose case document is not kept or
// no longer valid). Writes nothing. RuleError when a rule fails.
nlohmann::ordered_json replay_advices(Context& ctx, RuleHost& before, RuleHost& after, const ReplayScope& scope);

}  // namespace passend::service
