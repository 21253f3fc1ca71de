return {
  api_version = 1, name = "distance", version = "1.0.0", description = "points for nearness",
  phase = "score", priority = 10,
  params = {max_km = {type = "number", default = 100, description = "0 points from here"}},
  score = function(c, case, p) return nil end,
}
