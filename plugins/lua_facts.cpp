#include "plugins/lua_facts.hpp"

#include "plugins/candidate_facts.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

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

void set_legal(lua_State* L, const Legal& legal) {
  lua_createtable(L, 0, 2);
  lua_pushboolean(L, legal.secure_authorisation);
  lua_setfield(L, -2, "secure_authorisation");
  set_string_or_nil(L, "measure", legal.measure);
  lua_setfield(L, -2, "legal");
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
  set_integer(L, "max_wait_weeks", facts.max_wait_weeks);  // the case's own, or the default for its urgency
  lua_pushboolean(L, facts.max_wait_is_default);
  lua_setfield(L, -2, "max_wait_is_default");
  set_set(L, "flags", c.flags);
  std::vector<std::string> flag_list = c.flags;  // sorted: pairs() over a set has no fixed order
  std::sort(flag_list.begin(), flag_list.end());
  set_list(L, "flag_list", flag_list);
  set_preferences(L, c);
  set_set(L, "rejected_by", c.rejected_by);
  set_set(L, "previous_providers", c.previous_providers);
  set_set(L, "breakdowns", c.breakdowns);
  set_legal(L, c.legal);
  if (c.maatwerk) set_maatwerk(L, *c.maatwerk);
  set_string(L, "reference_date", facts.reference_date.str());
  if (facts.weeks_waiting) set_integer(L, "weeks_waiting", *facts.weeks_waiting);
}

namespace {

// The field names of a candidate (kCandidateFacts) are pushed once per fill and reused from the
// stack: a lua_pushstring per field costs a string-cache lookup (and strcmp) every time.
using Field = CandidateFact;

// Writes t[key] = the value on top of the stack, without metamethods; keys live at `keys`+field.
struct Writer {
  lua_State* L;
  int t, keys;
  void set(Field f) {
    lua_pushvalue(L, keys + static_cast<int>(f));
    lua_insert(L, -2);
    lua_rawset(L, t);
  }
  void string(Field f, const std::string& v) {
    lua_pushlstring(L, v.data(), v.size());
    set(f);
  }
  void string_or_nil(Field f, const std::string& v) {
    if (v.empty()) lua_pushnil(L);
    else lua_pushlstring(L, v.data(), v.size());
    set(f);
  }
  void literal(Field f, const char* v) {
    lua_pushstring(L, v);
    set(f);
  }
  void integer(Field f, lua_Integer v) {
    lua_pushinteger(L, v);
    set(f);
  }
  void number(Field f, double v) {
    lua_pushnumber(L, v);
    set(f);
  }
  void boolean(Field f, bool v) {
    lua_pushboolean(L, v);
    set(f);
  }
  void nil(Field f) {
    lua_pushnil(L);
    set(f);
  }
};

void raw_nil(lua_State* L, int t, int key) {
  lua_pushvalue(L, key);
  lua_pushnil(L);
  lua_rawset(L, t);
}

// A store of shared sets grows with the distinct sets of the networks seen; past this it starts over.
constexpr std::size_t kMaxSharedSets = 8192;

}  // namespace

void CandidatePool::install(lua_State* L) {
  meta_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_newtable(L);
  pool_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_newtable(L);
  store_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
}

void CandidatePool::push_meta(lua_State* L) const { lua_rawgeti(L, LUA_REGISTRYINDEX, meta_ref_); }

void CandidatePool::push_set(lua_State* L, int store, const std::vector<std::string>& words) {
  std::string key;
  for (const auto& w : words) (key += w) += '\x1f';
  auto it = set_slots_.find(key);
  if (it != set_slots_.end()) {
    lua_rawgeti(L, store, it->second);
    return;
  }
  lua_createtable(L, 0, static_cast<int>(words.size()));
  for (const auto& w : words) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, w.c_str());
  }
  push_meta(L);
  lua_setmetatable(L, -2);
  const auto slot = static_cast<lua_Integer>(set_slots_.size() + 1);
  lua_pushvalue(L, -1);
  lua_rawseti(L, store, slot);
  set_slots_.emplace(std::move(key), slot);
}

