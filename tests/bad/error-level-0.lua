-- expect: error-level-0.lua: x
error("x", 0)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
