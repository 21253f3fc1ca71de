-- Points of 1e308 are finite; two of them are not.
return {
  api_version = 1, name = "huge", version = "1.0.0", description = "enormous points",
  phase = "score", priority = 10,
  params = {points = {type = "number", default = 1e308, description = "Punten"}},
  score = function(c, case, p)
    return p.points, "heel veel"
  end,
}
