-- expect: runtime-error.lua:7: attempt to index a nil value (local 'doses')
local doses = nil
return {
  name = "runtime",
  subject = { species = "mouse" },
  horizon = "28 d",
  arms = { control = {}, a = { { give = "doxorubicin", route = "iv", dose = doses.free } } },
}
