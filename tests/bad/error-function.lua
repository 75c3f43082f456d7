-- expect: error-function.lua: error object is a function value
error(function() end)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
