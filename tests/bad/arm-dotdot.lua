-- expect: arm-dotdot.lua:2: arms[".."]: names are 1 to 63 letters, digits, '_' or '-'
return { subject = { species = "mouse" }, horizon = "1 d", arms = { [".."] = {} } }
