-- Zo thuis mogelijk (FoodValley 1, Noord-Limburg 3.2): among fitting options the least intensive
-- care form first (ambulant before day treatment before foster care and family homes before
-- residential before closed). Order step 4: within the near tiers (tier_ladder.home_like_within).
return {
  api_version = 1,
  name = "home_like",
  version = "1.0.0",
  description = "Zo thuis mogelijk: de minst ingrijpende zorgvorm eerst",
  label = "Zo thuis mogelijk",
  explanation = "Volgordestap 4: de minst ingrijpende zorgvorm eerst (ambulant vóór dagbehandeling vóór pleegzorg en gezinshuis vóór residentieel vóór gesloten). Komt vóór de score.",
  phase = "order",
  priority = 30,
  writes = {"care_form_rank"},
  key = function(c)
    return c.care_form_rank
  end,
}
