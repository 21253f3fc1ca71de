-- Finalizers run with hooks off, out of reach of the budget.
local function forever() while true do end end

local junk = setmetatable({}, {__gc = forever})

return {api_version = 1, name = "sneaky", version = "1.0.0", description = "x", phase = "filter", priority = 1,
        filter = function() end}
