-- docs/domain.md, principle 6: stale capacity data (rule stale_capacity) is flagged, not trusted
-- silently: a penalty and a text with the date of the last update.
return {
  api_version = 1,
  name = "stale_penalty",
  version = "1.0.0",
  description = "Aftrek als de capaciteit niet actueel is",
  label = "Aftrek verouderde capaciteit",
  explanation = "Aftrek als de capaciteit niet actueel is. De score beslist pas na de volgordestappen (tijdig, gecontracteerd, nabije treden, zo thuis mogelijk, trede): deze punten kiezen alleen tussen kandidaten die daar gelijk eindigen.",
  phase = "score",
  priority = 80,
  params = {
    points = {type = "number", default = -5, description = "Punten (negatief) bij niet-actuele capaciteit",
      label = "Aftrek bij verouderde capaciteit",
      explanation = "Zoveel punten (negatief) als de capaciteit niet actueel is.",
      min = -50, max = 0},
  },
  score = function(c, case, p)
    if not c.stale then return nil end
    return p.points, "capaciteit niet actueel (bijgewerkt " .. c.updated .. ")"
  end,
}
