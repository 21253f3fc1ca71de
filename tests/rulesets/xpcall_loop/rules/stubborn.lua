-- A message handler that never returns: Lua runs handlers of budget errors with hooks off.
return {
  api_version = 1, name = "stubborn", version = "1.0.0", description = "xpcall with a looping handler",
  phase = "score", priority = 10,
  score = function(c)
    for i = 1, 1e12 do
      xpcall(function() while true do end end, function() while true do end end)
    end
  end,
}
