#include "plugins/lua_state.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>

namespace passend::lua {

namespace {

Guard* guard_of(lua_State* L) { return *static_cast<Guard**>(lua_getextraspace(L)); }

// "source:line" of the innermost Lua function at or above `level`, or "" when there is none.
void position(lua_State* L, int level, char* out, std::size_t size) {
  lua_Debug ar;
  out[0] = '\0';
  for (; lua_getstack(L, level, &ar); ++level) {
    if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0) continue;
    std::snprintf(out, size, "%s:%d", ar.short_src, ar.currentline);
    return;
  }
}

const char* trip_reason(Trip t) {
  switch (t) {
    case Trip::instructions: return "instruction budget exceeded";
    case Trip::deadline: return "time limit exceeded";
    case Trip::memory: return "memory limit exceeded";
    case Trip::none: break;
  }
  return "stopped";
}

// An error outside any protected call is a bug in the host: say so instead of a silent abort.
int panic(lua_State* L) {
  const char* msg = lua_tostring(L, -1);
  std::fprintf(stderr, "passend: unprotected Lua error: %s\n", msg ? msg : "(no message)");
  std::abort();
}

void* refuse(Guard* g, void* ptr, std::size_t nsize) {
  // A refused allocation raises LUA_ERRMEM, which carries no position and skips the message
  // handler; so note where the main thread is now. lua_getstack/lua_getinfo("Sl") only read
  // call frames and prototypes and never allocate, so they are safe inside the allocator.
  if (g->armed && g->main && !g->memory_where[0]) position(g->main, 0, g->memory_where, sizeof g->memory_where);
  g->memory_refused = true;
  g->retry_pending = true;
  g->refused_block = ptr;
  g->refused_size = nsize;
  return nullptr;
}

struct ProtectedCall {
  const std::function<void(lua_State*)>* fn;
  std::exception_ptr failure;
};

// Runs the host's function inside the pcall. Only std::exception is caught here: Lua's own
// error (thrown as a pointer type by the C++ build) must pass through to lua_pcall.
int trampoline(lua_State* L) {
  auto* call = static_cast<ProtectedCall*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  try {
    (*call->fn)(L);
  } catch (const std::exception&) {
    call->failure = std::current_exception();
  }
  if (call->failure) {
    lua_pushliteral(L, "host error");
    return lua_error(L);
  }
  return 0;
}

}  // namespace

State::State(std::size_t memory_cap) : guard_(new Guard) {
  guard_->memory_cap = memory_cap;
  L_ = lua_newstate(&State::allocate, guard_);
  if (!L_) {
    delete guard_;
    throw std::bad_alloc();
  }
  *static_cast<Guard**>(lua_getextraspace(L_)) = guard_;
  guard_->main = L_;
  lua_atpanic(L_, panic);
}

State::~State() {
  lua_close(L_);
  delete guard_;
}

void* State::allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) noexcept {
  auto* g = static_cast<Guard*>(ud);
  const std::size_t old = ptr ? osize : 0;  // for a new block osize encodes the object type
  if (nsize == 0) {
    std::free(ptr);
    g->memory_used -= old;
    return nullptr;
  }
  // Growing past the cap is refused. Lua then collects garbage and asks once more for the same
  // block (its next growing request): when that retry fits, nothing failed and the flag goes.
  // Any other request after a refusal means the error was raised, and the flag stays for the
  // host to see even when a pcall in the rule caught the error.
  const bool retry = g->retry_pending && nsize > old && ptr == g->refused_block && nsize == g->refused_size;
  if (nsize > old) g->retry_pending = false;
  if (nsize > old && g->memory_used - old + nsize > g->memory_cap) return refuse(g, ptr, nsize);
  void* block = std::realloc(ptr, nsize);
  if (!block) return refuse(g, ptr, nsize);
  g->memory_used = g->memory_used - old + nsize;
  if (g->memory_used > g->memory_peak) g->memory_peak = g->memory_used;
  if (retry && g->tripped != Trip::memory) g->memory_refused = false;
  return block;
}

