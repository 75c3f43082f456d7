-- expect: error-nil.lua: error object is a nil value
error()
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
