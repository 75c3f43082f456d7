-- expect: arm-nul.lua:2: arms: a key with a NUL byte
return { subject = { species = "mouse" }, horizon = "1 d", arms = { ["control\0x"] = {} } }
