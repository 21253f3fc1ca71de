#pragma once
// The sandbox rules run in. Only the base library (without dofile, loadfile, print, warn,
// collectgarbage; `load` for text chunks only), string, table, math (without random: advice must
// be reproducible), utf8 and coroutine (create/wrap install the budget hook) are reachable; no
// io, os, debug or package. `require` loads only <rules>/lib/<name>.lua of the rule set itself.
// Library tables and the string metatable are read-only; each file that requires a lib module
// gets its own copy of it; each rule file gets its own environment, locked after loading (no global writes while rules run, and
// reading an undefined global is an error, which catches typos).
#include <cstddef>
#include <map>
#include <string>

#include <lua.hpp>

namespace passend::lua {

struct SandboxOptions {
  std::size_t max_string_bytes = 1u << 20;         // longest string string.rep may build
  std::map<std::string, std::string> lib_sources;  // module name -> source of lib/<name>.lua
};

// Installs the sandbox; must run inside State::protect. Afterwards the functions below work.
void install_sandbox(lua_State* L, const SandboxOptions& options);

// Pushes a new rule environment.
void push_new_env(lua_State* L);
// Locks the environment at `index`: from now on assigning a global is an error.
void lock_env(lua_State* L, int index);

}  // namespace passend::lua
