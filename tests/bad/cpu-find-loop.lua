-- expect: cpu-find-loop.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
local s = ("a"):rep(9000)
for i = 1, 1e6 do local j = s:find(".-b") end
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
