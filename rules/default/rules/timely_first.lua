-- Capacity and waiting are real (order step 1): timely offerings (a free place now, or a known
-- wait within what the youth can bear: case.max_wait_weeks) rank before the others. A full place
-- with an unknown wait is not timely.
return {
  api_version = 1,
  name = "timely_first",
  version = "1.0.0",
  description = "Tijdig beschikbaar aanbod eerst",
  label = "Tijdig eerst",
  explanation = "Volgordestap 1: aanbod dat op tijd beschikbaar is (nu een plek vrij, of een bekende wachttijd binnen wat de jeugdige kan wachten) gaat vóór aanbod dat dat niet is. Komt vóór de score.",
  phase = "order",
  priority = 10,
  writes = {"timely"},
  key = function(c)
    return c.timely and 0 or 1
  end,
}
