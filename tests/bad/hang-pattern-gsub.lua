-- expect: hang-pattern-gsub.lua:3: string.gsub: pattern too costly for a 50000-byte subject (worst case 2.5e+09 steps, limit 1e+08)
local s = ("a"):rep(5e4)
local t = s:gsub("a*b", "")
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
