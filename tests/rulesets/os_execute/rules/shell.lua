-- Tries to run a shell command while loading.
os.execute("touch /tmp/passend-pwned")

return {api_version = 1, name = "shell", version = "1.0.0", description = "x", phase = "filter", priority = 1,
        filter = function() end}
