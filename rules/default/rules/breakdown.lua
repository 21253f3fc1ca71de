-- Refusals and history count (Noord-Limburg 3.2): a provider with whom a placement of this youth
-- broke down (afgebroken plaatsing, case.history.breakdowns) is not proposed again. A provider
-- the youth knows without a breakdown (previous_providers) keeps the thread instead (continuity).
return {
  api_version = 1,
  name = "breakdown",
  version = "1.0.0",
  description = "Aanbieder bij wie een plaatsing van deze jeugdige is afgebroken valt af",
  label = "Geen afgebroken plaatsing",
  explanation = "Harde eis: een aanbieder bij wie een plaatsing van deze jeugdige eerder is afgebroken, wordt niet opnieuw voorgesteld.",
  phase = "filter",
  priority = 55,
  filter = function(c, case)
    if case.breakdowns[c.provider] then
      return "breakdown", "een eerdere plaatsing van deze jeugdige bij deze aanbieder is afgebroken"
    end
    return nil
  end,
}
