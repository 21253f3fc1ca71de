-- docs/domain.md, principle 6: stale capacity data (rule stale_capacity) is flagged, not trusted
-- silently: a penalty and a text with the date of the last update.
return {
  api_version = 1,
  name = "stale_penalty",
  version = "1.0.0",
  description = "Aftrek als de capaciteit niet actueel is",
  phase = "score",
  priority = 80,
  params = {
    points = {type = "number", default = -5, description = "Punten (negatief) bij niet-actuele capaciteit"},
  },
  score = function(c, case, p)
    if not c.stale then return nil end
    return p.points, "capaciteit niet actueel (bijgewerkt " .. c.updated .. ")"
  end,
}
