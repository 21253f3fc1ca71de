return {
  api_version = 1, name = "key_two", version = "1.0.0", description = "distance",
  phase = "order", priority = 20,
  key = function(c) return c.distance_km end,
}
