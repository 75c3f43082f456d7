-- expect: hang-pattern-match.lua:3: string.match: pattern too costly for a 20000-byte subject (worst case 8e+12 steps, limit 1e+08)
local s = ("a"):rep(2e4)
local a = string.match(s, "(.*)(.*)x")
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
