-- Doubles a string until memory runs out, while loading.
local s = "0123456789abcdef"
while true do
  s = s .. s
end

return {api_version = 1, name = "bomb", version = "1.0.0", description = "x", phase = "filter", priority = 1,
        filter = function() end}
