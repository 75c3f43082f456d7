-- expect: require.lua:2: attempt to call a nil value (global 'require')
local lfs = require("lfs")
return { subject = { species = "mouse" }, horizon = "28 d", arms = { control = {} } }
