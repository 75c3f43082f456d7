-- expect: string-dump.lua:2: attempt to call a nil value (field 'dump')
local code = ("").dump(function() end)
return { subject = { species = "mouse" }, horizon = "28 d", arms = { control = {} } }
