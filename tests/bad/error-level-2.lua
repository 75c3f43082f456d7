-- expect: error-level-2.lua: no place
error("no place", 2)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
