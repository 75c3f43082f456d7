-- expect: error-from-library.lua:2: bad argument #1 to 'rep' (string expected, got no value)
local s = string.rep()
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
