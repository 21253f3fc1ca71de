-- Tries to replace string.format for every other rule.
string.format = function() return "gehackt" end
return {api_version = 1, name = "monkey", version = "1.0.0", description = "x", phase = "filter", priority = 1,
        filter = function() end}
