-- docs/domain.md, principles 5 and 10: avoid re-placement and breakdown; a provider already involved
-- with this youth keeps the thread.
return {
  api_version = 1,
  name = "continuity",
  version = "1.0.0",
  description = "Punten voor een aanbieder die eerder bij de jeugdige betrokken was",
  phase = "score",
  priority = 60,
  params = {
    points = {type = "number", default = 15, description = "Punten voor eerdere betrokkenheid"},
  },
  score = function(c, case, p)
    if case.previous_providers[c.provider] then return p.points, "eerder betrokken bij deze jeugdige" end
    return nil
  end,
}
