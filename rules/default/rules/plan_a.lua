-- Plan A and plan B (docs/domain.md, principle 7): plan A is the best-ranked candidate. Offerings
-- of the bridging pool (care forms the case did not ask for) are never plan A. A place that is
-- already reserved for this case (c.reserved_for_case: the network allocated it, or the RET
-- reserved it) is its plan A: proposing another place while the case holds one would mislead.
local ipairs = ipairs

return {
  api_version = 1,
  name = "plan_a",
  version = "2.0.0",
  description = "Plan A: de plek die al voor de casus is gereserveerd, anders de hoogst gerangschikte kandidaat",
  label = "Plan A",
  explanation = "De hoogst gerangschikte kandidaat, of de plek die al voor de casus is gereserveerd.",
  phase = "plan",
  priority = 10,
  writes = {"plan_a", "notes"},
  plan = function(ranked)
    local best
    for _, c in ipairs(ranked) do
      if not c.bridging_pool then
        if c.reserved_for_case then return {plan_a = c} end
        best = best or c
      end
    end
    if best then return {plan_a = best} end
    return {notes = {"geen kandidaat voor plan A: niets voldoet aan de harde regels"}}
  end,
}
