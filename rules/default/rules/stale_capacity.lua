-- docs/domain.md, principle 6: capacity data older than the threshold is used, but flagged as stale
-- ("not trusted silently"). The penalty in the score is a separate rule: stale_penalty.
return {
  api_version = 1,
  name = "stale_capacity",
  version = "1.0.0",
  description = "Capaciteit ouder dan max_age_days heet niet actueel",
  label = "Actuele capaciteit",
  explanation = "Capaciteit die langer dan het aantal dagen niet is bijgewerkt, heet niet actueel: ze wordt gebruikt, maar gemarkeerd.",
  phase = "classify",
  priority = 20,
  writes = {"stale"},
  params = {
    max_age_days = {type = "integer", default = 30,
                    description = "Na hoeveel dagen zonder update de capaciteit niet meer actueel is",
      label = "Dagen tot niet actueel",
      explanation = "Na zoveel dagen zonder update heet de capaciteit niet meer actueel.",
      min = 1, max = 365},
  },
  classify = function(c, case, p)
    if c.capacity_age_days > p.max_age_days then return {stale = true} end
    return nil
  end,
}
