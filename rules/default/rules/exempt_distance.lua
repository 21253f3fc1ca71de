-- CONTRACT.md default behaviour 3: for exempt care (secure_residential, eating disorders,
-- category 55) the tier does not count, only distance. Other candidates get 0, so this key
-- only orders exempt candidates among themselves.
return {
  api_version = 1,
  name = "exempt_distance",
  version = "1.0.0",
  description = "Uitgezonderde zorg op afstand",
  phase = "order",
  priority = 30,
  writes = {"distance"},
  key = function(c)
    if c.exempt then return c.distance_km end
    return 0
  end,
}
