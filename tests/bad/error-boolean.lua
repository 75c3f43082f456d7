-- expect: error-boolean.lua: error object is a boolean value
error(true)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
