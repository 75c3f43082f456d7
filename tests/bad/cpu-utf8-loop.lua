-- expect: cpu-utf8-loop.lua: the study file took more than 1.5 s of CPU time to load (limit: --load-timeout)
local s = ("\u{e9}"):rep(1e7)
for i = 1, 1e6 do local n = utf8.len(s) end
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
