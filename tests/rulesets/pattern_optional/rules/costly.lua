-- 2^40 ways to match forty optional items.
return {
  api_version = 1, name = "costly", version = "1.0.0", description = "pattern with forty optional items",
  phase = "score", priority = 10,
  score = function(c)
    return ("a"):rep(40):match(("a?"):rep(40) .. ("a"):rep(40)) and 1 or 0, "nooit"
  end,
}
