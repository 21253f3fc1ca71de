#include "lua_facts.hpp"

#include <algorithm>
#include <cmath>

namespace passend::lua {

namespace {

void set_string(lua_State* L, const char* key, const std::string& value) {
  lua_pushlstring(L, value.data(), value.size());
  lua_setfield(L, -2, key);
}

// Optional strings ("" = none) are left out, so rules test them with `if c.identity then`.
void set_string_or_nil(lua_State* L, const char* key, const std::string& value) {
  if (!value.empty()) set_string(L, key, value);
}

void set_integer(lua_State* L, const char* key, lua_Integer value) {
  lua_pushinteger(L, value);
  lua_setfield(L, -2, key);
}

void set_number(lua_State* L, const char* key, double value) {
  lua_pushnumber(L, value);
  lua_setfield(L, -2, key);
}

void set_boolean(lua_State* L, const char* key, bool value) {
  lua_pushboolean(L, value);
  lua_setfield(L, -2, key);
}

void push_list(lua_State* L, const std::vector<std::string>& words) {
  lua_createtable(L, static_cast<int>(words.size()), 0);
  for (std::size_t i = 0; i < words.size(); ++i) {
    lua_pushlstring(L, words[i].data(), words[i].size());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

// A set: word -> true, for `if case.flags.arson then`.
void push_set(lua_State* L, const std::vector<std::string>& words) {
  lua_createtable(L, 0, static_cast<int>(words.size()));
  for (const auto& w : words) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, w.c_str());
  }
}

void set_list(lua_State* L, const char* key, const std::vector<std::string>& words) {
  push_list(L, words);
  lua_setfield(L, -2, key);
}

void set_set(lua_State* L, const char* key, const std::vector<std::string>& words) {
  push_set(L, words);
  lua_setfield(L, -2, key);
}

void set_maatwerk(lua_State* L, const Maatwerk& m) {
  lua_createtable(L, 0, 4);
  set_string(L, "approved_by", m.approved_by);
  set_string(L, "date", m.date.str());
  set_string(L, "reason", m.reason);
  set_set(L, "allow", m.allow);
  lua_setfield(L, -2, "maatwerk");
}

void set_preferences(lua_State* L, const Case& c) {
  lua_createtable(L, 0, 2);
  set_string_or_nil(L, "identity", c.preferred_identity);
  set_set(L, "near", c.near_municipalities);
  lua_setfield(L, -2, "preferences");
}

bool to_json_table(lua_State* L, int index, nlohmann::json& out, std::string& error, int depth);

}  // namespace

void push_case(lua_State* L, const CaseFacts& facts) {
  const Case& c = *facts.case_;
  lua_createtable(L, 0, 24);
  set_string(L, "id", c.id);
  set_integer(L, "age", c.age);
  set_string(L, "municipality", c.municipality);
  set_string(L, "region", facts.region);
  set_string(L, "region_name", facts.region_name);
  set_string(L, "network", facts.network);
  set_list(L, "care_forms", c.care_forms);
  set_set(L, "care_form_set", c.care_forms);
  set_list(L, "expertise", c.expertise);
  set_set(L, "expertise_set", c.expertise);
  set_string(L, "urgency", c.urgency);
  if (c.max_wait_weeks) set_integer(L, "max_wait_weeks", *c.max_wait_weeks);
  set_set(L, "flags", c.flags);
  std::vector<std::string> flag_list = c.flags;  // sorted: pairs() over a set has no fixed order
  std::sort(flag_list.begin(), flag_list.end());
  set_list(L, "flag_list", flag_list);
  set_preferences(L, c);
  set_set(L, "rejected_by", c.rejected_by);
  set_set(L, "previous_providers", c.previous_providers);
  if (c.maatwerk) set_maatwerk(L, *c.maatwerk);
  set_string(L, "reference_date", facts.reference_date.str());
  if (facts.weeks_waiting) set_integer(L, "weeks_waiting", *facts.weeks_waiting);
}

void push_candidate(lua_State* L, const CandidateFacts& f, std::size_t index) {
  const Provider& p = *f.provider;
  const Location& loc = *f.location;
  const Offering& o = *f.offering;
  // Room for the engine's fields and what classify rules and plan() add, so no rehash.
  lua_createtable(L, 0, 44);
  set_integer(L, "index", static_cast<lua_Integer>(index));
  set_string(L, "provider", p.id);
  set_string(L, "provider_name", p.name);
  set_boolean(L, "in_network", p.in_network);
  set_string(L, "location", loc.id);
  set_string(L, "municipality", loc.municipality);
  set_string(L, "region", f.region);
  set_string(L, "region_name", f.region_name);
  set_string(L, "network", f.network);
  lua_pushstring(L, tier_name(f.tier));
  lua_setfield(L, -2, "tier");
  set_number(L, "distance_km", f.distance_km);
  if (f.near_km) set_number(L, "near_km", *f.near_km);
  set_string(L, "offering", o.id);
  set_string(L, "care_form", o.care_form);
  set_integer(L, "care_form_rank", f.care_form_rank);
  set_string(L, "lot", f.lot);
  set_string(L, "product_category", o.product_category);
  set_set(L, "expertise", o.expertise);
  set_integer(L, "age_min", o.age_min);
  set_integer(L, "age_max", o.age_max);
  set_set(L, "contraindications", o.contraindications);
  set_string_or_nil(L, "identity", o.identity);
  set_boolean(L, "supra_regional", o.supra_regional);
  set_integer(L, "places", o.capacity.places);
  set_integer(L, "free", o.capacity.free);
  set_integer(L, "wait_weeks", o.capacity.wait_weeks);
  set_string(L, "updated", o.capacity.updated.str());
  set_integer(L, "capacity_age_days", f.capacity_age_days);
  set_boolean(L, "timely", f.timely);
  lua_pushstring(L, contract_status_name(f.contract));
  lua_setfield(L, -2, "contract");
  set_string_or_nil(L, "contract_via", f.contract_via);
  set_boolean(L, "bridging_pool", f.bridging_pool);
}

void push_candidates(lua_State* L, const std::vector<CandidateFacts>& candidates) {
  lua_createtable(L, static_cast<int>(candidates.size()), 0);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    push_candidate(L, candidates[i], i + 1);
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
}

void push_json(lua_State* L, const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::boolean: lua_pushboolean(L, v.get<bool>()); break;
    case nlohmann::json::value_t::number_integer: lua_pushinteger(L, v.get<lua_Integer>()); break;
    case nlohmann::json::value_t::number_unsigned: lua_pushinteger(L, static_cast<lua_Integer>(v.get<std::uint64_t>())); break;
    case nlohmann::json::value_t::number_float: lua_pushnumber(L, v.get<double>()); break;
    case nlohmann::json::value_t::string: {
      const auto& s = v.get_ref<const std::string&>();
      lua_pushlstring(L, s.data(), s.size());
      break;
    }
    case nlohmann::json::value_t::array: {
      lua_createtable(L, static_cast<int>(v.size()), 0);
      lua_Integer i = 0;
      for (const auto& e : v) {
        push_json(L, e);
        lua_rawseti(L, -2, ++i);
      }
      break;
    }
    case nlohmann::json::value_t::object: {
      lua_createtable(L, 0, static_cast<int>(v.size()));
      for (const auto& [key, e] : v.items()) {
        push_json(L, e);
        lua_setfield(L, -2, key.c_str());
      }
      break;
    }
    default: lua_pushnil(L); break;
  }
}

