-- expect: cpu-remove-loop.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
local t = {}
for i = 1, 2e6 do t[i] = i end
while #t > 0 do table.remove(t, 1) end
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
