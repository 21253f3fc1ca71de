return {api_version = 1, name = "second", version = "1.0.0", description = "x", phase = "plan", priority = 10,
        writes = {"plan_a"},
        plan = function(ranked) return {plan_a = ranked[2]} end}
