-- expect: hang-pattern-frontier.lua:3: string.find: pattern too costly for a 100000-byte subject (worst case 1e+20 steps, limit 1e+08)
local s = ("ab"):rep(5e4)
return { s:find("%f[%a]a-%f[%a]a-%f[%a]a-b$") }
