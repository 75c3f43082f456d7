-- expect: error-number.lua: error: 42
error(42)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
