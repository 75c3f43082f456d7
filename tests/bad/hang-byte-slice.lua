-- expect: hang-byte-slice.lua:3: stack overflow (string slice too long)
local s = ("x"):rep(3e6)
local t = { s:byte(1, -1) }
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