namespace {

bool to_json_table(lua_State* L, int index, nlohmann::json& out, std::string& error, int depth) {
  if (depth <= 0) {
    error = "nested too deeply";
    return false;
  }
  index = lua_absindex(L, index);
  const lua_Unsigned length = lua_rawlen(L, index);
  std::size_t count = 0;
  bool string_keys = true;
  lua_pushnil(L);
  while (lua_next(L, index)) {
    ++count;
    if (lua_type(L, -2) != LUA_TSTRING) string_keys = false;
    lua_pop(L, 1);
  }
  if (count == 0) {
    out = nlohmann::json::array();  // an empty table: the declared type decides (list or map)
    return true;
  }
  if (count == length) {  // keys 1..n: a list
    out = nlohmann::json::array();
    for (lua_Unsigned i = 1; i <= length; ++i) {
      lua_rawgeti(L, index, static_cast<lua_Integer>(i));
      nlohmann::json e;
      bool ok = to_json(L, -1, e, error, depth - 1);
      lua_pop(L, 1);
      if (!ok) return false;
      out.push_back(std::move(e));
    }
    return true;
  }
  if (!string_keys) {
    error = "a table with both list entries and other keys (use either a list or names as keys)";
    return false;
  }
  out = nlohmann::json::object();
  lua_pushnil(L);
  while (lua_next(L, index)) {
    nlohmann::json e;
    if (!to_json(L, -1, e, error, depth - 1)) {
      lua_pop(L, 2);
      return false;
    }
    out[lua_tostring(L, -2)] = std::move(e);
    lua_pop(L, 1);
  }
  return true;
}

}  // namespace

bool to_json(lua_State* L, int index, nlohmann::json& out, std::string& error, int max_depth) {
  switch (lua_type(L, index)) {
    case LUA_TBOOLEAN: out = static_cast<bool>(lua_toboolean(L, index)); return true;
    case LUA_TNUMBER:
      if (lua_isinteger(L, index)) out = static_cast<std::int64_t>(lua_tointeger(L, index));
      else if (std::isfinite(lua_tonumber(L, index))) out = lua_tonumber(L, index);
      else {
        error = "not a finite number";
        return false;
      }
      return true;
    case LUA_TSTRING: {
      std::size_t n = 0;
      const char* s = lua_tolstring(L, index, &n);
      out = std::string(s, n);
      return true;
    }
    case LUA_TTABLE: return to_json_table(L, index, out, error, max_depth);
    default: error = std::string("a ") + luaL_typename(L, index) + " cannot be a parameter value"; return false;
  }
}

}  // namespace passend::lua
