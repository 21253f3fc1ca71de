#pragma once
// The facts rules see, built as plain Lua tables (field by field, documented in docs/rules.md),
// and conversions between JSON (parameters) and Lua values. All functions raise Lua errors
// (memory) and so must run inside State::protect.
#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include <lua.hpp>

#include "core/rule_host.hpp"

namespace passend::lua {

// The case table: id, age, municipality, region, region_name, network, care_forms,
// care_form_set, expertise, expertise_set, urgency, max_wait_weeks (always set: the case's own
// or the rule set's default), max_wait_is_default, flags, flag_list, preferences = {identity,
// near}, rejected_by, previous_providers, breakdowns, legal = {secure_authorisation, measure},
// maatwerk, reference_date, weeks_waiting.
void push_case(lua_State* L, const CaseFacts& facts);

// The candidate tables of a rule set, kept from call to call: building 10,000 tables of 35
// fields per query, and collecting them again, was most of the cost of a query (docs/
// performance.md). Tables are refilled in place; every key a previous query may have left
// (optional fields, derived facts, plan fields) is reset, and the read-only metatable refuses
// new keys from rules, so nothing else can linger. Identical expertise and contraindication
// sets share one table.
class CandidatePool {
 public:
  // `derived`: every key the driver may add to a candidate (classify writes, plan fields).
  explicit CandidatePool(std::vector<std::string> derived) : derived_(std::move(derived)) {}

  // Creates the Lua side: the pool array, the set store and the read-only metatable (on top of
  // the stack when called). Must run inside State::protect, once.
  void install(lua_State* L);
  // Fills the first candidates.size() tables of the pool and pushes the pool (the batch array;
  // entries past the batch belong to earlier, larger batches and are ignored).
  void fill(lua_State* L, const std::vector<CandidateFacts>& candidates);
  // Pushes the read-only metatable (for the case table).
  void push_meta(lua_State* L) const;
  // Pushes the pool as it was last filled.
  void push_pool(lua_State* L) const { lua_rawgeti(L, LUA_REGISTRYINDEX, pool_ref_); }

 private:
  struct FillContext {
    int keys = 0;     // stack index of the first field name
    int derived = 0;  // stack index of the first derived key
    int store = 0;    // stack index of the shared-set store
  };
  void push_set(lua_State* L, int store, const std::vector<std::string>& words);
  void fill_one(lua_State* L, int t, const FillContext& x, const CandidateFacts& f, std::size_t index);
  const std::string& date_text(Date d);

  std::vector<std::string> derived_;
  std::unordered_map<int, std::string> dates_;
  int pool_ref_ = LUA_NOREF, store_ref_ = LUA_NOREF, meta_ref_ = LUA_NOREF;
  std::unordered_map<std::string, lua_Integer> set_slots_;  // joined words -> index in the store
};

// JSON -> Lua: objects become tables with string keys, arrays sequences, integers integers.
void push_json(lua_State* L, const nlohmann::json& value);

// Lua -> JSON for parameter declarations. Returns false and sets `error` for values JSON cannot
// hold (functions, mixed or non-string-keyed tables, cycles deeper than `max_depth`).
bool to_json(lua_State* L, int index, nlohmann::json& out, std::string& error, int max_depth = 8);

}  // namespace passend::lua
