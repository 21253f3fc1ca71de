-- Capacity and waiting are real: for a place that is full now, the reason says whether its wait
-- fits what the youth can bear (case.max_wait_weeks: the case's own, or the rule set's default
-- for its urgency, settings.max_wait_weeks). A full place that reports a wait of 0 weeks does not
-- know its wait (c.wait_unknown): not timely, and said so.
local labels = require("labels")
local format = string.format
local weeks = labels.weeks

local function can_wait(case)
  local text = weeks(case.max_wait_weeks)
  if case.max_wait_is_default then
    text = text .. " (standaard bij urgentie " .. (labels.urgency[case.urgency] or case.urgency) .. ")"
  end
  return text
end

return {
  api_version = 1,
  name = "waiting_time",
  version = "1.0.0",
  description = "Wachttijd van een volle plek: binnen of buiten wat de jeugdige kan wachten, of onbekend",
  label = "Wachttijd",
  explanation = "Zegt of een bekende wachttijd past bij wat de jeugdige kan wachten; aftrek als de wachttijd onbekend is. De score beslist pas na de volgordestappen (tijdig, gecontracteerd, nabije treden, zo thuis mogelijk, trede): deze punten kiezen alleen tussen kandidaten die daar gelijk eindigen.",
  phase = "score",
  priority = 75,
  params = {
    unknown_points = {type = "number", default = -5,
                      description = "Punten (negatief) als er geen plek vrij is en geen wachttijd is opgegeven",
      label = "Aftrek bij onbekende wachttijd",
      explanation = "Zoveel punten (negatief) als er geen plek vrij is en geen wachttijd is opgegeven.",
      min = -50, max = 0},
  },
  score = function(c, case, p)
    if c.free > 0 then return nil end
    if c.wait_unknown then
      return p.unknown_points, "geen plek vrij en geen wachttijd opgegeven: wachttijd onbekend, niet tijdig"
    end
    if c.timely then
      return 0, format("wachttijd %s, binnen de %s die de jeugdige kan wachten", weeks(c.wait_weeks), can_wait(case))
    end
    return 0, format("wachttijd %s, langer dan de %s die de jeugdige kan wachten", weeks(c.wait_weeks), can_wait(case))
  end,
}
