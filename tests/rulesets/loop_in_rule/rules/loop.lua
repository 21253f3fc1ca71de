return {
  api_version = 1, name = "loop", version = "1.0.0", description = "endless loop in score",
  phase = "score", priority = 10,
  score = function(c)
    local points = 0
    while true do
      points = points + 1
    end
  end,
}
