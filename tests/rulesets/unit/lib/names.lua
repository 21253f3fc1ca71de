return {prefix = "t-"}
