-- docs/formats.md, default behaviour 1: every expertise the case needs is offered.
local labels = require("labels")
local util = require("util")
local dutch_list = util.dutch_list

return {
  api_version = 1,
  name = "required_expertise",
  version = "1.0.0",
  description = "Alle gevraagde expertise is aanwezig",
  label = "Gevraagde expertise aanwezig",
  explanation = "Harde eis: alle expertise die de casus vraagt, moet het aanbod hebben.",
  phase = "filter",
  priority = 30,
  filter = function(c, case)
    local needed, offered, missing = case.expertise, c.expertise, nil
    for i = 1, #needed do
      local e = needed[i]
      if not offered[e] then
        missing = missing or {}
        missing[#missing + 1] = labels.expertise[e] or e
      end
    end
    if not missing then return nil end
    return "expertise_missing", "mist de gevraagde expertise: " .. dutch_list(missing)
  end,
}
