-- docs/domain.md, principle 7: plan B is a real alternative: the best candidate of another provider
-- than plan A, not the runner-up of the same provider.
local ipairs = ipairs

return {
  api_version = 1,
  name = "plan_b",
  version = "1.0.0",
  description = "Plan B: de beste kandidaat van een andere aanbieder dan plan A",
  label = "Plan B",
  explanation = "De beste kandidaat van een andere aanbieder dan plan A: een echt alternatief.",
  phase = "plan",
  priority = 20,
  writes = {"plan_b"},
  plan = function(ranked, case, plan)
    local a = plan.plan_a
    if not a then return nil end
    for _, c in ipairs(ranked) do
      if not c.bridging_pool and c.provider ~= a.provider then return {plan_b = c} end
    end
    return nil
  end,
}
