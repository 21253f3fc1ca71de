-- JeugdzorgPlus (gesloten jeugdhulp) only with a machtiging gesloten jeugdhulp from the
-- kinderrechter (case.legal.secure_authorisation). Without one, a closed placement is not an
-- option the RET can advise; maatwerk cannot lift this.
local labels = require("labels")
local util = require("util")
local contains = util.contains
local format = string.format

return {
  api_version = 1,
  name = "secure_authorisation",
  version = "1.0.0",
  description = "Gesloten jeugdhulp alleen met een machtiging van de kinderrechter",
  label = "Machtiging gesloten jeugdhulp",
  explanation = "Harde eis: gesloten jeugdhulp alleen met een machtiging van de kinderrechter.",
  phase = "filter",
  priority = 25,
  params = {
    care_forms = {type = "list", vocabulary = "care_form", default = {"secure_residential"},
                  description = "Zorgvormen die een machtiging gesloten jeugdhulp vragen",
      label = "Zorgvormen met machtiging",
      explanation = "Zorgvormen die een machtiging gesloten jeugdhulp vragen."},
  },
  filter = function(c, case, p)
    if case.legal.secure_authorisation or not contains(p.care_forms, c.care_form) then return nil end
    return "no_secure_authorisation",
      format("%s alleen met een machtiging gesloten jeugdhulp van de kinderrechter; die is niet opgegeven",
             labels.care_form[c.care_form] or c.care_form)
  end,
}
