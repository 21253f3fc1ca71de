-- The rule driver of passend's Lua host (plugins/lua_driver.hpp): it runs each phase over a
-- whole batch of candidates and checks what rules return. Embedded into the program at build
-- time; trusted code, but it runs inside the same sandbox as the rules.
--
-- Results go into flat arrays (no table per reason or key) so that the host reads them with
-- lua_rawgeti in one pass:
--   xs      exclusions: i, rule index, code, text, lifting rule index (0 = not lifted), lift text|false
--           (candidate by candidate; each in rule order)
--   adm     admitted candidate indices (not excluded after exceptions), in batch order
--   reasons score reasons: i, rule index, points, text   (candidate by candidate; each in rule order)
--   keys    order keys of admitted candidate a: keys[(a - 1) * no + k]
-- Rule errors name the rule file and the line of its phase function; the host adds the case
-- and the candidate from ctx.

local type, next, error, ipairs, tostring, setmetatable = type, next, error, ipairs, tostring, setmetatable
local concat = table.concat
local fmt, sort = string.format, table.sort
local huge = math.huge

local D = {}
local ctx = {ri = 0, cand = 0}
D.ctx = ctx
local rawset = rawset

-- Facts (candidates, the case, shared sets) refuse new keys: rules return derived facts from
-- classify instead of writing them. (The host and this driver write with rawset.)
D.fact_meta = {
  __newindex = function(_, k)
    error(fmt("facts are read-only (cannot set '%s'); a classify rule returns derived facts instead", tostring(k)), 2)
  end,
  __metatable = false,
}

local names = {}  -- rule index -> name, for the exclusion a lift() sees
local phases = {classify = {}, filter = {}, exception = {}, score = {}, order = {}, plan = {}, priority = {}}
local prerequisites = {}  -- filters with depends_on, in rule order
local exempt_writers = {}  -- classify rules that write exempt, in rule order

local fail

-- A view holding only what a rule declared: reading anything else is an error naming the rule, so
-- that its promise is checked. `what` names the table in the message ("c.", "case."), `fields`
-- the keys it holds, `declaration` and `listed` what the rule wrote.
local function declared_view_meta(r, what, fields, declaration, listed, read_only)
  local declared = {}
  for _, k in ipairs(fields) do declared[k] = true end
  return {
    __index = function(_, k)
      if declared[k] then return nil end
      fail(r, "reads %s%s, which %s does not list (%s)", what, tostring(k), declaration, concat(listed, ", "))
    end,
    __newindex = function(_, k)
      error(fmt(read_only, tostring(k)), 2)
    end,
    __metatable = false,
  }
end

-- A prerequisite sees a view with only the facts it declared (its outcome depends on these facts
-- and the case alone).
local function view_meta(r)
  return declared_view_meta(r, "c.", r.depends_on, "depends_on", r.depends_on,
    "facts are read-only (cannot set '%s'); a classify rule returns derived facts instead")
end

-- The case as an exempt rule with case_depends_on sees it in that pass: only the declared facts'
-- fields, so that the host may remember its answers.
local function case_view_meta(r)
  return declared_view_meta(r, "case.", r.case_fields, "case_depends_on", r.case_depends_on,
    "the case is read-only (cannot set '%s')")
end

local function case_view(r, case)
  local view = {}
  for _, k in ipairs(r.case_fields) do rawset(view, k, case[k]) end
  return setmetatable(view, r.case_view_meta)
end

