-- Tries to escape the budget inside coroutines.
return {
  api_version = 1, name = "stubborn", version = "1.0.0", description = "coroutine around a loop",
  phase = "order", priority = 10,
  key = function(c)
    while true do
      local co = coroutine.create(function()
        while true do end
      end)
      coroutine.resume(co)
      local w = coroutine.wrap(function() while true do end end)
      pcall(w)
    end
  end,
}
