-- Tries to swallow the budget error with pcall and carry on.
return {
  api_version = 1, name = "stubborn", version = "1.0.0", description = "pcall around a loop",
  phase = "score", priority = 10,
  score = function(c)
    while true do
      pcall(function()
        while true do end
      end)
    end
  end,
}
