-- Known exceptions (Westfriesland 1.3.1): for exempt care (JeugdzorgPlus, eating disorders,
-- category 55) the tier does not count (tier_ladder gives it step 0), only distance: this key,
-- after the care form, orders exempt candidates by distance. Others get 0.
return {
  api_version = 1,
  name = "exempt_distance",
  version = "1.0.0",
  description = "Uitgezonderde zorg op afstand",
  label = "Afstand bij uitgezonderde zorg",
  explanation = "Volgordestap 6, alleen voor uitgezonderde zorg: dichterbij eerst. Komt vóór de score.",
  phase = "order",
  priority = 50,
  writes = {"distance"},
  key = function(c)
    if c.exempt then return c.distance_km end
    return 0
  end,
}
