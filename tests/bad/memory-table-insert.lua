-- expect: memory-table-insert.lua:2: memory limit exceeded (64 MiB)
local t = {} while true do t[#t + 1] = {} end
