-- docs/domain.md, principles 5 and 10: avoid re-placement and breakdown; a provider already involved
-- with this youth keeps the thread.
return {
  api_version = 1,
  name = "continuity",
  version = "1.0.0",
  description = "Punten voor een aanbieder die eerder bij de jeugdige betrokken was",
  label = "Bekende aanbieder",
  explanation = "Punten voor een aanbieder die de jeugdige al kent zonder dat een plaatsing afbrak (continuïteit). De score beslist pas na de volgordestappen (tijdig, gecontracteerd, nabije treden, zo thuis mogelijk, trede): deze punten kiezen alleen tussen kandidaten die daar gelijk eindigen.",
  phase = "score",
  priority = 60,
  params = {
    points = {type = "number", default = 15, description = "Punten voor eerdere betrokkenheid",
      label = "Punten voor een bekende aanbieder",
      explanation = "Zoveel punten krijgt een aanbieder die de jeugdige al kent.",
      min = 0, max = 50},
  },
  score = function(c, case, p)
    if case.previous_providers[c.provider] then return p.points, "eerder betrokken bij deze jeugdige" end
    return nil
  end,
}
