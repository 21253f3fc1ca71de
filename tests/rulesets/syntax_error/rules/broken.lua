return {
  api_version = 1,
  name = "broken",
  version = "1.0.0",
  description = "syntax error on line 6",
  phase = = "filter",
  priority = 10,
  filter = function() return nil end,
}
