-- expect: hang-rep-sep.lua:2: memory limit exceeded (64 MiB)
local s = string.rep("", math.maxinteger, "x")
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
