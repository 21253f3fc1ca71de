-- docs/domain.md, principle 6: a free place now counts.
local format = string.format

return {
  api_version = 1,
  name = "capacity_now",
  version = "1.0.0",
  description = "Punten voor een plek die nu vrij is",
  label = "Plek nu vrij",
  explanation = "Punten voor aanbod met nu een vrije plek. De score beslist pas na de volgordestappen (tijdig, gecontracteerd, nabije treden, zo thuis mogelijk, trede): deze punten kiezen alleen tussen kandidaten die daar gelijk eindigen.",
  phase = "score",
  priority = 70,
  params = {
    points = {type = "number", default = 10, description = "Punten als er nu een plek vrij is",
      label = "Punten voor een vrije plek",
      explanation = "Zoveel punten krijgt aanbod met nu een vrije plek.",
      min = 0, max = 50},
  },
  score = function(c, case, p)
    local free = c.free
    if free <= 0 then return nil end
    return p.points, format("nu %d %s vrij", free, free == 1 and "plek" or "plekken")
  end,
}
