#pragma once
// The facts rules see, built as plain Lua tables (field by field, documented in docs/rules.md),
// and conversions between JSON (parameters) and Lua values. All functions raise Lua errors
// (memory) and so must run inside State::protect.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <lua.hpp>

#include "rule_host.hpp"

namespace passend::lua {

// The case table: id, age, municipality, region, region_name, network, care_forms,
// care_form_set, expertise, expertise_set, urgency, max_wait_weeks, flags, flag_list,
// preferences = {identity, near}, rejected_by, previous_providers, maatwerk, reference_date,
// weeks_waiting.
void push_case(lua_State* L, const CaseFacts& facts);

// One candidate table per offering; `index` is its 1-based position in the batch.
void push_candidate(lua_State* L, const CandidateFacts& f, std::size_t index);

// The batch: an array of candidate tables.
void push_candidates(lua_State* L, const std::vector<CandidateFacts>& candidates);

// JSON -> Lua: objects become tables with string keys, arrays sequences, integers integers.
void push_json(lua_State* L, const nlohmann::json& value);

// Lua -> JSON for parameter declarations. Returns false and sets `error` for values JSON cannot
// hold (functions, mixed or non-string-keyed tables, cycles deeper than `max_depth`).
bool to_json(lua_State* L, int index, nlohmann::json& out, std::string& error, int max_depth = 8);

}  // namespace passend::lua
