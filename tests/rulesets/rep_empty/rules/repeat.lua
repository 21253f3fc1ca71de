-- An empty string repeated 10^15 times: nothing to build, but a loop of 10^15 steps in C.
return {
  api_version = 1, name = "repeat", version = "1.0.0", description = "string.rep of nothing",
  phase = "score", priority = 10,
  score = function(c)
    local s = string.rep("", 1e15)
    return #s, "leeg"
  end,
}
