-- docs/domain.md, principle 5: close to home is better. Linear from max_points at 0 km to 0 at max_km.
local format, floor = string.format, math.floor

return {
  api_version = 1,
  name = "distance",
  version = "1.0.0",
  description = "Punten voor nabijheid: hoe dichterbij, hoe meer",
  label = "Nabijheid",
  explanation = "Punten voor nabijheid: de meeste op 0 km, aflopend tot 0 punten op de maximale afstand. De score beslist pas na de volgordestappen (tijdig, gecontracteerd, nabije treden, zo thuis mogelijk, trede): deze punten kiezen alleen tussen kandidaten die daar gelijk eindigen.",
  phase = "score",
  priority = 30,
  params = {
    max_points = {type = "number", default = 20, description = "Punten op 0 km",
      label = "Punten op 0 km",
      explanation = "Het aantal punten voor aanbod in de eigen gemeente; het loopt af met de afstand.",
      min = 0, max = 50},
    max_km = {type = "number", default = 100, description = "Vanaf deze afstand 0 punten",
      label = "Afstand met 0 punten",
      explanation = "Vanaf deze afstand (in km) geeft nabijheid geen punten meer.",
      min = 1, max = 500},
  },
  score = function(c, case, p)
    local d = c.distance_km
    if d >= p.max_km then return nil end
    return p.max_points * (1 - d / p.max_km), format("afstand %d km", floor(d + 0.5))
  end,
}
