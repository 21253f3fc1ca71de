-- docs/domain.md, principles 1 and 4. By default no hard boundary (max_tier "national"): the order
-- rules put the region first. A region that places outside its boundary only for the known
-- exceptions sets max_tier to "region" (Westfriesland 1.3.1: "geen jeugdigen meer geplaatst
-- buiten de regio, behalve ... landelijk ingekochte hulp, gesloten plaatsingen en
-- eetstoornissen"). Exempt care (rule exempt_care) is never excluded here.
local labels = require("labels")
local format = string.format

-- tier -> distance on the ladder (0 = own region), computed once
local step = {}
for i, tier in ipairs(labels.tier_order) do step[tier] = i - 1 end

return {
  api_version = 1,
  name = "region_boundary",
  version = "1.0.0",
  description = "Niet verder zoeken dan max_tier (uitzonderingen: zie exempt_care)",
  label = "Regiogrens",
  explanation = "Harde grens: niet verder zoeken dan de verste toegestane trede (uitgezonderde zorg mag altijd verder). Landelijk betekent: geen grens.",
  phase = "filter",
  priority = 70,
  params = {
    max_tier = {type = "string", vocabulary = "tier", default = "national",
                description = "Verste trede: region, adjacent, network of national (national = geen grens)",
      label = "Verste trede",
      explanation = "Tot en met welke trede gezocht wordt: eigen regio, buurregio, bovenregionaal of landelijk (landelijk = geen grens)."},
  },
  filter = function(c, case, p)
    if c.exempt then return nil end
    if step[c.tier] <= step[p.max_tier] then return nil end
    return "outside_region", format("buiten het toegestane gebied (%s); toegestaan tot en met: %s",
                                    labels.tier[c.tier], labels.tier[p.max_tier])
  end,
}
