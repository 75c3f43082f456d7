-- expect: error-assert-table.lua: error object is a table value
assert(false, {})
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
