-- expect: hang-rep-method.lua:2: memory limit exceeded (64 MiB)
local s = ("x"):rep(1e12)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
