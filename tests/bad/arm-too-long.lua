-- expect: arm-too-long.lua:2: arms.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: names are 1 to 63 letters, digits, '_' or '-'
return { subject = { species = "mouse" }, horizon = "1 d", arms = { ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"] = {} } }
