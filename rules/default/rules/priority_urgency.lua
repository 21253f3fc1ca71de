-- docs/domain.md, principle 13: scarce supra-regional places are allocated by published priority
-- rules. Urgency of the case counts first.
local labels = require("labels")

return {
  api_version = 1,
  name = "priority_urgency",
  version = "1.0.0",
  description = "Toewijzing bovenregionale plekken: punten voor urgentie",
  label = "Voorrang: urgentie",
  explanation = "Bij het verdelen van bovenregionale plekken: punten per urgentie.",
  phase = "priority",
  params = {
    points = {type = "map", key_vocabulary = "urgency", default = {crisis = 50, high = 30, normal = 0},
              description = "Punten per urgentie",
      label = "Punten per urgentie",
      explanation = "Voorrangspunten voor crisis, hoog en normaal.",
      min = 0, max = 100,
      key_labels = {crisis = "crisis", high = "hoog", normal = "normaal"}},
  },
  priority = function(c, case, p)
    return p.points[case.urgency] or 0, "urgentie " .. (labels.urgency[case.urgency] or case.urgency)
  end,
}
