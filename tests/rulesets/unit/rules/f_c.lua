return {
  api_version = 1, name = "f_c", version = "1.0.0", description = "excludes x1 (priority 5)",
  phase = "filter", priority = 5,
  filter = function(c)
    if c.offering == "x1" then return "code_f_c", "uitgesloten door f_c" end
  end,
}
