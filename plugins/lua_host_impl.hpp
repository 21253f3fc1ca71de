#pragma once
// The inside of LuaRuleHost, shared by the files that implement it: rule_loading.cpp (reading,
// checking and registering the rule files) and lua_host.cpp (the calls: batches, budgets, results).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "plugins/candidate_facts.hpp"
#include "plugins/lua_facts.hpp"
#include "plugins/lua_host.hpp"
#include "plugins/lua_state.hpp"
#include "plugins/ruleset_files.hpp"

namespace passend {

// Why a rule file cannot be used; each problem names the file and a line.
class FileProblems;

// A loaded rule: its description for users and its module in the Lua registry.
struct LoadedRule {
  RuleInfo info;
  std::vector<ParamDecl> decls;
  lua::Ref module;
  lua::Ref descriptor;  // the driver's {idx, name, file, line, fn, p, writes}; p is renewed per call
};

// Messages from Lua name chunks relative to the rule set ("rules/x.lua:7: ..."); users see the
// folder they gave.
inline bool names_rule_file(const std::string& msg) { return msg.rfind("rules/", 0) == 0 || msg.rfind("lib/", 0) == 0; }

struct LuaRuleHost::Impl {
  LuaLimits limits;
  RuleSetFiles files;
  RuleSetInfo info;
  lua::State state;
  lua::Ref driver;
  std::vector<LoadedRule> rules;  // in evaluation order; rule index in Lua = position + 1
  // The facts the enabled prerequisite filters depend on, together: candidates with the same
  // values share one evaluation of those filters.
  std::vector<lua::CandidateFact> prerequisite_facts;
  // The classify rules that write `exempt`: whether there are any, whether every one declares
  // depends_on (then classify_exempt runs them once per combination of these facts).
  std::vector<lua::CandidateFact> exempt_facts;
  bool exempt_writers = false;
  bool exempt_by_view = true;
  // When every one of them also declares case_depends_on, whether an offering is exempt care
  // depends only on those offering facts, these case facts and this rule set (its parameters
  // never change in a host): the answers are remembered across queries, keyed by their values.
  std::vector<std::string> exempt_case_facts;
  bool exempt_memo = false;
  std::unordered_map<std::string, bool> exempt_answers;

  // The candidate tables, reused from call to call; the batch of the last evaluate() stays in
  // them for plan() and priorities() of the same query.
  std::unique_ptr<lua::CandidatePool> pool;
  lua::Ref batch_case;
  bool batch_valid = false;  // only after a call that filled the pool succeeded
  std::vector<const Offering*> batch_offerings;
  const Case* batch_case_ptr = nullptr;
  Date batch_date;

  Impl(const LuaLimits& l, RuleSetFiles f) : limits(l), files(std::move(f)), state(l.memory_bytes) {}

  // Loading.
  void install(const Vocabulary& vocabulary, const ParamsOverlay* overlay);
  std::vector<std::string> load_rule_file(const std::string& rel);
  void read_rule_table(lua_State* L, int module, const std::string& rel, LoadedRule& rule, FileProblems& problems);
  void read_params_decl(lua_State* L, int module, LoadedRule& rule, FileProblems& problems);
  bool read_one_decl(lua_State* L, int decl, const std::string& name, ParamDecl& d, FileProblems& problems);
  std::vector<std::string> lint() const;
  void apply_params(const Vocabulary& vocabulary, const ParamsOverlay* overlay);
  void register_rules();
  void renew_params(lua_State* L);
  void install_pool();
  void collect_warnings();

  // Calls.
  std::vector<bool> exempt_by_rules(const CaseFacts& facts, const std::vector<CandidateFacts>& firsts);
  std::vector<bool> remembered_exempt(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates);
  // A budgeted call over `batch` candidates.
  void run_call(std::size_t batch, const std::function<void(lua_State*)>& fn, const CaseFacts* facts,
                const std::vector<CandidateFacts>* candidates);
  std::string describe_failure(const std::optional<std::string>& error, lua::Trip trip, const CaseFacts* facts,
                               const std::vector<CandidateFacts>* candidates);

  void push_driver_function(lua_State* L, const char* name) {
    driver.push();
    lua_getfield(L, -1, name);
    lua_remove(L, -2);
  }
  // Calls the driver's `name`(candidates, n, case) on the batch at stack index `cands` (the case
  // table above it, as build_batch and ensure_batch leave them); leaves `results` values.
  void call_on_batch(lua_State* L, const char* name, int cands, std::size_t n, int results) {
    push_driver_function(L, name);
    lua_pushvalue(L, cands);
    lua_pushinteger(L, static_cast<lua_Integer>(n));
    lua_pushvalue(L, cands + 1);
    lua_call(L, 3, results);
  }
  // Also raises the memory cap to the base plus a share per candidate of the largest batch.
  void build_batch(lua_State* L, const CaseFacts& facts, const std::vector<CandidateFacts>& candidates);
  std::size_t largest_batch = 0;
  bool same_batch(const CaseFacts& facts, const std::vector<CandidateFacts>& candidates) const;
  void ensure_batch(lua_State* L, const CaseFacts& facts, const std::vector<CandidateFacts>& candidates);
  void read_evaluation(lua_State* L, int candidates, int base, std::vector<Verdict>& out) const;
  PlanOutcome read_plan(lua_State* L, int base) const;
  const std::string& rule_name(lua_Integer ri) const { return rules.at(static_cast<std::size_t>(ri - 1)).info.name; }
};

}  // namespace passend
