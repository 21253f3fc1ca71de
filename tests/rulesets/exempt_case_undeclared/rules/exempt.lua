return {
  api_version = 1, name = "exempt", version = "1.0.0", description = "exempt care that reads more of the case than it says",
  phase = "classify", priority = 10, writes = {"exempt"},
  depends_on = {"care_form", "expertise"},
  case_depends_on = {"age"},
  classify = function(c, case)
    -- expertise_set is not covered by case_depends_on: the case view refuses it
    if case.expertise_set.eating_disorder and c.expertise.eating_disorder then return {exempt = true} end
  end,
}
