-- docs/domain.md, principle 7: plan A is the best-ranked candidate. Offerings of the bridging pool
-- (care forms the case did not ask for) are never plan A.
local ipairs = ipairs

return {
  api_version = 1,
  name = "plan_a",
  version = "1.0.0",
  description = "Plan A: de hoogst gerangschikte kandidaat",
  phase = "plan",
  priority = 10,
  writes = {"plan_a", "notes"},
  plan = function(ranked)
    for _, c in ipairs(ranked) do
      if not c.bridging_pool then return {plan_a = c} end
    end
    return {notes = {"geen kandidaat voor plan A: niets voldoet aan de harde regels"}}
  end,
}
