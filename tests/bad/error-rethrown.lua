-- expect: error-rethrown.lua: error object is a table value
local ok, e = pcall(error, { code = 1 })
error(e)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
