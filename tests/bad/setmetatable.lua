-- expect: setmetatable.lua:2: attempt to call a nil value (global 'setmetatable')
local t = setmetatable({}, { __index = function() return "mouse" end })
return { subject = { species = t.species }, horizon = "28 d", arms = { control = {} } }
