-- expect: escape-arm-name.lua:2: arms["\x1b[31mred"]: names are 1 to 63 letters, digits, '_' or '-'
return { subject = { species = "mouse" }, horizon = "1 d", arms = { ["\27[31mred"] = {} } }
