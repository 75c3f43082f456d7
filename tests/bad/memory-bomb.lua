-- expect: memory-bomb.lua:2: memory limit exceeded (64 MiB)
local big = string.rep("x", 1e9)
return { name = big, subject = { species = "mouse" }, horizon = "28 d", arms = { control = {} } }
