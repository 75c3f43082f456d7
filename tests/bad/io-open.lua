-- expect: io-open.lua:2: attempt to index a nil value (global 'io')
local f = io.open("/etc/passwd")
return { subject = { species = "mouse" }, horizon = "28 d", arms = { control = {} } }
