-- expect: hang-pattern-set.lua:3: string.find: pattern too costly for a 60000-byte subject (worst case 2.16e+14 steps, limit 1e+08)
local s = ("ab"):rep(3e4)
local i = s:find("[ab]*[ab]*c")
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
