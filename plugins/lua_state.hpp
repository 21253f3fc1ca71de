#pragma once
// A small RAII owner of one lua_State with the limits every rule set runs under:
//  - a memory cap, enforced by our own allocator (Lua sees a refused allocation as "not enough
//    memory" and raises LUA_ERRMEM);
//  - an instruction budget and a wall-clock deadline, enforced by a count hook.
// The hook is the one place that stops runaway rules. Once tripped it keeps raising on every
// instruction, in every thread (coroutines inherit the hook and the shared Guard), so a rule's
// own pcall or coroutine cannot swallow the stop; the host also checks tripped() after each call.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include <lua.hpp>

namespace passend::lua {

enum class Trip { none, instructions, deadline, memory };

// Shared by the allocator, the hook and the host; reached from any thread through the
// lua_State's extra space, which Lua copies into every new thread.
struct Guard {
  // Memory (bytes). `refused` records that the cap was hit at least once since the last arm().
  std::size_t memory_cap = 0;
  std::size_t memory_used = 0;
  std::size_t memory_peak = 0;
  bool memory_refused = false;
  bool retry_pending = false;  // Lua's emergency collection retries the refused request once
  const void* refused_block = nullptr;
  std::size_t refused_size = 0;

  // Budget of the current call.
  bool armed = false;
  std::uint64_t instructions_left = 0;
  std::chrono::steady_clock::time_point deadline{};
  Trip tripped = Trip::none;
  char trip_where[256] = {};  // "rules/x.lua:7" where the first trip was raised
  char last_where[256] = {};  // last position seen by the hook while memory ran high
  char memory_where[256] = {};  // where the first allocation was refused
  lua_State* main = nullptr;    // the main thread, for memory_where
};

class State {
 public:
  // Every hook call accounts for this many VM instructions (the count-hook period).
  static constexpr int kHookPeriod = 1000;

  explicit State(std::size_t memory_cap);
  ~State();
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  lua_State* get() const { return L_; }
  Guard& guard() { return *guard_; }
  const Guard& guard() const { return *guard_; }

  // Starts a budgeted call: resets the trip state, the memory flag and the hook of the main thread.
  void arm(std::uint64_t instructions, std::chrono::milliseconds wall_clock);
  // Ends it: later Lua execution (none is expected) is not budgeted.
  void disarm();
  // Why the last armed call was stopped, if it was (memory also counts when merely refused).
  Trip tripped() const;
  // "instruction budget exceeded", "time limit of 2000 ms exceeded", "memory limit of 64 MiB exceeded".
  std::string trip_message(Trip t) const;

  // Installs the budget hook on a thread created by a rule (coroutine.create/wrap).
  static void hook_thread(lua_State* from, lua_State* thread);

  // Runs fn inside lua_pcall with a message handler, so that any Lua error raised by an API
  // call (memory, budget, a failing rule) is caught. A C++ exception thrown by fn is carried
  // across the pcall boundary and rethrown here, never left to unwind through Lua.
  // Returns the Lua error message, or nullopt on success.
  std::optional<std::string> protect(const std::function<void(lua_State*)>& fn);

  // Last pcall status of protect() (LUA_OK, LUA_ERRRUN, LUA_ERRMEM, ...).
  int last_status() const { return last_status_; }

  std::chrono::milliseconds wall_clock() const { return wall_clock_; }

 private:
  static void* allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) noexcept;
  static void budget_hook(lua_State* L, lua_Debug* ar);
  static int message_handler(lua_State* L);

  Guard* guard_;
  lua_State* L_ = nullptr;
  int last_status_ = LUA_OK;
  std::chrono::milliseconds wall_clock_{0};
};

// Restores the stack top on scope exit, so early returns leave the stack as found.
class StackGuard {
 public:
  explicit StackGuard(lua_State* L) : L_(L), top_(lua_gettop(L)) {}
  ~StackGuard() { lua_settop(L_, top_); }
  StackGuard(const StackGuard&) = delete;
  StackGuard& operator=(const StackGuard&) = delete;

 private:
  lua_State* L_;
  int top_;
};

// A registry reference released on destruction.
class Ref {
 public:
  Ref() = default;
  // Pops the value on top of L's stack into the registry.
  explicit Ref(lua_State* L) : L_(L), ref_(luaL_ref(L, LUA_REGISTRYINDEX)) {}
  ~Ref() { reset(); }
  Ref(Ref&& o) noexcept : L_(o.L_), ref_(o.ref_) { o.ref_ = LUA_NOREF; }
  Ref& operator=(Ref&& o) noexcept {
    if (this != &o) {
      reset();
      L_ = o.L_;
      ref_ = o.ref_;
      o.ref_ = LUA_NOREF;
    }
    return *this;
  }
  void push() const { lua_rawgeti(L_, LUA_REGISTRYINDEX, ref_); }
  bool valid() const { return ref_ != LUA_NOREF && ref_ != LUA_REFNIL; }
  void reset() {
    if (L_ && valid()) luaL_unref(L_, LUA_REGISTRYINDEX, ref_);
    ref_ = LUA_NOREF;
  }

 private:
  lua_State* L_ = nullptr;
  int ref_ = LUA_NOREF;
};

}  // namespace passend::lua
