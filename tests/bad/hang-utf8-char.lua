-- expect: hang-utf8-char.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
local t = {} for i = 1, 1e6 do t[i] = 0x10ffff end
for i = 1, 1e3 do utf8.char(table.unpack(t, 1, 60000)) end
return {}
