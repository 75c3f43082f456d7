-- expect: cpu-pcall-rep.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
for i = 1, 1e6 do pcall(function() local s = ("x"):rep(2e7) end) end
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
