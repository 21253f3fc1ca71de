#pragma once
// LuaRuleHost: the RuleHost of core/rule_host.hpp on a sandboxed Lua 5.4 rule set.
//
//   rules/<set>/ruleset.json   {"name", "version", "description", "api_version": 1}
//   rules/<set>/params.json    parameters, disabled rules, settings (rule_params.hpp)
//   rules/<set>/rules/*.lua    one rule per file, a module returning its table
//   rules/<set>/lib/*.lua      helpers, reachable only through require("<name>")
//   rules/<set>/tests/*.json   scenario tables for `passend rules test`
//
// The rule API is described for contract managers in docs/rules.md. Phases run in the order
// classify, filter, exception, score, order, plan (and priority, for allocation); rules within a
// phase by (priority, name). One lua_State per rule set, with a memory cap, an instruction
// budget and a wall-clock deadline for loading and for every call (lua_state.hpp).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/rule_host.hpp"
#include "plugins/rule_params.hpp"
#include "plugins/ruleset_files.hpp"
#include "core/vocabulary.hpp"

namespace passend {

struct LuaLimits {
  std::size_t memory_bytes = std::size_t{64} << 20;  // per rule set (one lua_State)
  // Plus this much per candidate of the largest batch so far (the candidate tables stay pooled):
  // a national query has 50,000+ candidates at ~4 KiB each, far past the base (docs/performance.md).
  std::size_t memory_per_candidate = std::size_t{8} << 10;
  // Loading: per file (each rule and lib module runs its top level under its own budget).
  std::uint64_t load_instructions = 50'000'000;
  std::chrono::milliseconds load_time{2000};
  // Each evaluation call (evaluate, plan, priorities): a base plus a share per candidate, so a
  // large batch on a busy machine is not stopped while an endless loop still is within seconds.
  std::uint64_t call_instructions = 20'000'000;
  std::uint64_t instructions_per_candidate = 20'000;
  std::chrono::milliseconds call_time{5000};
  std::chrono::microseconds time_per_candidate{200};
  std::size_t max_string_bytes = std::size_t{1} << 20;  // string.rep results
};

inline constexpr int kRuleApiMin = 1;
inline constexpr int kRuleApiMax = 1;

// The phases in evaluation order; `priority` is evaluated only for allocation.
const std::vector<std::string>& rule_phases();
// The function a rule of a phase must define: classify, filter, lift, score, key, plan, priority.
const char* phase_function(const std::string& phase);

// What `passend rules check` shows of one rule.
struct RuleInfo {
  std::string name;
  std::string file;  // relative to the rule set: rules/<name>.lua
  int line = 0;      // where its phase function is defined
  std::string version;
  std::string description;
  std::string label;        // Dutch, for people (optional; the name when absent)
  std::string explanation;  // Dutch: what the rule does and why (optional)
  std::string phase;
  long long priority = 0;
  std::vector<std::string> writes;
  std::vector<std::string> depends_on;  // a filter's prerequisite facts (docs/rules.md)
  // An exempt-writing classify rule's case facts (plugins/case_dependencies.hpp); none when the
  // rule does not declare them.
  std::optional<std::vector<std::string>> case_depends_on;
  std::vector<RuleParam> params;
  bool disabled = false;
  bool is_protected = false;  // named under "protected" in ruleset.json
};

// The facts a filter may name in depends_on: scalar facts of the offering, its provider and the
// contract, which the host can group without Lua.
const std::vector<std::string>& groupable_facts();

struct RuleSetInfo {
  std::string dir;  // as given
  std::string description;
  int api_version = 1;
  RuleSetIdentity identity;
  std::vector<RuleInfo> rules;  // in evaluation order: phase, priority, name
  RuleSetSettings settings;
  std::vector<std::string> protected_rules;  // ruleset.json "protected"
  std::vector<std::string> files;     // every file that went into the hash, relative, sorted
  std::vector<std::string> warnings;  // not fatal; shown by `rules check`
};

// An overlay on params.json (a test table's "params"): validated on its own, then merged.
struct ParamsOverlay {
  nlohmann::json doc;
  std::string file;     // for messages
  std::string pointer;  // where the overlay sits in that file
};

class LuaRuleHost final : public RuleHost {
 public:
  using Limits = LuaLimits;

  // Loads and checks the whole rule set. Throws RuleError (exit 3) for any failing or malformed
  // rule, InvalidInput (exit 2) for a missing folder, ruleset.json or params.json problems.
  static std::unique_ptr<LuaRuleHost> load(const std::string& rules_dir, const Vocabulary& vocabulary,
                                           const Limits& limits = {});
  static std::unique_ptr<LuaRuleHost> load(const std::string& rules_dir, const Vocabulary& vocabulary,
                                           const Limits& limits, const ParamsOverlay& overlay);
  // The same from files held in memory (a stored version: plugins/ruleset_files.hpp).
  static std::unique_ptr<LuaRuleHost> load(RuleSetFiles files, const Vocabulary& vocabulary, const Limits& limits = {});
  static std::unique_ptr<LuaRuleHost> load(RuleSetFiles files, const Vocabulary& vocabulary, const Limits& limits,
                                           const ParamsOverlay& overlay);
  ~LuaRuleHost() override;

  const RuleSetIdentity& identity() const override;
  std::vector<std::string> bridging_care_forms() const override;
  BridgingPoolPolicy bridging_pool_policy() const override;
  DefaultMaxWait default_max_wait() const override;
  std::vector<std::vector<Exclusion>> prefilter(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) override;
  std::optional<std::string> lot_override(const std::string& region, const std::string& care_form) const override;
  std::vector<bool> classify_exempt(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) override;
  std::vector<Verdict> evaluate(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) override;
  PlanOutcome plan(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates,
                   const std::vector<Verdict>& verdicts, const std::vector<std::size_t>& ranked) override;

  // The priority phase, for allocating scarce supra-regional places: one list of reasons per
  // candidate (a case's claim on that place); the priority is the sum of the effects.
  std::vector<std::vector<Reason>> priorities(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates,
                                              const std::vector<Verdict>& verdicts) override;
  RuleSetDescription describe() const override;

  const RuleSetInfo& info() const;
  // Lua memory in use and its peak since loading, in bytes.
  std::size_t memory_used() const;
  std::size_t memory_peak() const;

  struct Impl;

 private:
  explicit LuaRuleHost(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace passend
