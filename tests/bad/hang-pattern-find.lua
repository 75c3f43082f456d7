-- expect: hang-pattern-find.lua:3: string.find: pattern too costly for a 100000-byte subject (worst case 1e+25 steps, limit 1e+08)
local s = ("a"):rep(1e5)
local i = s:find(".-.-.-.-b")
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
