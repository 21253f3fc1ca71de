#pragma once
// Benchmark-only: a RuleHost that runs the default rule set natively, so that a whole query
// (run_query: facts, rules, ranking, plan) can be timed with Lua and without it. evaluate() is
// native_rules.cpp; plan() is rules/default/rules/{plan_a,plan_b,bridging,gap}.lua in C++.
// query_benchmark.cpp checks that both hosts give the same result JSON before it measures.
#include "core/rule_host.hpp"
#include "core/vocabulary.hpp"

namespace passend::bench {

class NativeRuleHost final : public RuleHost {
 public:
  explicit NativeRuleHost(const Vocabulary& vocabulary);

  const RuleSetIdentity& identity() const override { return identity_; }
  std::vector<std::string> bridging_care_forms() const override;
  // As rules/default/params.json: the pool when plan A is not timely, near tiers only.
  BridgingPoolPolicy bridging_pool_policy() const override {
    return {true, {Tier::region, Tier::adjacent, Tier::network}};
  }
  std::optional<std::string> lot_override(const std::string&, const std::string&) const override { return std::nullopt; }
  std::vector<std::vector<Exclusion>> prefilter(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) override;
  std::vector<Verdict> evaluate(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) override;
  PlanOutcome plan(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates,
                   const std::vector<Verdict>& verdicts, const std::vector<std::size_t>& ranked) override;

 private:
  const Vocabulary& vocabulary_;
  RuleSetIdentity identity_;
};

}  // namespace passend::bench
