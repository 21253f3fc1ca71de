local f, err = load("\27Lua\84\0", "=x", "b")
return {api_version = 1, name = "binary", version = "1.0.0", description = "x", phase = "filter", priority = 1,
        filter = function() end}
