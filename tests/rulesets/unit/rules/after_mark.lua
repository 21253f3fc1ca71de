return {
  api_version = 1, name = "after_mark", version = "1.0.0", description = "sees what mark derived",
  phase = "classify", priority = 20, writes = {"seen"},
  classify = function(c) return {seen = c.tag ~= nil} end,
}
