-- Backtracking for ever inside one C call: 12 stars on 60 bytes (short subjects were not checked).
return {
  api_version = 1, name = "costly", version = "1.0.0", description = "pattern with twelve stars",
  phase = "score", priority = 10,
  score = function(c)
    return string.find(("a"):rep(60), ("a*"):rep(12) .. "b") and 1 or 0, "nooit"
  end,
}
