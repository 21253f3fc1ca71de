-- DOMAIN.md principle 9 (FoodValley 2.2; OZJ 3): religion, belief and cultural background of the
-- youth and family are inputs.
local labels = require("labels")

return {
  api_version = 1,
  name = "identity_preference",
  version = "1.0.0",
  description = "Punten als de identiteit past bij de wens van ouders en jeugdige",
  phase = "score",
  priority = 40,
  params = {
    points = {type = "number", default = 15, description = "Punten bij passende identiteit"},
  },
  score = function(c, case, p)
    local wanted = case.preferences.identity
    if not wanted or c.identity ~= wanted then return nil end
    return p.points, "identiteit sluit aan bij de wens van ouders en jeugdige (" .. (labels.identity[wanted] or wanted) .. ")"
  end,
}
