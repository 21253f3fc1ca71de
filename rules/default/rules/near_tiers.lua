-- Order step 3: the tier, where the tiers of tier_ladder's home_like_within count as one (default
-- own region and neighbouring regions). Zo thuis mogelijk (rule home_like) decides within them.
return {
  api_version = 1,
  name = "near_tiers",
  version = "1.0.0",
  description = "Trede, waarbij eigen regio en buurregio samen tellen",
  label = "Nabije treden samen",
  explanation = "Volgordestap 3: de trede, waarbij de nabije treden (standaard eigen regio en buurregio) samen tellen. Komt vóór de score.",
  phase = "order",
  priority = 20,
  writes = {"tier_group"},
  key = function(c)
    return c.tier_group
  end,
}
