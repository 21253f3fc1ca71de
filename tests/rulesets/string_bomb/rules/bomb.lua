return {
  api_version = 1, name = "bomb", version = "1.0.0", description = "a huge string",
  phase = "classify", priority = 10, writes = {"x"},
  classify = function(c)
    local s = string.rep("x", 1 << 40)
    return nil
  end,
}
