-- Contracted providers only (FoodValley handboek 2.2), maatwerk stays possible: an offering
-- admitted only because an approved maatwerk lifted an exclusion (c.maatwerk) ranks after every
-- equally timely offering that is admitted on its own (order step 2).
return {
  api_version = 1,
  name = "contracted_first",
  version = "1.0.0",
  description = "Gecontracteerd aanbod vóór aanbod dat alleen via maatwerk mag",
  label = "Gecontracteerd eerst",
  explanation = "Volgordestap 2: gecontracteerd aanbod gaat vóór aanbod dat alleen via goedgekeurd maatwerk mag. Komt vóór de score.",
  phase = "order",
  priority = 15,
  writes = {"maatwerk"},
  key = function(c)
    return c.maatwerk and 1 or 0
  end,
}
