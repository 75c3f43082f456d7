-- expect: cpu-churn-concat.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
for i = 1, 1e7 do local s = ("x"):rep(1e6) .. i end
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
