-- expect: recursion-stack.lua:2: stack overflow
local function f(n) return 1 + f(n + 1) end
f(1)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
