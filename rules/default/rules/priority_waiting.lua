-- docs/domain.md, principle 13: time already spent waiting since the case was put forward counts.
local format, min = string.format, math.min

return {
  api_version = 1,
  name = "priority_waiting",
  version = "1.0.0",
  description = "Toewijzing bovenregionale plekken: punten per week wachten",
  label = "Voorrang: wachttijd",
  explanation = "Bij het verdelen van bovenregionale plekken: punten per week sinds de aanmelding.",
  phase = "priority",
  params = {
    points_per_week = {type = "number", default = 1, description = "Punten per week sinds aanmelding",
      label = "Punten per week wachten",
      explanation = "Voorrangspunten per week sinds de aanmelding.",
      min = 0, max = 10},
    max_points = {type = "number", default = 52, description = "Hoogstens zoveel punten",
      label = "Hoogstens zoveel punten",
      explanation = "Het maximum aan voorrangspunten voor wachten.",
      min = 0, max = 200},
  },
  priority = function(c, case, p)
    local weeks = case.weeks_waiting
    if not weeks or weeks <= 0 then return nil end
    return min(weeks * p.points_per_week, p.max_points), format("wacht al %d %s", weeks, weeks == 1 and "week" or "weken")
  end,
}
