-- expect: hang-sort-huge.lua:2: memory limit exceeded (64 MiB)
local t = {} for i = 1, 3e6 do t[i] = -i end
for i = 1, 100 do table.sort(t, function(a, b) return a > b end) end
return {}
