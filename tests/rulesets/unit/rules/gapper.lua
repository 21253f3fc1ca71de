return {
  api_version = 1, name = "gapper", version = "1.0.0", description = "gap when plan A waits; bridging from the pool",
  phase = "plan", priority = 20, writes = {"gap", "bridging", "notes"},
  plan = function(ranked, case, plan)
    local out = {}
    for _, c in ipairs(ranked) do
      if c.bridging_pool then out.bridging = c; break end
    end
    if plan.plan_a and not plan.plan_a.timely then
      out.gap = {kind = "no_capacity", care_forms = case.care_forms, expertise = case.expertise}
      out.notes = {"plan A rang " .. plan.plan_a.rank .. ", score " .. plan.plan_a.score}
    end
    return out
  end,
}
