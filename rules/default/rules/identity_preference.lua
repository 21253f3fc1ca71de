-- Respect the youth and family (FoodValley 2.2; OZJ 3): religion, belief and cultural background
-- are inputs. An offering with the wished identity gains points; one with another identity
-- (c.identity_mismatch: "algemeen" counts as none) loses points and says so. Never an exclusion:
-- the family and the RET weigh it; a plan with a mismatch carries a note.
local labels = require("labels")
local format = string.format

return {
  api_version = 1,
  name = "identity_preference",
  version = "2.0.0",
  description = "Punten als de identiteit past bij de wens van ouders en jeugdige, aftrek als die afwijkt",
  label = "Identiteit",
  explanation = "Punten als de identiteit van het aanbod past bij de wens van ouders en jeugdige, aftrek als die afwijkt. De score beslist pas na de volgordestappen (tijdig, gecontracteerd, nabije treden, zo thuis mogelijk, trede): deze punten kiezen alleen tussen kandidaten die daar gelijk eindigen.",
  phase = "score",
  priority = 40,
  params = {
    points = {type = "number", default = 15, description = "Punten bij passende identiteit",
      label = "Punten bij passende identiteit",
      explanation = "Zoveel punten als de identiteit past bij de wens van de familie.",
      min = 0, max = 50},
    mismatch_points = {type = "number", default = -15,
                       description = "Punten (negatief) als het aanbod een andere identiteit heeft dan gewenst",
      label = "Aftrek bij andere identiteit",
      explanation = "Zoveel punten (negatief) als het aanbod een andere identiteit heeft dan gewenst.",
      min = -50, max = 0},
  },
  score = function(c, case, p)
    local wanted = case.preferences.identity
    if not wanted then return nil end
    if c.identity == wanted then
      return p.points, "identiteit sluit aan bij de wens van ouders en jeugdige (" .. (labels.identity[wanted] or wanted) .. ")"
    end
    if c.identity_mismatch then
      return p.mismatch_points, format("identiteit wijkt af van de wens van ouders en jeugdige (gewenst: %s; aanbod: %s)",
                                       labels.identity[wanted] or wanted, labels.identity[c.identity] or c.identity)
    end
    return nil
  end,
}
