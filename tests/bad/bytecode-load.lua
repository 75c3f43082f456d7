-- expect: bytecode-load.lua:2: attempt to call a nil value (global 'load')
local f = load("\27Lua...")
return { subject = { species = "mouse" }, horizon = "28 d", arms = { control = {} } }