function D.add(phase, r)
  local list = phases[phase]
  list[#list + 1] = r
  names[r.idx] = r.name
  if phase == "filter" and r.depends_on then
    r.view_meta = view_meta(r)
    prerequisites[#prerequisites + 1] = r
  end
  if phase == "classify" and r.writes.exempt then
    if r.depends_on then r.view_meta = view_meta(r) end
    if r.case_fields then r.case_view_meta = case_view_meta(r) end
    exempt_writers[#exempt_writers + 1] = r
  end
end

-- Values in messages: strings quoted, tables by type only (an address would differ per run).
local function describe(v)
  if type(v) == "string" then return fmt("%q", v) end
  if type(v) == "table" or type(v) == "function" or type(v) == "thread" or type(v) == "userdata" then
    return "a " .. type(v)
  end
  return tostring(v)
end

function fail(r, msg, ...)
  error(fmt("%s:%d: " .. msg, r.file, r.line, ...), 0)
end

-- The sorted keys of a table returned by a rule: checked and applied in a fixed order.
local function sorted_keys(r, t)
  local keys = {}
  for k in next, t do
    if type(k) ~= "string" then fail(r, "returned a table with a %s key; keys must be names", type(k)) end
    keys[#keys + 1] = k
  end
  sort(keys)
  return keys
end

local function check_writes(r, what, keys)
  for _, k in ipairs(keys) do
    if not r.writes[k] then fail(r, "%s returned key '%s', which is not listed in writes", what, k) end
  end
end

local function check_filter_result(r, code, text)
  if type(code) ~= "string" or type(text) ~= "string" then
    fail(r, "filter must return nil, or a code and a Dutch text (two strings), not %s and %s",
         describe(code), describe(text))
  end
end

-- Candidate-major: each candidate goes through all its phases (classify, filter, exception and,
-- when admitted, score and order) before the next one, so that its table stays in the CPU cache
-- while every rule reads it. (Rule-major sweeps over 10,000 candidate tables per rule, and most
-- of the time went into cache misses on field reads: docs/performance.md.) Per candidate, the
-- phases and the rules within a phase run in the same order as before; only the interleaving of
-- candidates changed, which rules cannot observe (facts are read-only, each rule sees one c).
local function apply_derived(r, c, t)
  if type(t) ~= "table" then fail(r, "classify must return nil or a table of derived facts, not %s", describe(t)) end
  -- the order of the keys does not matter here (no sorting on the hot path); on a mistake the
  -- sorted keys name the first, so that the message is the same every run
  local writes = r.writes
  for k, v in next, t do
    if not writes[k] then check_writes(r, "classify", sorted_keys(r, t)) end
    if (k == "stale" or k == "exempt") and type(v) ~= "boolean" then
      fail(r, "classify must return %s as true or false, not %s", k, describe(v))
    end
    rawset(c, k, v)
  end
end

local function classify_one(c, case)
  local rules = phases.classify
  for q = 1, #rules do
    local r = rules[q]
    ctx.ri = r.idx
    local t = r.fn(c, case, r.p)
    if t ~= nil then apply_derived(r, c, t) end
  end
end

-- The exclusions of one candidate go into x, five slots each: rule index, code, text, lifting
-- rule index (0 = not lifted), lift text|false. Returns the number of slots used.
local function filter_one(c, case, x)
  local rules, m = phases.filter, 0
  for q = 1, #rules do
    local r = rules[q]
    ctx.ri = r.idx
    local code, text = r.fn(c, case, r.p)
    if code ~= nil and code ~= false then
      check_filter_result(r, code, text)
      x[m + 1], x[m + 2], x[m + 3], x[m + 4], x[m + 5] = r.idx, code, text, 0, false
      m = m + 5
    end
  end
  return m
end

-- The prerequisites on the first candidate of each group (see LuaRuleHost::prefilter):
-- (i, rule index, code, text) for every exclusion, candidate by candidate, in rule order.
function D.prefilter(cands, n, case)
  local out, m = {}, 0
  for i = 1, n do
    ctx.cand = i
    local c = cands[i]
    for q = 1, #prerequisites do
      local r = prerequisites[q]
      ctx.ri = r.idx
      local view = {}
      for _, k in ipairs(r.depends_on) do rawset(view, k, c[k]) end
      setmetatable(view, r.view_meta)
      local code, text = r.fn(view, case, r.p)
      if code ~= nil and code ~= false then
        check_filter_result(r, code, text)
        out[m + 1], out[m + 2], out[m + 3], out[m + 4] = i, r.idx, code, text
        m = m + 4
      end
    end
  end
  ctx.ri, ctx.cand = 0, 0
  return out, m
end

-- lift() gets one reused view {rule, code, text}: what it does to the view changes nothing.
local function lift_one(c, case, x, m, view)
  local rules = phases.exception
  for q = 1, #rules do
    local r = rules[q]
    ctx.ri = r.idx
    for j = 1, m, 5 do
      if x[j + 3] == 0 then
        view.rule, view.code, view.text = names[x[j]], x[j + 1], x[j + 2]
        local text = r.fn(c, case, view, r.p)
        if text ~= nil and text ~= false then
          if type(text) ~= "string" then
            fail(r, "lift must return nil, or a Dutch text saying who approved it, not %s", describe(text))
          end
          x[j + 3], x[j + 4] = r.idx, text
        end
      end
    end
  end
end

local function check_points(r, what, points, text)
  if type(points) ~= "number" or points ~= points or points == huge or points == -huge or type(text) ~= "string" then
    fail(r, "%s must return nil, or points (a finite number) and a Dutch text, not %s and %s",
         what, describe(points), describe(text))
  end
end

-- Score reasons of one admitted candidate i: (i, rule index, points, text) from out[m + 1].
local function score_one(c, i, case, out, m)
  local rules = phases.score
  for q = 1, #rules do
    local r = rules[q]
    ctx.ri = r.idx
    local points, text = r.fn(c, case, r.p)
    if points ~= nil and points ~= false then
      check_points(r, "score", points, text)
      out[m + 1], out[m + 2], out[m + 3], out[m + 4] = i, r.idx, points, text
      m = m + 4
    end
  end
  return m
end

local function order_one(c, case, keys, base)
  local rules = phases.order
  for k = 1, #rules do
    local r = rules[k]
    ctx.ri = r.idx
    local key = r.fn(c, case, r.p)
    if type(key) ~= "number" or key ~= key then
      fail(r, "key must return a number (lower ranks first), not %s", describe(key))
    end
    keys[base + k] = key
  end
end

-- Whether each candidate is exempt care, from the classify rules that write exempt alone, each
-- on a view of the facts it declared (LuaRuleHost::classify_exempt runs this only when every one
-- of them declares depends_on, on the first candidate of each combination of those facts).
function D.classify_exempt(cands, n, case)
  local out = {}
  local cases = {}  -- per rule: the case, or its view when the rule declared case_depends_on
  for q = 1, #exempt_writers do
    local r = exempt_writers[q]
    cases[q] = r.case_fields and case_view(r, case) or case
  end
  for i = 1, n do
    ctx.cand = i
    local c = cands[i]
    local exempt = false
    for q = 1, #exempt_writers do
      local r = exempt_writers[q]
      ctx.ri = r.idx
      local view = {}
      for _, k in ipairs(r.depends_on) do rawset(view, k, c[k]) end
      setmetatable(view, r.view_meta)
      local t = r.fn(view, cases[q], r.p)
      if t ~= nil then
        if type(t) ~= "table" then fail(r, "classify must return nil or a table of derived facts, not %s", describe(t)) end
        local v = rawget(t, "exempt")
        if v ~= nil then exempt = v == true end
      end
    end
    out[i] = exempt
  end
  ctx.ri, ctx.cand = 0, 0
  return out
end

function D.classify(cands, n, case)
  for i = 1, n do
    ctx.cand = i
    classify_one(cands[i], case)
  end
  ctx.ri, ctx.cand = 0, 0
end

function D.evaluate(cands, n, case)
  local xs, nx, adm, na, reasons, nr, keys = {}, 0, {}, 0, {}, 0, {}
  local no = #phases.order
  local x, view = {}, {}
  for i = 1, n do
    ctx.cand = i
    local c = cands[i]
    classify_one(c, case)
    local m = filter_one(c, case, x)
    if m > 0 then lift_one(c, case, x, m, view) end
    local blocked = false
    for j = 1, m, 5 do
      xs[nx + 1], xs[nx + 2], xs[nx + 3], xs[nx + 4], xs[nx + 5], xs[nx + 6] =
        i, x[j], x[j + 1], x[j + 2], x[j + 3], x[j + 4]
      nx = nx + 6
      if x[j + 3] == 0 then blocked = true end
    end
    -- admitted only because an exception lifted every exclusion: later phases see c.maatwerk
    if m > 0 and not blocked then rawset(c, "maatwerk", true) end
    if not blocked then
      na = na + 1
      adm[na] = i
      nr = score_one(c, i, case, reasons, nr)
      order_one(c, case, keys, (na - 1) * no)
    end
  end
  ctx.ri, ctx.cand = 0, 0
  return xs, nx, adm, na, reasons, nr, keys, no
end

-- Priority rules (allocation): reasons as (i, rule index, points, text), rule by rule.
local function run_points(list, what, cands, idx, count, case, out, m)
  for _, r in ipairs(list) do
    ctx.ri = r.idx
    local fn, p, ri = r.fn, r.p, r.idx
    for a = 1, count do
      local i = idx and idx[a] or a
      ctx.cand = i
      local points, text = fn(cands[i], case, p)
      if points ~= nil and points ~= false then
        check_points(r, what, points, text)
        out[m + 1], out[m + 2], out[m + 3], out[m + 4] = i, ri, points, text
        m = m + 4
      end
    end
  end
  return m
end

function D.priorities(cands, n, case)
  local reasons = {}
  local nr = run_points(phases.priority, "priority", cands, nil, n, case, reasons, 0)
  ctx.ri, ctx.cand = 0, 0
  return reasons, nr
end

local function text_list(r, what, v)
  if v == nil then return {} end
  if type(v) ~= "table" then fail(r, "%s must be a list of strings, not %s", what, describe(v)) end
  local out = {}
  for j = 1, #v do
    if type(v[j]) ~= "string" then fail(r, "%s[%d] must be a string, not %s", what, j, describe(v[j])) end
    out[j] = v[j]
  end
  return out
end

local function check_gap(r, g)
  if type(g) ~= "table" then fail(r, "gap must be a table {kind, scope, care_forms, expertise} or false, not %s", describe(g)) end
  if g.kind ~= "absent" and g.kind ~= "no_capacity" then
    fail(r, "gap.kind must be \"absent\" or \"no_capacity\", not %s", describe(g.kind))
  end
  if g.scope ~= nil and g.scope ~= "region" and g.scope ~= "national" then
    fail(r, "gap.scope must be \"region\" or \"national\" (or absent: region), not %s", describe(g.scope))
  end
  return {kind = g.kind, scope = g.scope or "region", care_forms = text_list(r, "gap.care_forms", g.care_forms),
          expertise = text_list(r, "gap.expertise", g.expertise)}
end

local function copy_array(a)
  local out = {}
  for j = 1, #a do out[j] = a[j] end
  return out
end

local function apply_plan_result(r, t, plan, members, notes)
  if type(t) ~= "table" then fail(r, "plan must return nil or a table, not %s", describe(t)) end
  local keys = sorted_keys(r, t)
  check_writes(r, "plan", keys)
  for _, k in ipairs(keys) do
    local v = t[k]
    if k == "notes" then
      for _, text in ipairs(text_list(r, "notes", v)) do
        notes[#notes + 1] = r.idx
        notes[#notes + 1] = text
        plan.notes[#plan.notes + 1] = text
      end
    elseif k == "plan_a" or k == "plan_b" or k == "bridging" then
      if v == false then
        plan[k] = nil
      elseif type(v) ~= "table" or not members[v] then
        fail(r, "%s must be a candidate taken from ranked (or false), not %s", k, describe(v))
      else
        plan[k] = v
      end
    elseif k == "gap" then
      plan.gap = v ~= false and check_gap(r, v) or nil
    else
      plan[k] = v
    end
  end
end

function D.plan(ranked, case, evaluated)
  -- candidate table -> batch index, taken before any rule runs (a rule may not renumber them)
  local members = {}
  for j = 1, #ranked do members[ranked[j]] = ranked[j].index end
  local plan, notes = {notes = {}, evaluated = evaluated}, {}
  for _, r in ipairs(phases.plan) do
    ctx.ri, ctx.cand = r.idx, 0
    -- each rule gets its own copies: what it changes in them is not seen by the next rule
    local view = {}
    for k, v in next, plan do view[k] = v end
    view.notes = copy_array(plan.notes)
    local t = r.fn(copy_array(ranked), case, view, r.p)
    if t ~= nil then apply_plan_result(r, t, plan, members, notes) end
  end
  ctx.ri = 0
  local function index(c) return c and members[c] or 0 end
  return index(plan.plan_a), index(plan.plan_b), index(plan.bridging), plan.gap, notes, #notes
end

return D
