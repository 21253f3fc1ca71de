-- Captures and back-references backtrack against each other.
return {
  api_version = 1, name = "costly", version = "1.0.0", description = "pattern with back-references",
  phase = "score", priority = 10,
  score = function(c)
    local p = "(a*)(a*)(a*)(a*)%1%2%3%4%1%2%3%4b"
    return string.find(("a"):rep(300), p) and 1 or 0, "nooit"
  end,
}
