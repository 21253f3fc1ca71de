return {
  api_version = 1, name = "contracted", version = "1.0.0", description = "a prerequisite, so that offerings are settled",
  phase = "filter", priority = 10,
  depends_on = {"contract"},
  filter = function(c)
    if c.contract ~= "active" then return "no_contract", "geen contract" end
  end,
}
