-- expect: hang-rep-empty-sep.lua:3: horizon: "x": expected a number with a unit, e.g. "5 mg/kg"
local s = string.rep("", math.maxinteger, "")
return { subject = { species = "mouse" }, horizon = s .. "x", arms = { control = {} } }
