#pragma once
// The rule driver: a small trusted Lua chunk that runs each phase over a whole batch of
// candidates, so the host crosses into Lua once per query step instead of once per rule per
// candidate. It validates what rules return and writes results into flat arrays that the host
// reads back in one pass. Its functions (fields of the table it returns):
//
//   add(phase, r)                 r = {idx, name, file, line, fn, p, writes = set}; call in
//                                 (priority, name) order per phase
//   evaluate(cands, n, case)      classify, filter, exception, score, order ->
//                                 xs, nx, adm, na, reasons, nr, keys, no  (see lua_driver.cpp)
//   classify(cands, n, case)      only the classify phase (rebuilt batches)
//   plan(ranked, case)            -> plan_a, plan_b, bridging (batch index or 0), gap|nil, notes, nn
//   priorities(cands, n, case)    -> reasons, nr
//   ctx                           {ri, cand}: the rule index and candidate being evaluated
#include <lua.hpp>

namespace passend::lua {

// Loads the driver and leaves its table on the stack. Must run inside State::protect.
void push_driver(lua_State* L);

}  // namespace passend::lua
