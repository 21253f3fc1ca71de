return {
  api_version = 2,
  name = "future",
  version = "1.0.0",
  description = "written for a later passend",
  phase = "filter",
  priority = 10,
  filter = function() return nil end,
}
