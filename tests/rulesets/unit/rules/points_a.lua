return {
  api_version = 1, name = "points_a", version = "1.0.0", description = "10 points",
  phase = "score", priority = 20,
  score = function() return 10, "a" end,
}
