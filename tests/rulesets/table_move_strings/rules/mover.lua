-- A trillion-element move, the bounds given as strings so that a type check on numbers misses it.
return {
  api_version = 1, name = "mover", version = "1.0.0", description = "table.move over a huge range",
  phase = "score", priority = 10,
  score = function(c)
    table.move({}, "1", "1000000000000", 2)
    return 0, "nooit"
  end,
}
