-- docs/domain.md, principle 4 (Westfriesland 1.3.1): nationally procured care (landelijk ingekochte
-- zorg, product category 55), closed placements (JeugdzorgPlus) and eating-disorder care may lie
-- outside the region without counting as a failure. Marks such offerings `exempt`: the tier
-- ladder, the region boundary and the gap signal leave them alone, distance orders them.
local labels = require("labels")
local util = require("util")
local contains = util.contains

return {
  api_version = 1,
  name = "exempt_care",
  version = "1.1.0",
  description = "Landelijk ingekochte zorg, JeugdzorgPlus en eetstoornissen: regiogrens telt niet",
  label = "Uitgezonderde zorg",
  explanation = "Landelijk ingekochte zorg, gesloten jeugdhulp en eetstoornissen mogen buiten de regio: voor die zorg telt de trede niet, alleen de afstand.",
  phase = "classify",
  priority = 10,
  writes = {"exempt", "exempt_reason"},
  -- Whether an offering is exempt care depends on these facts of the offering and the case's
  -- required expertise alone: the engine works out exemption for offerings a prerequisite
  -- settled once per combination of them, and remembers it across queries (docs/rules.md,
  -- "depends_on").
  depends_on = {"care_form", "product_category", "expertise"},
  case_depends_on = {"expertise"},
  params = {
    care_forms = {type = "list", vocabulary = "care_form", default = {"secure_residential"},
                  description = "Zorgvormen die buiten de regio mogen (gesloten plaatsingen)",
      label = "Uitgezonderde zorgvormen",
      explanation = "Zorgvormen die buiten de regio mogen (gesloten plaatsingen)."},
    product_categories = {type = "list", vocabulary = "product_category", default = {"55"},
                          description = "Productcategorieën (iJw JZ020) die landelijk zijn ingekocht",
      label = "Landelijk ingekochte productcategorieën",
      explanation = "Productcategorieën (iJw JZ020) die landelijk zijn ingekocht."},
    expertise = {type = "list", vocabulary = "expertise", default = {"eating_disorder"},
                 description = "Expertise die buiten de regio mag worden gezocht, als de jeugdige die nodig heeft",
      label = "Uitgezonderde expertise",
      explanation = "Expertise die buiten de regio mag worden gezocht als de jeugdige die nodig heeft."},
  },
  classify = function(c, case, p)
    if contains(p.care_forms, c.care_form) then
      return {exempt = true, exempt_reason = labels.care_form[c.care_form] or c.care_form}
    end
    if contains(p.product_categories, c.product_category) then
      return {exempt = true, exempt_reason = labels.product_category[c.product_category] or "landelijk ingekochte zorg"}
    end
    local wanted = p.expertise
    for i = 1, #wanted do
      local e = wanted[i]
      if case.expertise_set[e] and c.expertise[e] then
        return {exempt = true, exempt_reason = labels.expertise[e] or e}
      end
    end
    return nil
  end,
}
