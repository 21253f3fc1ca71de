-- docs/domain.md, principle 3 (FoodValley handboek 2.2: "maatwerk blijft mogelijk"): an approved
-- maatwerk on the case lifts the exclusions of the categories it allows. Lifted exclusions stay
-- visible in the result with who approved, when and why; they are never hidden.
local format, pairs = string.format, pairs

return {
  api_version = 1,
  name = "maatwerk",
  version = "1.0.0",
  description = "Goedgekeurd maatwerk heft de toegestane uitsluitingen op",
  label = "Maatwerk",
  explanation = "Goedgekeurd maatwerk heft de uitsluitingen op die de RET heeft toegestaan; de uitsluiting blijft zichtbaar als opgeheven.",
  phase = "exception",
  priority = 10,
  params = {
    categories = {
      type = "map",
      keys = {"non_contracted", "outside_region"},
      default = {
        non_contracted = {"no_contract", "contract_ended", "contract_suspended", "contract_expired",
                          "contract_not_started", "wrong_lot", "not_in_network"},
        outside_region = {"outside_region"},
      },
      description = "Per maatwerkcategorie de uitsluitingscodes die zij mag opheffen",
      label = "Uitsluitingen per maatwerkcategorie",
      explanation = "Per maatwerkcategorie de uitsluitingscodes die goedgekeurd maatwerk mag opheffen.",
      key_labels = {non_contracted = "niet-gecontracteerd aanbod", outside_region = "buiten het toegestane gebied"},
    },
  },
  lift = function(c, case, exclusion, p)
    local m = case.maatwerk
    if not m then return nil end
    for category in pairs(m.allow) do
      local codes = p.categories[category]
      if codes then
        for i = 1, #codes do
          if codes[i] == exclusion.code then
            return format("maatwerk goedgekeurd door %s op %s: %s", m.approved_by, m.date, m.reason)
          end
        end
      end
    end
    return nil
  end,
}
