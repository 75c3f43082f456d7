-- expect: cpu-unpack-loop.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
for i = 1, 1e7 do local n = select("#", table.unpack({}, 1, 60000)) end
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
