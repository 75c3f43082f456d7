-- expect: infinite-loop-pcall.lua:2: took too long (instruction limit)
local function spin() while true do end end
while true do
  pcall(spin)
end
return { subject = { species = "mouse" }, horizon = "28 d", arms = { control = {} } }
