-- expect: hang-coroutine-loop.lua:4: took too long (instruction limit)
local co = coroutine and coroutine.wrap(function() while true do end end)
if co then co() end
while true do end
