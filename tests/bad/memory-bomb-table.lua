-- expect: memory-bomb-table.lua:4: memory limit exceeded (64 MiB)
local t = {}
for i = 1, 1e8 do
  t[i] = { i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i }
end
return { subject = { species = "mouse" }, horizon = "28 d", arms = { control = {} } }
