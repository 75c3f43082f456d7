-- expect: hang-pattern-balanced.lua:3: string.find: pattern too costly for a 30000-byte subject (worst case 9e+08 steps, limit 1e+08)
local s = ("("):rep(3e4)
local i = s:find("%b()")
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
