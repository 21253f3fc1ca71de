-- Scarce supra-regional places: closer to home counts, but only as a small term, so that it
-- tips the balance between otherwise equal claims and never outweighs urgency, waiting or
-- expertise. Linear from max_points at 0 km to 0 at max_km, over the distance in whole km as
-- the text shows it. Not the tier: the network's places serve all its regions alike.
local format, floor = string.format, math.floor

return {
  api_version = 1,
  name = "priority_distance",
  version = "1.0.0",
  description = "Toewijzing bovenregionale plekken: een klein aantal punten voor nabijheid",
  label = "Voorrang: nabijheid",
  explanation = "Bij het verdelen van bovenregionale plekken: een klein aantal punten voor nabijheid.",
  phase = "priority",
  params = {
    max_points = {type = "number", default = 5, description = "Punten op 0 km",
      label = "Punten op 0 km",
      explanation = "Het aantal voorrangspunten voor een plek in de eigen gemeente; het loopt af met de afstand.",
      min = 0, max = 20},
    max_km = {type = "number", default = 100, description = "Vanaf deze afstand 0 punten",
      label = "Afstand met 0 punten",
      explanation = "Vanaf deze afstand (in km) geeft nabijheid geen voorrangspunten meer.",
      min = 1, max = 500},
  },
  priority = function(c, case, p)
    local km = floor(c.distance_km + 0.5)
    local points = 0
    if km < p.max_km then points = p.max_points * (1 - km / p.max_km) end
    return points, format("afstand %d km", km)
  end,
}
