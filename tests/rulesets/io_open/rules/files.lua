return {
  api_version = 1, name = "files", version = "1.0.0", description = "reads a file",
  phase = "filter", priority = 10,
  filter = function(c)
    local f = io.open("/etc/passwd")
    return nil
  end,
}
