-- docs/formats.md, default behaviour 1: the youth's age lies in the offering's age range.
local format = string.format

return {
  api_version = 1,
  name = "age_range",
  version = "1.0.0",
  description = "Leeftijd van de jeugdige past bij het aanbod",
  label = "Leeftijd past",
  explanation = "Harde eis: de leeftijd van de jeugdige ligt binnen het leeftijdsbereik van het aanbod. Aanbod daarbuiten valt af.",
  phase = "filter",
  priority = 20,
  filter = function(c, case)
    local age = case.age
    if age >= c.age_min and age <= c.age_max then return nil end
    return "age", format("leeftijd %d jaar valt buiten %d-%d jaar", age, c.age_min, c.age_max)
  end,
}
