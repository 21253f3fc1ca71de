return {
  api_version = 1, name = "first", version = "1.0.0", description = "plan A is the first ranked",
  phase = "plan", priority = 10, writes = {"plan_a"},
  plan = function(ranked) return {plan_a = ranked[1]} end,
}
