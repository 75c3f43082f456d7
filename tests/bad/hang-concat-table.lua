-- expect: hang-concat-table.lua:2: memory limit exceeded (64 MiB)
local t = {} for i = 1, 1e7 do t[i] = "xxxxxxxxxx" end
return { table.concat(t) }
