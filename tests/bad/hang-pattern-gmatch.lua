-- expect: hang-pattern-gmatch.lua:3: string.gmatch: pattern too costly for a 50000-byte subject (worst case 1.25e+14 steps, limit 1e+08)
local s = ("a"):rep(5e4)
for w in s:gmatch("a+a+b") do end
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
