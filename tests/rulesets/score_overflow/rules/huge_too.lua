-- The second rule's points tip the sum over.
return {
  api_version = 1, name = "huge_too", version = "1.0.0", description = "enormous points again",
  phase = "score", priority = 20,
  score = function(c)
    return 1e308, "nog meer"
  end,
}
