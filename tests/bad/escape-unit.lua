-- expect: escape-unit.lua:2: arms.a[1].dose: "5 \x1b[2Jmg/kg": unknown unit "\x1b[2Jmg"
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {}, a = { { give = "doxorubicin", route = "iv", dose = "5 \27[2Jmg/kg" } } } }
