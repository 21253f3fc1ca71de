return {
  api_version = 1, name = "f_a", version = "1.0.0", description = "excludes x1 (priority 10)",
  phase = "filter", priority = 10,
  filter = function(c)
    if c.offering == "x1" then return "code_f_a", "uitgesloten door f_a" end
  end,
}
