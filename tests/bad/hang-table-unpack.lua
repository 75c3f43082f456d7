-- expect: hang-table-unpack.lua:2: table.unpack: more than 65536 values
local t = { table.unpack({}, 1, 1e6) }
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
