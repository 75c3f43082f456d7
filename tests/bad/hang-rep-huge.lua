-- expect: hang-rep-huge.lua:2: memory limit exceeded (64 MiB)
local s = ("x"):rep(1e10)
return {}
