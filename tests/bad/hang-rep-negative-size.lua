-- expect: hang-rep-negative-size.lua:2: memory limit exceeded (64 MiB)
local s = ("ab"):rep(math.maxinteger // 2 + 1)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
