local socket = require("socket")

return {api_version = 1, name = "sneaky", version = "1.0.0", description = "x", phase = "filter", priority = 1,
        filter = function() end}
