local names = require("names")
return {
  api_version = 1, name = "mark", version = "1.0.0", description = "derives stale, exempt and a tag",
  phase = "classify", priority = 10, writes = {"stale", "exempt", "tag"},
  classify = function(c)
    return {stale = c.capacity_age_days > 30, exempt = c.care_form == "secure_residential", tag = names.prefix .. c.offering}
  end,
}
