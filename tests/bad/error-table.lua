-- expect: error-table.lua: error object is a table value
error({})
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
