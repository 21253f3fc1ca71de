-- Fails while the file is loaded: indexing a nil value.
local settings = nil
local limit = settings.limit

return {
  api_version = 1, name = "broken", version = "1.0.0", description = "runtime error at load",
  phase = "filter", priority = 10,
  filter = function() return nil end,
}