void CandidatePool::fill_one(lua_State* L, int t, const FillContext& x, const CandidateFacts& f, std::size_t index) {
  const Provider& p = *f.provider;
  const Location& loc = *f.location;
  const Offering& o = *f.offering;
  Writer w{L, t, x.keys};
  w.integer(Field::index, static_cast<lua_Integer>(index));
  w.string(Field::provider, p.id);
  w.string(Field::provider_name, p.name);
  w.boolean(Field::in_network, p.in_network);
  w.string(Field::location, loc.id);
  w.string(Field::municipality, loc.municipality);
  w.string(Field::region, f.region);
  w.string(Field::region_name, f.region_name);
  w.string(Field::network, f.network);
  w.literal(Field::tier, tier_name(f.tier));
  w.number(Field::distance_km, f.distance_km);
  if (f.near_km) w.number(Field::near_km, *f.near_km);
  else w.nil(Field::near_km);
  w.string(Field::offering, o.id);
  w.string(Field::care_form, o.care_form);
  w.integer(Field::care_form_rank, f.care_form_rank);
  w.string(Field::lot, f.lot);
  w.string(Field::product_category, o.product_category);
  push_set(L, x.store, o.expertise);
  w.set(Field::expertise);
  w.integer(Field::age_min, o.age_min);
  w.integer(Field::age_max, o.age_max);
  push_set(L, x.store, o.contraindications);
  w.set(Field::contraindications);
  w.string_or_nil(Field::identity, o.identity);
  w.boolean(Field::supra_regional, o.supra_regional);
  w.integer(Field::places, o.capacity.places);
  w.integer(Field::free, o.capacity.free);
  w.integer(Field::wait_weeks, o.capacity.wait_weeks);
  w.string(Field::updated, date_text(o.capacity.updated));
  w.integer(Field::capacity_age_days, f.capacity_age_days);
  w.boolean(Field::timely, f.timely);
  w.literal(Field::contract, contract_status_name(f.contract));
  w.string_or_nil(Field::contract_via, f.contract_via);
  w.boolean(Field::bridging_pool, f.bridging_pool);
  w.boolean(Field::wait_unknown, f.wait_unknown);
  w.boolean(Field::identity_mismatch, f.identity_mismatch);
  if (f.coordinated_by) w.string(Field::coordinated_by, f.coordinated_by->code);
  else w.nil(Field::coordinated_by);
  w.boolean(Field::maatwerk, false);  // the driver sets it once an exception lifted an exclusion
  w.boolean(Field::reserved_for_case, f.reserved_for_case);
  for (std::size_t k = 0; k < derived_.size(); ++k) raw_nil(L, t, x.derived + static_cast<int>(k));
}

// Dates repeat across offerings (capacity reported on the same days): format each once.
const std::string& CandidatePool::date_text(Date d) {
  auto it = dates_.find(d.days());
  if (it == dates_.end()) it = dates_.emplace(d.days(), d.str()).first;
  return it->second;
}

void CandidatePool::fill(lua_State* L, const std::vector<CandidateFacts>& candidates) {
  if (set_slots_.size() > kMaxSharedSets) {
    set_slots_.clear();
    lua_newtable(L);
    lua_rawseti(L, LUA_REGISTRYINDEX, store_ref_);
  }
  if (dates_.size() > kMaxSharedSets) dates_.clear();
  luaL_checkstack(L, kCandidateFactCount + static_cast<int>(derived_.size()) + 16, "candidate fields");
  FillContext x;
  x.keys = lua_gettop(L) + 1;
  for (const auto& spec : kCandidateFacts) lua_pushlstring(L, spec.name.data(), spec.name.size());
  x.derived = lua_gettop(L) + 1;
  for (const auto& key : derived_) lua_pushlstring(L, key.data(), key.size());
  lua_rawgeti(L, LUA_REGISTRYINDEX, store_ref_);
  x.store = lua_gettop(L);
  lua_rawgeti(L, LUA_REGISTRYINDEX, pool_ref_);
  const int pool = lua_gettop(L);
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto k = static_cast<lua_Integer>(i + 1);
    if (lua_rawgeti(L, pool, k) == LUA_TNIL) {
      lua_pop(L, 1);
      // Room for the engine's fields and what classify rules and plan() add, so no rehash.
      lua_createtable(L, 0, 48);
      push_meta(L);
      lua_setmetatable(L, -2);
      lua_pushvalue(L, -1);
      lua_rawseti(L, pool, k);
    }
    fill_one(L, lua_gettop(L), x, candidates[i], i + 1);
    lua_pop(L, 1);
  }
  lua_replace(L, x.keys);  // the pool takes the first key's slot ...
  lua_settop(L, x.keys);   // ... and everything above goes
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
