return {
  api_version = 1,
  name = "odd",
  version = "1.0.0",
  description = "a phase that does not exist",
  phase = "sort",
  priority = 10,
  sort = function() return 0 end,
}
