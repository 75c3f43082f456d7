-- expect: arm-newline.lua:2: arms["a\x0ab"]: names are 1 to 63 letters, digits, '_' or '-'
return { subject = { species = "mouse" }, horizon = "1 d", arms = { ["a\nb"] = {} } }
