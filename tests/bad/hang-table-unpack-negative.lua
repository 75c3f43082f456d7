-- expect: hang-table-unpack-negative.lua:2: table.unpack: more than 65536 values
local t = { table.unpack({}, -1e6, 0) }
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
