-- Never finishes loading.
local n = 0
while true do
  n = n + 1
end

return {api_version = 1, name = "loop", version = "1.0.0", description = "x", phase = "filter", priority = 1,
        filter = function() end}
