return {
  api_version = 1, name = "peek", version = "1.0.0", description = "prerequisite that reads too much",
  phase = "filter", priority = 10,
  depends_on = {"contract"},
  filter = function(c)
    -- provider_name is not in depends_on: the view refuses it
    if c.contract ~= "active" and c.provider_name ~= "" then return "no_contract", "geen contract" end
  end,
}
