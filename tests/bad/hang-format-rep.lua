-- expect: hang-format-rep.lua:2: memory limit exceeded (64 MiB)
local s = string.format("%099d", 1):rep(1e8)
return {}
