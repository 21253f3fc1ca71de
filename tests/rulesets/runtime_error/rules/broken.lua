return {
  api_version = 1, name = "broken", version = "1.0.0", description = "runtime error in filter",
  phase = "filter", priority = 10,
  filter = function(c, case)
    -- c.capacity does not exist: indexing nil
    return c.capacity.free > 0 and nil or "full", "vol"
  end,
}
