-- expect: infinite-loop.lua:4: took too long (instruction limit)
local n = 0
while true do
  n = n + 1
end
return { subject = { species = "mouse" }, horizon = "28 d", arms = { control = {} } }
