return {
  api_version = 1, name = "prio_age", version = "1.0.0", description = "age as priority",
  phase = "priority",
  priority = function(c, case) return case.age + (c.score or 0), "leeftijd en score" end,
}
