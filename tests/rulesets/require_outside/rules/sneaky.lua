local ok = require("ok")        -- fine: lib/ok.lua
local evil = require("../../secret")

return {api_version = 1, name = "sneaky", version = "1.0.0", description = "x", phase = "filter", priority = 1,
        filter = function() end}
