return {
  api_version = 1, name = "exclude_everything", version = "1.0.0", description = "disabled in params.json",
  phase = "filter", priority = 1,
  filter = function() return "everything", "alles" end,
}
