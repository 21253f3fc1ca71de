return {
  api_version = 1, name = "near", version = "1.0.0", description = "distance is per location and case",
  phase = "filter", priority = 10,
  depends_on = {"contract", "distance_km"},
  filter = function(c)
    if c.distance_km > 100 then return "far", "te ver" end
  end,
}
