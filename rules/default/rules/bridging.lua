-- docs/domain.md, principle 7 (FoodValley 2.2: "een tussentijds plan om een overbrugging te
-- organiseren"): when plan A is not timely (or there is none), the best timely offering of a
-- bridging care form, of any provider, asked for or from the bridging pool.
-- Keep care_forms in step with settings.bridging_care_forms in params.json: that setting decides
-- which offerings the engine evaluates for the pool.
local labels = require("labels")
local util = require("util")
local contains = util.contains
local format, ipairs = string.format, ipairs

return {
  api_version = 1,
  name = "bridging",
  version = "1.0.0",
  description = "Overbrugging als plan A niet tijdig is",
  label = "Overbrugging",
  explanation = "Als plan A niet tijdig is, zoekt deze regel de beste tijdige ambulante hulp voor de tussentijd.",
  phase = "plan",
  priority = 30,
  writes = {"bridging", "notes"},
  params = {
    care_forms = {type = "list", vocabulary = "care_form", default = {"ambulant", "ambulant_intensive"},
                  description = "Zorgvormen die als overbrugging kunnen dienen",
      label = "Zorgvormen voor overbrugging",
      explanation = "Welke zorgvormen als overbrugging kunnen dienen."},
  },
  plan = function(ranked, case, plan, p)
    local a = plan.plan_a
    if a and a.timely then return nil end
    local why = not a and "er is geen plan A"
      or a.wait_unknown and "plan A is niet tijdig (geen plek vrij, wachttijd onbekend)"
      or format("plan A is niet tijdig (wachttijd %s)", labels.weeks(a.wait_weeks))
    for _, c in ipairs(ranked) do
      if c.timely and c ~= a and contains(p.care_forms, c.care_form) then
        return {bridging = c, notes = {format("%s: overbrugging met %s bij %s", why,
                                              labels.care_form[c.care_form] or c.care_form, c.provider_name)}}
      end
    end
    return {notes = {why .. " en er is geen tijdige overbrugging gevonden"}}
  end,
}
