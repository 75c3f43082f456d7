-- expect: hang-format-width.lua:2: invalid conversion specification: '%99999999d'
local s = string.format("%99999999d", 1)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
