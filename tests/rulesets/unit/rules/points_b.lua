return {
  api_version = 1, name = "points_b", version = "1.0.0", description = "p.points points",
  phase = "score", priority = 10,
  params = {points = {type = "number", default = 1, description = "points"}},
  score = function(c, case, p) return p.points, "b" end,
}
