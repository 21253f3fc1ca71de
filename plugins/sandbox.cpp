#include "plugins/sandbox.hpp"

#include "plugins/lua_state.hpp"

namespace passend::lua {

namespace {

constexpr const char* kRegistryKey = "passend.sandbox";

// The trusted bootstrap: runs once with the full global table, builds the safe globals (SB) and
// returns the host's helpers. Nothing it returns to the registry is reachable from rules.
constexpr const char* kBootstrap = R"lua(
local host = ...
local G = _G
local type, error, next, setmetatable, tostring, rawset, ipairs = type, error, next, setmetatable, tostring, rawset, ipairs
local fmt, byte, mtype = string.format, string.byte, math.type
local gload = load

-- Tables rawset must not touch: library proxies, frozen values, locked environments.
local protected = setmetatable({}, {__mode = "k"})

local function readonly(name, real)
  local proxy = {}
  protected[proxy] = true
  return setmetatable(proxy, {
    __index = real,
    __newindex = function(_, k) error(fmt("%s is read-only (cannot set %s)", name, tostring(k)), 2) end,
    -- iterate the hidden table without handing it out (pairs' state value would expose it)
    __pairs = function()
      local k
      return function() local v; k, v = next(real, k); return k, v end
    end,
    __len = function() return #real end,
    __metatable = false,
  })
end

-- Each file that requires a lib module gets its own copy of its tables: what one rule changes in
-- it, no other rule sees. (Read-only proxies would do the same but cost a metamethod call for
-- every `#` and make lib tables slow to read.) Metatables are not copied.
local function deep_copy(value, seen)
  if type(value) ~= "table" then return value end
  seen = seen or {}
  if seen[value] then return seen[value] end
  local copy = {}
  seen[value] = copy
  for k, v in next, value do copy[k] = deep_copy(v, seen) end
  return copy
end

local function copy_of(t)
  local out = {}
  for k, v in next, t do out[k] = v end
  return out
end

-- string: no dump (binary chunks); rep capped; pattern functions refuse patterns whose
-- backtracking could run for long inside one C call, out of reach of the instruction hook and of
-- the deadline (both are only checked between VM instructions).
local S = copy_of(string)
S.dump = nil
local rep, sfind, smatch, sgmatch, sgsub = string.rep, string.find, string.match, string.gmatch, string.gsub
local max_string = host.max_string
local tointeger = math.tointeger

local function str_len(v)
  if type(v) == "string" then return #v end
  if type(v) == "number" then return #tostring(v) end
  return 0
end

function S.rep(s, n, sep)
  if type(n) == "number" and n > 1 then
    local piece = str_len(s) + str_len(sep)
    -- an empty piece would still loop n times in C: the answer is known
    if piece == 0 then return "" end
    local total = piece * n
    if total > max_string then
      error(fmt("string.rep: a string of %.0f bytes is over the limit of %d bytes", total, max_string), 2)
    end
  end
  return rep(s, n, sep)
end

-- An upper bound on the matcher's work for pattern p on a subject of n bytes: every item that
-- can match a varying length (*, +, -, %b, a back-reference %1..%9) may make it try n + 1
-- positions for everything after it, an optional item (?) two; an unanchored pattern is tried
-- at every start. Bounds multiply; the count stops once it passes the limit.
local PATTERN_WORK = 1e7
local function skip_set(p, i)  -- i at '['; returns the index after the closing ']'
  local n = #p
  i = i + 1
  if byte(p, i) == 94 then i = i + 1 end            -- [^
  if byte(p, i) == 93 then i = i + 1 end            -- a leading ] is a member
  while i <= n and byte(p, i) ~= 93 do i = i + (byte(p, i) == 37 and 2 or 1) end
  return i + 1
end
local function pattern_work(p, n)
  local work, i, len, positions = 1, 1, #p, n + 1
  if byte(p, 1) == 94 then i = 2 else work = positions end  -- anchored (^) or tried at every start
  while i <= len and work <= PATTERN_WORK do
    local b = byte(p, i)
    if b == 37 then                                   -- %x
      local c = byte(p, i + 1)
      if c == 98 then work = work * positions; i = i + 4               -- %bxy: a balance
      elseif c and c >= 49 and c <= 57 then work = work * positions; i = i + 2  -- %1..%9
      elseif c == 102 then i = skip_set(p, i + 2)     -- %f[set]: a frontier, one position
      else i = i + 2 end
    elseif b == 91 then                               -- [set]: '-' inside is a range
      i = skip_set(p, i)
    elseif b == 42 or b == 43 or b == 45 then work = work * positions; i = i + 1  -- * + -
    elseif b == 63 then work = work * 2; i = i + 1    -- ?
    else i = i + 1 end
  end
  return work
end

local function check_pattern(fname, s, p)
  if type(p) ~= "string" and type(p) ~= "number" then return end  -- the C function reports it
  p = tostring(p)
  if type(s) == "number" then s = tostring(s) end
  if type(s) ~= "string" then return end
  if pattern_work(p, #s) > PATTERN_WORK then
    error(fmt("string.%s: pattern %q is too costly on a string of %d bytes (use fewer *, +, -, ?, %%b or %%1 "
              .. "items, anchor it with ^, or match a shorter string)", fname, p, #s), 3)
  end
end

function S.find(s, p, init, plain)
  if not plain then check_pattern("find", s, p) end
  return sfind(s, p, init, plain)
end
function S.match(s, p, init) check_pattern("match", s, p); return smatch(s, p, init) end
function S.gmatch(s, p, init) check_pattern("gmatch", s, p); return sgmatch(s, p, init) end
function S.gsub(s, p, r, n) check_pattern("gsub", s, p); return sgsub(s, p, r, n) end

-- table: move loops in C, so its range is bounded, whatever form the numbers come in
-- (strings like "1000000000000" are numbers to the C function too).
local T = copy_of(table)
local tmove = table.move
local function as_integer(v)
  if type(v) == "string" then v = tonumber(v) end
  if type(v) == "number" then return tointeger(v) end
  return nil
end
function T.move(a1, f, e, t, a2)
  local from, to = as_integer(f), as_integer(e)
  if from and to and to - from >= 1e6 then
    error("table.move: more than 1000000 elements at once", 2)
  end
  return tmove(a1, f, e, t, a2)
end

local M = copy_of(math)
M.random, M.randomseed = nil, nil

-- coroutine: threads made by rules get the budget hook (C helper), wrap is built on it.
local cocreate, resume = host.cocreate, coroutine.resume
local function wrap_results(ok, ...)
  if ok then return ... end
  error((...), 0)
end
local C = copy_of(coroutine)
C.create = cocreate
-- close runs pending __close handlers of a coroutine that a budget error killed, possibly with
-- hooks still off; rules have no need for it.
C.close = nil
function C.wrap(f)
  local co = cocreate(f)
  return function(...) return wrap_results(resume(co, ...)) end
end

local SB = {}  -- the safe globals behind every rule environment
for _, k in ipairs{"assert", "error", "ipairs", "next", "pairs", "pcall", "select", "tonumber", "tostring",
                   "type", "getmetatable", "rawequal", "rawget", "rawlen", "_VERSION"} do
  SB[k] = G[k]
end

-- Lua runs some code with hooks switched off, out of reach of the budget: a message handler
-- called for an error raised by the budget hook itself, and __gc finalizers. So xpcall calls
-- its handler only after the protected call has returned (hooks are on again there; without
-- the debug library a handler cannot look at the failed stack anyway), and __gc is refused.
local pcall, gsetmetatable, rawget, select = pcall, setmetatable, rawget, select
local function xpcall_results(handler, ok, ...)
  if ok then return true, ... end
  return false, handler((...))
end
function SB.xpcall(f, handler, ...)
  return xpcall_results(handler, pcall(f, ...))
end
function SB.setmetatable(t, mt)
  if type(mt) == "table" and rawget(mt, "__gc") ~= nil then
    error("setmetatable: __gc finalizers are not allowed in rules", 2)
  end
  return gsetmetatable(t, mt)
end
function SB.rawset(t, k, v)
  if protected[t] then error("rawset: this table is read-only", 2) end
  return rawset(t, k, v)
end

local env_meta = setmetatable({}, {__mode = "k"})
local function new_env()
  local mt = {
    __index = function(_, k)
      local v = SB[k]
      if v == nil then error(fmt("undefined global variable '%s'", tostring(k)), 2) end
      return v
    end,
    __metatable = false,
  }
  local env = setmetatable({}, mt)
  env_meta[env] = mt
  return env
end

local function lock_env(env)
  env_meta[env].__newindex = function(_, k)
    error(fmt("assignment to global variable '%s' while rules run (use a local variable)", tostring(k)), 2)
  end
  protected[env] = true
end

function SB.load(chunk, name, mode, env)
  if mode ~= nil and mode ~= "t" then error("load: only text chunks can be loaded (mode \"t\")", 2) end
  if env == nil then env = new_env() end  -- never the host's globals
  return gload(chunk, name, "t", env)
end

local libs, loaded, loading = host.libs, {}, {}
function SB.require(name)
  if type(name) ~= "string" or not smatch(name, "^[%a_][%w_]*$") then
    error(fmt("require: invalid module name %s (a file name in lib/ without .lua)",
              type(name) == "string" and fmt("%q", name) or type(name)), 2)
  end
  local m = loaded[name]
  if m ~= nil then return deep_copy(m) end
  local source = libs[name]
  if not source then
    error(fmt("require: module '%s' not found: only lib/<name>.lua of this rule set can be required", name), 2)
  end
  if loading[name] then error(fmt("require: module '%s' requires itself (a cycle)", name), 2) end
  loading[name] = true
  local env = new_env()
  local fn, err = gload(source, "@lib/" .. name .. ".lua", "t", env)
  if not fn then error(err, 0) end
  local result = fn(name)
  lock_env(env)
  if result == nil then result = true end
  loaded[name] = result
  loading[name] = nil
  return deep_copy(result)
end

SB.string = readonly("string", S)
SB.table = readonly("table", T)
SB.math = readonly("math", M)
SB.utf8 = readonly("utf8", copy_of(utf8))
SB.coroutine = readonly("coroutine", C)

-- Methods on strings ("x"):rep(...) go through the string metatable: point it at the safe
-- table and hide it, so no rule can change it for the others.
local smt = getmetatable("")
smt.__index = S
smt.__metatable = false

return {new_env = new_env, lock_env = lock_env}
)lua";

// coroutine.create for rules: the new thread gets the budget hook of the current call.
int sandbox_cocreate(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_State* co = lua_newthread(L);
  State::hook_thread(L, co);
  lua_pushvalue(L, 1);
  lua_xmove(L, co, 1);
  return 1;
}

void push_helper(lua_State* L, const char* name) {
  lua_getfield(L, LUA_REGISTRYINDEX, kRegistryKey);
  lua_getfield(L, -1, name);
  lua_remove(L, -2);
}

}  // namespace

void install_sandbox(lua_State* L, const SandboxOptions& options) {
  // Only these libraries are opened at all: io, os, debug and package never exist in the state.
  const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},       {LUA_COLIBNAME, luaopen_coroutine},
                           {LUA_TABLIBNAME, luaopen_table}, {LUA_STRLIBNAME, luaopen_string},
                           {LUA_MATHLIBNAME, luaopen_math}, {LUA_UTF8LIBNAME, luaopen_utf8}};
  for (const auto& lib : libs) {
    luaL_requiref(L, lib.name, lib.func, 1);
    lua_pop(L, 1);
  }
  if (luaL_loadbufferx(L, kBootstrap, std::char_traits<char>::length(kBootstrap), "=passend/sandbox", "t") != LUA_OK)
    lua_error(L);
  lua_createtable(L, 0, 3);
  lua_pushcfunction(L, sandbox_cocreate);
  lua_setfield(L, -2, "cocreate");
  lua_pushinteger(L, static_cast<lua_Integer>(options.max_string_bytes));
  lua_setfield(L, -2, "max_string");
  lua_createtable(L, 0, static_cast<int>(options.lib_sources.size()));
  for (const auto& [name, source] : options.lib_sources) {
    lua_pushlstring(L, source.data(), source.size());
    lua_setfield(L, -2, name.c_str());
  }
  lua_setfield(L, -2, "libs");
  lua_call(L, 1, 1);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegistryKey);
}

void push_new_env(lua_State* L) {
  push_helper(L, "new_env");
  lua_call(L, 0, 1);
}

void lock_env(lua_State* L, int index) {
  index = lua_absindex(L, index);
  push_helper(L, "lock_env");
  lua_pushvalue(L, index);
  lua_call(L, 1, 0);
}

}  // namespace passend::lua
