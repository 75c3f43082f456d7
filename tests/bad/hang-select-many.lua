-- expect: hang-select-many.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
local t = {} for i = 1, 1e6 do t[i] = i end
for i = 1, 1e4 do select("#", table.unpack(t, 1, 60000)) end
return {}
