return {
  api_version = 1,
  name = "beta",
  version = "1.0.0",
  description = "x",
  phase = "score",
  priority = 10,
  scor = function() return 1, "x" end,
}
