-- expect: cpu-concat-loop.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
local t = {}
for i = 1, 5e5 do t[i] = "x" end
for i = 1, 1e6 do local s = table.concat(t) end
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
