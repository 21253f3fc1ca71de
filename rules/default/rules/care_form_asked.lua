-- docs/formats.md, default behaviour 1: the offering's care form is one the case asks for. The engine
-- only passes asked care forms plus the bridging pool; this guards that only the pool (never
-- shown as a candidate, only as a bridging offer) gets through without being asked for.
local labels = require("labels")
local format = string.format

return {
  api_version = 1,
  name = "care_form_asked",
  version = "1.0.0",
  description = "Alleen de gevraagde zorgvormen (en de overbruggingspool)",
  label = "Gevraagde zorgvorm",
  explanation = "Harde eis: alleen de zorgvormen die de casus vraagt (en de overbruggingspool) komen in aanmerking.",
  phase = "filter",
  priority = 10,
  filter = function(c, case)
    if case.care_form_set[c.care_form] or c.bridging_pool then return nil end
    return "care_form_not_asked", format("zorgvorm %s is niet gevraagd", labels.care_form[c.care_form] or c.care_form)
  end,
}
