-- expect: hang-pattern-init.lua:3: string.find: pattern too costly for a 50000-byte subject (worst case 1.25e+14 steps, limit 1e+08)
local s = ("a"):rep(1e5)
local i = s:find(".-.-b", -5e4)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
