-- expect: memory-string-concat.lua:2: memory limit exceeded (64 MiB)
local s = "x" while true do s = s .. s end
