-- docs/formats.md, default behaviour 1: no contraindication of the offering matches a flag of the case
-- (e.g. arson, severe aggression, active addiction).
local labels = require("labels")
local util = require("util")
local dutch_list = util.dutch_list

return {
  api_version = 1,
  name = "contraindications",
  version = "1.0.0",
  description = "Geen contra-indicatie van het aanbod past bij een kenmerk van de jeugdige",
  label = "Geen contra-indicatie",
  explanation = "Harde eis: aanbod met een contra-indicatie die past bij een kenmerk van de jeugdige valt af.",
  phase = "filter",
  priority = 40,
  filter = function(c, case)
    local flags, contra, hits = case.flag_list, c.contraindications, nil
    for i = 1, #flags do
      local f = flags[i]
      if contra[f] then
        hits = hits or {}
        hits[#hits + 1] = labels.flag[f] or f
      end
    end
    if not hits then return nil end
    return "contraindication", "contra-indicatie: " .. dutch_list(hits)
  end,
}
