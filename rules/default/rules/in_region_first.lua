-- In region first: points by tier, so that the reason shows which tier was reached ("the tier
-- reached is always shown"). For exempt care the tier does not count.
local format = string.format

local texts = {
  region = function(c) return format("binnen de eigen regio (%s)", c.region_name) end,
  adjacent = function(c) return format("buurregio (%s)", c.region_name) end,
  network = function(c) return format("bovenregionaal: binnen het expertisenetwerk (%s)", c.region_name) end,
  national = function(c) return format("landelijk: buiten het expertisenetwerk (%s)", c.region_name) end,
}

return {
  api_version = 1,
  name = "in_region_first",
  version = "1.0.0",
  description = "Punten voor de eigen regio, minder naarmate de trede verder is",
  label = "Eerst in de regio",
  explanation = "Punten per trede; de reden laat zien welke trede is bereikt. De trede telt al in de volgorde (stap 3 en 5) vóór de score, dus deze punten veranderen een advies zelden: alleen tussen kandidaten in dezelfde trede en zorgvorm.",
  phase = "score",
  priority = 10,
  params = {
    points = {type = "map", key_vocabulary = "tier", default = {region = 30, adjacent = 20, network = 10, national = 0},
              description = "Punten per trede",
      label = "Punten per trede",
      explanation = "Punten voor de eigen regio, de buurregio, het expertisenetwerk en landelijk. De trede telt al in de volgorde vóór de score.",
      min = 0, max = 100,
      key_labels = {region = "eigen regio", adjacent = "buurregio", network = "bovenregionaal (expertisenetwerk)", national = "landelijk"}},
  },
  score = function(c, case, p)
    if c.exempt then return 0, format("regiogrens telt niet (%s)", c.exempt_reason) end
    return p.points[c.tier] or 0, texts[c.tier](c)
  end,
}
