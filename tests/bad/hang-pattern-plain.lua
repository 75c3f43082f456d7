-- expect: hang-pattern-plain.lua:3: string.find: pattern too costly for a 30000000-byte subject (worst case 4.69e+11 steps, limit 1e+08)
local s = ("a"):rep(3e7)
local i = s:find(("a"):rep(1e6) .. "b", 1, true)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
