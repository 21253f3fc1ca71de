return {
  api_version = 1, name = "pick", version = "1.0.0", description = "first and last",
  phase = "plan", priority = 10, writes = {"plan_a", "plan_b", "notes"},
  plan = function(ranked)
    local out = {notes = {"eerste notitie"}}
    for _, c in ipairs(ranked) do
      if not c.bridging_pool then
        if not out.plan_a then out.plan_a = c elseif c.provider ~= out.plan_a.provider then out.plan_b = c end
      end
    end
    return out
  end,
}
