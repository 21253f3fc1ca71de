-- DOMAIN.md principle 1 (FoodValley handboek 2.2: "eerst de opties ... binnen de grenzen van de
-- Gemeenten van het Samenwerkingsverband FoodValley"): own region, then neighbouring regions,
-- then the supra-regional network, then national. Exempt care (principle 4) is not laddered:
-- it gets 0 here and is ordered by distance (rule exempt_distance).
local util = require("util")
local position = util.position

return {
  api_version = 1,
  name = "tier_ladder",
  version = "1.0.0",
  description = "Eigen regio, dan buurregio, dan expertisenetwerk, dan landelijk",
  phase = "order",
  priority = 20,
  writes = {"tier"},
  params = {
    tier_order = {type = "list", vocabulary = "tier", default = {"region", "adjacent", "network", "national"},
                  description = "Volgorde van de treden, dichtbij eerst"},
  },
  key = function(c, case, p)
    if c.exempt then return 0 end
    return position(p.tier_order, c.tier)
  end,
}
