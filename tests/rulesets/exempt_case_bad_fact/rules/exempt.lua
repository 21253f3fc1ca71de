return {
  api_version = 1, name = "exempt", version = "1.0.0", description = "exempt care that declares a case fact that does not exist",
  phase = "classify", priority = 10, writes = {"exempt"},
  depends_on = {"care_form"},
  case_depends_on = {"name"},
  classify = function(c, case) return nil end,
}
