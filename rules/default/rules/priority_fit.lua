-- DOMAIN.md principle 13: how well the place fits this case (its score from the score rules)
-- counts, so a place goes where it fits best.
local format = string.format

return {
  api_version = 1,
  name = "priority_fit",
  version = "1.0.0",
  description = "Toewijzing bovenregionale plekken: punten voor hoe goed de plek past",
  phase = "priority",
  params = {
    factor = {type = "number", default = 0.5, description = "Deel van de score dat meetelt"},
  },
  priority = function(c, case, p)
    local score = c.score or 0
    return score * p.factor, format("past bij de jeugdige (score %.0f)", score)
  end,
}
