-- expect: hang-rep-empty.lua:3: horizon: "": expected a number with a unit, e.g. "5 mg/kg"
local s = string.rep("", math.maxinteger)
return { subject = { species = "mouse" }, horizon = s, arms = { control = {} } }
