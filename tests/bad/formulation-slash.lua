-- expect: formulation-slash.lua:2: formulations["../x"]: names are 1 to 63 letters, digits, '_' or '-'
return { subject = { species = "mouse" }, horizon = "1 d", formulations = { ["../x"] = { carrier = "msc" } }, arms = { control = {} } }
