return {
  api_version = 1, name = "points", version = "1.0.0", description = "score rules cannot be prerequisites",
  phase = "score", priority = 10,
  depends_on = {"tier"},
  score = function(c)
    if c.tier == "region" then return 10, "in de regio" end
  end,
}
