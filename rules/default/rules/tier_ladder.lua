-- In region first (FoodValley handboek 2.2): own region, then neighbouring regions, then the
-- supra-regional network, then national. Zo thuis mogelijk weighs within the near tiers: the
-- tiers in home_like_within count as one step, so that a foster family in the next region comes
-- before a residential group in the own region (order steps 3 and 5: rules near_tiers and
-- nearer_tier_first read what this rule derives). Exempt care (rule exempt_care) is not laddered:
-- it gets step 0 and is ordered by distance (rule exempt_distance).
local util = require("util")
local position, contains = util.position, util.contains

return {
  api_version = 1,
  name = "tier_ladder",
  version = "2.0.0",
  description = "Eigen regio, dan buurregio, dan bovenregionaal, dan landelijk; de nabije treden tellen samen",
  label = "Treden",
  explanation = "De volgorde van de treden (eigen regio, buurregio, bovenregionaal, landelijk) en welke treden samen één stap vormen; de volgordestappen 3 en 5 gebruiken dit.",
  phase = "classify",
  priority = 15,
  writes = {"tier_step", "tier_group"},
  params = {
    tier_order = {type = "list", vocabulary = "tier", default = {"region", "adjacent", "network", "national"},
                  description = "Volgorde van de treden, dichtbij eerst",
      label = "Volgorde van de treden",
      explanation = "De treden, dichtbij eerst."},
    home_like_within = {type = "list", vocabulary = "tier", default = {"region", "adjacent"},
                        description = "Treden die samen één trede vormen, zodat binnen die treden de meest thuisnabije zorgvorm voorgaat",
      label = "Treden die samen tellen",
      explanation = "Binnen deze treden gaat de meest thuisnabije zorgvorm voor de trede."},
  },
  classify = function(c, case, p)
    if c.exempt then return {tier_step = 0, tier_group = 0} end
    local step = position(p.tier_order, c.tier)
    local group = step
    if contains(p.home_like_within, c.tier) then
      -- every tier of the group shares the step of its nearest member
      for i = 1, #p.home_like_within do
        local s = position(p.tier_order, p.home_like_within[i])
        if s < group then group = s end
      end
    end
    return {tier_step = step, tier_group = group}
  end,
}
