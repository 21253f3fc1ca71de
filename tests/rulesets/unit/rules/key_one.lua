return {
  api_version = 1, name = "key_one", version = "1.0.0", description = "timely first",
  phase = "order", priority = 10,
  key = function(c) return c.timely and 0 or 1 end,
}
