return {
  api_version = 1, name = "lift_a", version = "1.0.0", description = "lifts code_f_a",
  phase = "exception", priority = 10,
  lift = function(c, case, x)
    if x.code == "code_f_a" then return "opgeheven door lift_a" end
  end,
}
