return {
  api_version = 1, name = "echo_tag", version = "1.0.0", description = "shows derived facts",
  phase = "score", priority = 30,
  score = function(c) return 0, c.tag .. (c.seen and " gezien" or "") end,
}
