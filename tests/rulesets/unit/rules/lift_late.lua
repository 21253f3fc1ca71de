return {
  api_version = 1, name = "lift_late", version = "1.0.0", description = "lifts code_f_a and code_f_c, after lift_a",
  phase = "exception", priority = 20,
  lift = function(c, case, x)
    if x.code == "code_f_a" or x.code == "code_f_c" then return "opgeheven door lift_late" end
  end,
}
