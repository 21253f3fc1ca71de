-- Order step 5: after the most home-like care form, the nearer tier first (own region before the
-- next region), in tier_ladder's tier_order.
return {
  api_version = 1,
  name = "nearer_tier_first",
  version = "1.0.0",
  description = "Bij gelijke zorgvorm: de dichtstbijzijnde trede eerst",
  label = "Dichtstbijzijnde trede",
  explanation = "Volgordestap 5: bij gelijke zorgvorm de dichtstbijzijnde trede eerst. Komt vóór de score.",
  phase = "order",
  priority = 40,
  writes = {"tier_step"},
  key = function(c)
    return c.tier_step
  end,
}
