-- Loops only for offering "loop-me": the host must survive and serve the next call.
return {
  api_version = 1, name = "loop_for_one", version = "1.0.0", description = "endless loop for one offering",
  phase = "score", priority = 40,
  score = function(c)
    if c.offering == "loop-me" then
      while true do end
    end
    return nil
  end,
}
