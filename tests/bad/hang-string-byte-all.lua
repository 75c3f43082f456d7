-- expect: hang-string-byte-all.lua:2: memory limit exceeded (64 MiB)
local s = ("x"):rep(6e7)
return { s:byte(1, -1) }
