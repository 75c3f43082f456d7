-- expect: cpu-upper-loop.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
local s = ("x"):rep(2e7)
for i = 1, 1e6 do local t = s:upper() end
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
