return {
  api_version = 1, name = "bomb", version = "1.0.0", description = "a table without end",
  phase = "filter", priority = 10,
  filter = function(c)
    local t = {}
    local i = 0
    while true do
      i = i + 1
      t[i] = {i, i}
    end
  end,
}