void State::budget_hook(lua_State* L, lua_Debug* ar) {
  Guard* g = guard_of(L);
  if (!g->armed) return;
  if (g->tripped == Trip::none) {
    const auto period = static_cast<std::uint64_t>(lua_gethookcount(L));
    Trip t = Trip::none;
    if (g->instructions_left <= period) t = Trip::instructions;
    else g->instructions_left -= period;
    if (t == Trip::none && std::chrono::steady_clock::now() > g->deadline) t = Trip::deadline;
    if (t == Trip::none && g->memory_refused) t = Trip::memory;
    if (t == Trip::none) {
      // Where a memory bomb was running: an allocation failure itself carries no position.
      if (g->memory_used > g->memory_cap / 2 && lua_getinfo(L, "Sl", ar))
        std::snprintf(g->last_where, sizeof g->last_where, "%s:%d", ar->short_src, ar->currentline);
      // A coroutine left at period 1 by an earlier, stopped call gets the normal period back.
      if (period != kHookPeriod) lua_sethook(L, budget_hook, LUA_MASKCOUNT, kHookPeriod);
      return;
    }
    g->tripped = t;
    if (lua_getinfo(L, "Sl", ar))
      std::snprintf(g->trip_where, sizeof g->trip_where, "%s:%d", ar->short_src, ar->currentline);
  }
  // Tripped: raise again at the very next instruction of this thread, so a pcall or a
  // coroutine in the rule cannot catch the error and carry on.
  lua_sethook(L, budget_hook, LUA_MASKCOUNT, 1);
  lua_pushfstring(L, "%s: %s", g->trip_where, trip_reason(g->tripped));
  lua_error(L);
}

void State::hook_thread(lua_State* from, lua_State* thread) {
  Guard* g = guard_of(from);
  lua_sethook(thread, budget_hook, LUA_MASKCOUNT, g->tripped == Trip::none ? kHookPeriod : 1);
}

void State::arm(std::uint64_t instructions, std::chrono::milliseconds wall_clock) {
  Guard& g = *guard_;
  g.armed = true;
  g.instructions_left = instructions;
  g.deadline = std::chrono::steady_clock::now() + wall_clock;
  g.tripped = Trip::none;
  g.memory_refused = false;
  g.trip_where[0] = '\0';
  g.last_where[0] = '\0';
  g.memory_where[0] = '\0';
  wall_clock_ = wall_clock;
  lua_sethook(L_, budget_hook, LUA_MASKCOUNT, kHookPeriod);
}

void State::disarm() {
  guard_->armed = false;
  lua_sethook(L_, nullptr, 0, 0);
}

Trip State::tripped() const {
  if (guard_->tripped != Trip::none) return guard_->tripped;
  if (guard_->memory_refused || last_status_ == LUA_ERRMEM) return Trip::memory;
  return Trip::none;
}

std::string State::trip_message(Trip t) const {
  switch (t) {
    case Trip::instructions: return trip_reason(t);
    case Trip::deadline: return std::string(trip_reason(t)) + " (" + std::to_string(wall_clock_.count()) + " ms)";
    case Trip::memory:
      return std::string(trip_reason(t)) + " (" + std::to_string(guard_->memory_cap >> 20) + " MiB)";
    case Trip::none: break;
  }
  return {};
}

int State::message_handler(lua_State* L) {
  if (lua_type(L, 1) == LUA_TSTRING) return 1;
  // Not a string (error({...}), error(nil)): describe it and say where it was raised.
  char where[256];
  position(L, 1, where, sizeof where);
  // No __tostring: it would run rule code inside the handler, where hooks may be off.
  lua_pushfstring(L, "%s: error object is a %s value", where, luaL_typename(L, 1));
  return 1;
}

std::optional<std::string> State::protect(const std::function<void(lua_State*)>& fn) {
  StackGuard keep(L_);
  ProtectedCall call{&fn, {}};
  lua_pushcfunction(L_, message_handler);
  const int handler = lua_gettop(L_);
  lua_pushcfunction(L_, trampoline);
  lua_pushlightuserdata(L_, &call);
  last_status_ = lua_pcall(L_, 1, 0, handler);
  if (call.failure) std::rethrow_exception(call.failure);
  if (last_status_ == LUA_OK) return std::nullopt;
  const char* msg = lua_tostring(L_, -1);
  return std::string(msg ? msg : "(error without message)");
}

}  // namespace passend::lua
