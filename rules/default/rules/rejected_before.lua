-- docs/domain.md, principle 10 (Noord-Limburg 3.2): a provider that refused this youth is not proposed
-- again without saying so.
return {
  api_version = 1,
  name = "rejected_before",
  version = "1.0.0",
  description = "Aanbieder die deze jeugdige eerder afwees valt af",
  label = "Niet eerder afgewezen",
  explanation = "Harde eis: een aanbieder die deze jeugdige eerder afwees, wordt niet opnieuw voorgesteld.",
  phase = "filter",
  priority = 50,
  filter = function(c, case)
    if case.rejected_by[c.provider] then return "rejected", "heeft deze jeugdige eerder afgewezen" end
    return nil
  end,
}
