-- CONTRACT.md default behaviour 3 and DOMAIN.md principle 6: timely offerings (a free place now,
-- or a wait within the case's max_wait_weeks) rank before the others.
return {
  api_version = 1,
  name = "timely_first",
  version = "1.0.0",
  description = "Tijdig beschikbaar aanbod eerst",
  phase = "order",
  priority = 10,
  writes = {"timely"},
  key = function(c)
    return c.timely and 0 or 1
  end,
}
