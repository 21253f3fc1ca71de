-- DOMAIN.md principle 5 ("zo thuis mogelijk"; FoodValley 1, Noord-Limburg 3.2): among fitting
-- options the least intensive care form first (ambulant before day treatment before foster care
-- and family homes before residential before closed).
return {
  api_version = 1,
  name = "home_like",
  version = "1.0.0",
  description = "Zo thuis mogelijk: de minst ingrijpende zorgvorm eerst",
  phase = "order",
  priority = 40,
  writes = {"care_form_rank"},
  key = function(c)
    return c.care_form_rank
  end,
}
