-- docs/domain.md, principle 9: the wishes of parents and youth, e.g. close to a named municipality
-- (school, family).
local format, floor = string.format, math.floor

return {
  api_version = 1,
  name = "near_preference",
  version = "1.0.0",
  description = "Punten als het aanbod dicht bij een voorkeursgemeente ligt",
  label = "Dicht bij voorkeursgemeente",
  explanation = "Punten als het aanbod dicht bij een gemeente ligt waar de familie dichtbij wil zijn. De score beslist pas na de volgordestappen (tijdig, gecontracteerd, nabije treden, zo thuis mogelijk, trede): deze punten kiezen alleen tussen kandidaten die daar gelijk eindigen.",
  phase = "score",
  priority = 50,
  params = {
    km = {type = "number", default = 15, description = "Binnen hoeveel km van een voorkeursgemeente",
      label = "Afstand tot voorkeursgemeente",
      explanation = "Binnen hoeveel km van een voorkeursgemeente het aanbod punten krijgt.",
      min = 0, max = 200},
    points = {type = "number", default = 10, description = "Punten binnen die afstand",
      label = "Punten dicht bij voorkeursgemeente",
      explanation = "Zoveel punten binnen die afstand.",
      min = 0, max = 50},
  },
  score = function(c, case, p)
    local d = c.near_km
    if not d or d > p.km then return nil end
    return p.points, format("dicht bij een voorkeursgemeente van ouders en jeugdige (%d km)", floor(d + 0.5))
  end,
}
