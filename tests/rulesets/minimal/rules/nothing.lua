return {
  api_version = 1, name = "nothing", version = "1.0.0", description = "returns nil",
  phase = "classify", priority = 10, writes = {"x"},
  classify = function() return nil end,
}
