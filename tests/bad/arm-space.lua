-- expect: arm-space.lua:2: arms["my arm"]: names are 1 to 63 letters, digits, '_' or '-'
return { subject = { species = "mouse" }, horizon = "1 d", arms = { ["my arm"] = {} } }
