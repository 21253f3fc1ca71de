-- DOMAIN.md principle 8 (FoodValley 2.2: "signaleert het RET deze leemte"): a gap when nothing
-- in the region fits ("absent") or something fits but nothing is timely ("no_capacity"). Exempt
-- care (rule exempt_care) outside the region is not a failure of the region: no gap when plan A
-- is exempt care, and exempt offerings do not count as region supply.
local ipairs = ipairs

return {
  api_version = 1,
  name = "gap",
  version = "1.0.0",
  description = "Leemte signaleren: niets passends of niets tijdigs in de eigen regio",
  phase = "plan",
  priority = 40,
  writes = {"gap"},
  plan = function(ranked, case, plan)
    local a = plan.plan_a
    if a and a.exempt then return nil end
    local fits = false
    for _, c in ipairs(ranked) do
      if not c.bridging_pool and c.tier == "region" and not c.exempt then
        if c.timely then return nil end
        fits = true
      end
    end
    return {gap = {kind = fits and "no_capacity" or "absent", care_forms = case.care_forms, expertise = case.expertise}}
  end,
}
